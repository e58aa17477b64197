/**
 * plain-events/testing: a local Plain-compatible GraphQL server for end-to-end tests of code
 * that sends events, with faults on demand.
 *
 * @packageDocumentation
 */
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
