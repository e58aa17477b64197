/**
 * plain-events/bulk: send many events through a transport (`sendAll`, or `sendEach` for a
 * `for await` loop), with bounded concurrency, rate-limit awareness, reruns that count events
 * already in Plain, and progress.
 *
 * @packageDocumentation
 */
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
