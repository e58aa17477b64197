/**
 * plain-events/transport: send event requests to Plain (`graphqlTransport`), show them
 * (`dumpTransport`) or keep them in memory for tests (`memoryTransport`). Results are values,
 * matchable with ts-pattern; `sendOrThrow` is there for callers who prefer exceptions.
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
export {
  memoryTransport,
  type MemoryTransport,
  type MemoryTransportOptions,
  type MemoryResponder,
} from "./memory.js";
export { failure } from "./failures.js";
export { sendOrThrow } from "./send-or-throw.js";
export { isDuplicateExternalId } from "./idempotency.js";
export { DOCUMENTS } from "./documents.js";
export { PLAIN_ENDPOINT, USER_AGENT, requestBody, type GraphQLBody } from "./http.js";
export type { RetryOptions } from "./retry.js";
export type { RateLimitSnapshot } from "./rate-limit.js";
export type { Clock } from "./clock.js";
export {
  sendAll,
  sendEach,
  type SendAllItem,
  type SendAllEntry,
  type SendAllSkip,
  type SendAllSource,
  type SendAllResult,
  type SendAllSummary,
  type SendAllCounts,
  type SendAllProgress,
  type SendAllOptions,
} from "./send-all.js";
