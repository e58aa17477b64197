/**
 * A fault the test server injects into one request. Faults are consumed one per GraphQL
 * request, in order. With `after: true` the request is handled first (the event is stored)
 * and the fault replaces the answer: the "outcome unknown" case.
 */
export type Fault =
  /** HTTP 429 with Plain's body, `x-ratelimit-remaining: 0` and a reset `resetInMs` away (default 1000). */
  | {
      readonly kind: "rate_limit";
      readonly resetInMs?: number;
      readonly retryAfterSeconds?: number;
    }
  /** HTTP 500 with a plain-text body. */
  | { readonly kind: "http500"; readonly after?: boolean }
  /** Any HTTP status with a plain-text body. */
  | { readonly kind: "http"; readonly status: number; readonly after?: boolean }
  /** A `MutationError` of type `INTERNAL`. */
  | { readonly kind: "internal"; readonly after?: boolean }
  /** A GraphQL `INTERNAL_SERVER_ERROR` in `errors[]`. */
  | { readonly kind: "graphql_internal"; readonly after?: boolean }
  /** A `MutationError` of type `FORBIDDEN` naming the missing permission. */
  | { readonly kind: "forbidden" }
  /** The connection is closed with no answer. */
  | { readonly kind: "drop"; readonly after?: boolean }
  /** The answer waits `ms` (before handling, or after storing with `after: true`). */
  | { readonly kind: "delay"; readonly ms: number; readonly after?: boolean };
