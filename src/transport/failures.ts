import { ValidationError } from "../components/problems.js";
import type { TransportErrorKind, TransportErrorOf } from "./errors.js";
import type { SendFailure } from "./types.js";

type Overrides<K extends TransportErrorKind> = Partial<Omit<TransportErrorOf<K>, "kind">>;

function defaults(kind: TransportErrorKind): Record<string, unknown> {
  switch (kind) {
    case "validation": {
      const cause = new ValidationError("event request", [{ path: "", message: "is invalid" }]);
      return { retryable: false, attempts: 0, problems: cause.problems, cause };
    }
    case "mutation":
      return { retryable: false, type: "VALIDATION", code: "input_validation", fields: [] };
    case "graphql":
      return { retryable: false, status: 200, errors: [] };
    case "http":
      return { retryable: true, status: 500, errors: [] };
    case "rate_limited":
      return { retryable: true, status: 429 };
    case "network":
      return { retryable: true };
    case "timeout":
      return { retryable: true, timeoutMs: 10_000 };
    case "aborted":
      return { retryable: false };
  }
}

/**
 * A ready-made failure of one kind, for {@link memoryTransport} and your own tests:
 * `failure("rate_limited", { resetAt })`. Fields left out get plausible defaults.
 */
export function failure<K extends TransportErrorKind>(
  kind: K,
  overrides: Overrides<K> = {},
): SendFailure {
  const error = {
    kind,
    message: `simulated ${kind} failure`,
    attempts: 1,
    ...defaults(kind),
    ...overrides,
  } as unknown as TransportErrorOf<K>;
  return { ok: false, error };
}
