/**
 * plain-events/testing: a transport that answers from memory (`memoryTransport`) and ready-made
 * failures (`failure`) for unit tests, and a local Plain-compatible GraphQL server for
 * end-to-end tests of code that sends events, with faults on demand.
 *
 * @packageDocumentation
 */
export {
  memoryTransport,
  type MemoryTransport,
  type MemoryTransportOptions,
  type MemoryResponder,
} from "./memory.js";
export { failure } from "./failures.js";
export {
  startPlainTestServer,
  type PlainTestServer,
  type PlainTestServerOptions,
  type StoredEvent,
  type ReceivedRequest,
} from "./server.js";
export type { Fault } from "./faults.js";
export { PLAIN_SUBSET_SDL } from "./schema.js";
export type { PlainMutationError } from "./validate.js";
export { previewSerializer, type PreviewSnapshotSerializer } from "./snapshot.js";
