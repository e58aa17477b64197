import {
  checksItself,
  requestProblems,
  toRequest,
  type EventRequest,
  type RequestSource,
} from "../builder/request.js";
import { ValidationError } from "../components/problems.js";
import type { ValidationFailure } from "./errors.js";

/** A request ready to send, or the reason it cannot be. */
export type Prepared =
  | { readonly ok: true; readonly request: EventRequest }
  | { readonly ok: false; readonly error: ValidationFailure };

/**
 * Builds a request source, or checks a plain request object with the builder's rules, so that
 * nothing Plain would reject for its shape is ever sent. Errors other than a
 * {@link ValidationError} thrown by `build()` are bugs and propagate.
 */
export function prepare(source: EventRequest | RequestSource): Prepared {
  let request: EventRequest;
  try {
    request = toRequest(source);
  } catch (error) {
    if (error instanceof ValidationError) return { ok: false, error: validationFailure(error) };
    throw error;
  }
  // An event with a target built it here and now with the builder's own checks (the same
  // rules), and no one else has held it: checking it again would only make garbage. Any other
  // source, and every plain request object, is checked.
  if (request !== source && checksItself(source)) return { ok: true, request };
  const problems = requestProblems(request);
  if (problems.length > 0) {
    const title = (request as { input?: { title?: unknown } }).input?.title;
    const subject = typeof title === "string" ? `event ${JSON.stringify(title)}` : "event request";
    return { ok: false, error: validationFailure(new ValidationError(subject, problems)) };
  }
  return { ok: true, request };
}

function validationFailure(error: ValidationError): ValidationFailure {
  return {
    kind: "validation",
    message: error.message,
    retryable: false,
    attempts: 0,
    problems: error.problems,
    cause: error,
  };
}
