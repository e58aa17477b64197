/**
 * plain-events/transport: send event requests to Plain (`graphqlTransport`) or show them
 * (`dumpTransport`). Results are values, matchable with ts-pattern; `sendOrThrow` is there for
 * callers who prefer exceptions. The memory transport for tests is in `plain-events/testing`;
 * `sendAll` and `sendEach` for many events are in `plain-events/bulk`.
 *
 * @packageDocumentation
 */
export type {
  Transport,
  SendOptions,
  SendResult,
  SendSuccess,
  SendFailure,
  EventCreated,
  EventAlreadyExisted,
  CreatedEvent,
  CreatedCustomerEvent,
  CreatedThreadEvent,
  ExistingEvent,
  PlainDateTime,
} from "./types.js";
export {
  SendError,
  type TransportError,
  type TransportErrorKind,
  type TransportErrorOf,
  type ValidationFailure,
  type MutationFailure,
  type GraphQLFailure,
  type HttpFailure,
  type RateLimitedFailure,
  type NetworkFailure,
  type TimeoutFailure,
  type AbortedFailure,
  type MutationErrorType,
  type MutationFieldError,
  type MutationFieldErrorType,
  type GraphQLErrorInfo,
} from "./errors.js";
export {
  graphqlTransport,
  type GraphQLTransport,
  type GraphQLTransportOptions,
} from "./graphql.js";
export {
  dumpTransport,
  type DumpTransport,
  type DumpTransportOptions,
  type DumpedRequest,
  type DumpResult,
} from "./dump.js";
export { sendOrThrow } from "./send-or-throw.js";
export { isDuplicateExternalId } from "./idempotency.js";
export { DOCUMENTS } from "./documents.js";
export { PLAIN_ENDPOINT, USER_AGENT, requestBody, type GraphQLBody } from "./http.js";
export type { RetryOptions } from "./retry.js";
export type { RateLimitSnapshot } from "./rate-limit.js";
export type { Clock } from "./clock.js";
