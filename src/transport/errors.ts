import type { Problem, ValidationError } from "../components/problems.js";

/** Plain's `MutationErrorType`. */
export type MutationErrorType = "VALIDATION" | "FORBIDDEN" | "INTERNAL";

/** Plain's `MutationFieldErrorType`. */
export type MutationFieldErrorType = "VALIDATION" | "REQUIRED" | "NOT_FOUND";

/** One field Plain's mutation error points at (`MutationFieldError`). */
export interface MutationFieldError {
  readonly field: string;
  readonly message: string;
  readonly type: MutationFieldErrorType;
}

/** One entry of a GraphQL `errors[]` array. */
export interface GraphQLErrorInfo {
  readonly message: string;
  /** `extensions.code`, e.g. `BAD_USER_INPUT` or `INTERNAL_SERVER_ERROR`. */
  readonly code?: string;
  readonly path?: readonly (string | number)[];
}

/** What every transport error carries. */
interface ErrorBase {
  /** A sentence for logs. Never contains the API key. */
  readonly message: string;
  /** True when sending the same request again later may succeed. */
  readonly retryable: boolean;
  /** Plain's request id (the `apigw-requestid` header) of the last answer, when there was one. */
  readonly requestId?: string;
  /** HTTP attempts made: `0` when nothing was sent. */
  readonly attempts: number;
}

/** The request was refused locally; nothing was sent. */
export interface ValidationFailure extends ErrorBase {
  readonly kind: "validation";
  readonly retryable: false;
  /** Every problem found, each with a path into the request. */
  readonly problems: readonly Problem[];
  /** The same problems as the error the builder throws. */
  readonly cause: ValidationError;
}

/** Plain answered with a `MutationError` (`data.<mutation>.error`). */
export interface MutationFailure extends ErrorBase {
  readonly kind: "mutation";
  /** `VALIDATION` and `FORBIDDEN` are final; `INTERNAL` is retried. */
  readonly type: MutationErrorType;
  /** Plain's open error code (`input_validation`, `forbidden`, …): data, not an enum. */
  readonly code: string;
  readonly fields: readonly MutationFieldError[];
}

/** The GraphQL layer refused the request: `errors[]` in a 2xx or 400 answer. */
export interface GraphQLFailure extends ErrorBase {
  readonly kind: "graphql";
  readonly status: number;
  readonly errors: readonly GraphQLErrorInfo[];
}

/** The HTTP status itself says it failed: 401/403 (key), other 4xx, 5xx, or a body that is not GraphQL. */
export interface HttpFailure extends ErrorBase {
  readonly kind: "http";
  readonly status: number;
  /** GraphQL errors found in the body, if it held any. */
  readonly errors: readonly GraphQLErrorInfo[];
}

/** HTTP 429, or a `RATE_LIMITED` error. */
export interface RateLimitedFailure extends ErrorBase {
  readonly kind: "rate_limited";
  readonly retryable: true;
  readonly status: number;
  /** When the window resets (ISO 8601), from `Retry-After` or `x-ratelimit-reset`. */
  readonly resetAt?: string;
}

/** No HTTP answer: the connection failed or was dropped. */
export interface NetworkFailure extends ErrorBase {
  readonly kind: "network";
  readonly retryable: true;
  /** The system error code when there was one (`ECONNREFUSED`, `UND_ERR_SOCKET`, …). */
  readonly code?: string;
}

/** An attempt took longer than `timeoutMs`. */
export interface TimeoutFailure extends ErrorBase {
  readonly kind: "timeout";
  readonly retryable: true;
  readonly timeoutMs: number;
}

/** The caller's `AbortSignal` fired. Never retried. */
export interface AbortedFailure extends ErrorBase {
  readonly kind: "aborted";
  readonly retryable: false;
}

/**
 * Why a send failed. Match it on `kind` (ts-pattern's `.exhaustive()` works):
 * `validation` · `mutation` · `graphql` · `http` · `rate_limited` · `network` · `timeout` ·
 * `aborted`.
 */
export type TransportError =
  | ValidationFailure
  | MutationFailure
  | GraphQLFailure
  | HttpFailure
  | RateLimitedFailure
  | NetworkFailure
  | TimeoutFailure
  | AbortedFailure;

/** The `kind` of a {@link TransportError}. */
export type TransportErrorKind = TransportError["kind"];

/** The error of one kind. */
export type TransportErrorOf<K extends TransportErrorKind> = Extract<TransportError, { kind: K }>;

/**
 * Thrown by {@link sendOrThrow} for callers who prefer exceptions. `error` is the same value
 * `send` would have returned.
 */
export class SendError extends Error {
  override readonly name = "SendError";
  readonly error: TransportError;

  constructor(error: TransportError) {
    super(error.message, error.kind === "validation" ? { cause: error.cause } : undefined);
    this.error = error;
  }

  /** Shorthand for `error.kind`. */
  get kind(): TransportErrorKind {
    return this.error.kind;
  }

  /** Shorthand for `error.retryable`. */
  get retryable(): boolean {
    return this.error.retryable;
  }
}
