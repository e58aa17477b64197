import { ValidationError } from "../components/problems.js";
import type { TransportErrorKind, TransportErrorOf } from "../transport/errors.js";
import type { SendFailure } from "../transport/types.js";

type Overrides<K extends TransportErrorKind> = Partial<Omit<TransportErrorOf<K>, "kind">>;

const NONE: readonly never[] = Object.freeze([]);

// Plausible fields per kind. A validation failure's cause is made per call (see `failure`).
const DEFAULTS: Readonly<Record<TransportErrorKind, object>> = {
  validation: { retryable: false, attempts: 0 },
  mutation: { retryable: false, type: "VALIDATION", code: "input_validation", fields: NONE },
  graphql: { retryable: false, status: 200, errors: NONE },
  http: { retryable: true, status: 500, errors: NONE },
  rate_limited: { retryable: true, status: 429 },
  network: { retryable: true },
  timeout: { retryable: true, timeoutMs: 10_000 },
  aborted: { retryable: false },
};

/**
 * A ready-made failure of one kind, for {@link memoryTransport} and your own tests:
 * `failure("rate_limited", { resetAt })`. Fields left out get plausible defaults.
 */
export function failure<K extends TransportErrorKind>(
  kind: K,
  overrides: Overrides<K> = {},
): SendFailure {
  const cause =
    kind === "validation"
      ? new ValidationError("event request", [{ path: "", message: "is invalid" }])
      : undefined;
  const error = {
    kind,
    message: `simulated ${kind} failure`,
    attempts: 1,
    ...DEFAULTS[kind],
    ...(cause === undefined ? {} : { problems: cause.problems, cause }),
    ...overrides,
  } as unknown as TransportErrorOf<K>;
  return { ok: false, error };
}
