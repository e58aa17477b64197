import { requestProblems, type EventRequest } from "../builder/request.js";
import type { Problem } from "../components/problems.js";

/** Plain's `MutationError`, as the test server answers it. */
export interface PlainMutationError {
  readonly message: string;
  readonly type: "VALIDATION" | "FORBIDDEN" | "INTERNAL";
  readonly code: string;
  readonly fields: readonly {
    readonly field: string;
    readonly message: string;
    readonly type: "VALIDATION" | "REQUIRED" | "NOT_FOUND";
  }[];
}

/**
 * Checks a mutation's input with the project's own rules (the same the builder applies) and
 * returns Plain's `VALIDATION` error when anything is wrong. Field paths are relative to the
 * input, as in Plain's answers (`components[0].componentText.text`).
 */
export function validationError(
  operation: EventRequest["operation"],
  input: unknown,
): PlainMutationError | undefined {
  const problems = requestProblems({ operation, input });
  if (problems.length === 0) return undefined;
  return {
    message: `There was a validation error (${problems.length === 1 ? "1 problem" : `${problems.length} problems`}).`,
    type: "VALIDATION",
    code: "input_validation",
    fields: problems.map(toFieldError),
  };
}

function toFieldError(problem: Problem): PlainMutationError["fields"][number] {
  const field = problem.path.startsWith("input.") ? problem.path.slice(6) : problem.path;
  return {
    field: field === "input" ? "" : field,
    message: problem.message,
    type: problem.message === "is required" ? "REQUIRED" : "VALIDATION",
  };
}

/** The error the test server gives a second event with the same `externalId`. */
export function duplicateExternalIdError(externalId: string): PlainMutationError {
  return {
    message: `An event with external id ${JSON.stringify(externalId)} already exists.`,
    type: "VALIDATION",
    code: "input_validation",
    fields: [{ field: "externalId", message: "already exists", type: "VALIDATION" }],
  };
}

/** The error for an API key without the permission a mutation needs. */
export function forbiddenError(permission: string): PlainMutationError {
  return {
    message: `The API key is missing the permission ${permission}.`,
    type: "FORBIDDEN",
    code: "forbidden",
    fields: [],
  };
}

/** An `INTERNAL` mutation error. */
export const INTERNAL_ERROR: PlainMutationError = {
  message: "An internal error occurred (injected by the test server).",
  type: "INTERNAL",
  code: "internal",
  fields: [],
};
