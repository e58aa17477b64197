import { toRequest, type EventRequest, type RequestSource } from "../builder/request.js";
import { systemClock, type Clock } from "../transport/clock.js";
import type { MutationFailure, TransportError } from "../transport/errors.js";
import {
  alreadyExisted,
  isDuplicateExternalId as defaultIsDuplicate,
} from "../transport/idempotency.js";
import type { RateLimitSnapshot } from "../transport/rate-limit.js";
import type { EventAlreadyExisted, EventCreated, Transport } from "../transport/types.js";

/** What `transport.send` takes: a request, or an event with a target. */
export type SendAllSource = EventRequest | RequestSource;

/** One item with your own data (a line number, a row id…), handed back with its result. */
export interface SendAllEntry<M> {
  readonly request: SendAllSource;
  readonly meta?: M;
}

/** An item you already know needs no send (done in an earlier run): counted as skipped. */
export interface SendAllSkip<M> {
  /** Why, for your logs: `"done in an earlier run"`. */
  readonly skip: string;
  readonly meta?: M;
}

/** An item of {@link sendAll}'s input. */
export type SendAllItem<M = undefined> = SendAllSource | SendAllEntry<M> | SendAllSkip<M>;

interface ResultBase<M> {
  /** The item's position in the input, from 0 (skipped items count). */
  readonly index: number;
  /** The item's `meta`, when it had one. */
  readonly meta: M | undefined;
}

/** What became of one item. */
export type SendAllResult<M = undefined> =
  /** Plain created the event. */
  | (ResultBase<M> & { readonly status: "sent"; readonly result: EventCreated })
  /**
   * Plain already had it: a retry after a lost answer met its `externalId`, or (with
   * `duplicates: "existed"`, the default) the first attempt did, as in a rerun.
   */
  | (ResultBase<M> & { readonly status: "alreadyExisted"; readonly result: EventAlreadyExisted })
  /** Not sent: invalid (`error.kind === "validation"`, nothing sent) or refused after retries. */
  | (ResultBase<M> & { readonly status: "failed"; readonly error: TransportError })
  /** A {@link SendAllSkip} item. */
  | (ResultBase<M> & { readonly status: "skipped"; readonly reason: string });

/** Counts so far. */
export interface SendAllCounts {
  /** Items taken from the input so far. */
  readonly total: number;
  readonly sent: number;
  readonly alreadyExisted: number;
  readonly failed: number;
  readonly skipped: number;
}

/** What {@link sendAll} resolves to. */
export interface SendAllSummary extends SendAllCounts {
  readonly durationMs: number;
  /** The signal fired: the rest of the input was not read. Every item counted here settled. */
  readonly aborted: boolean;
}

/** Passed to `onProgress` after each item settles, and when sends wait for the rate limit. */
export interface SendAllProgress extends SendAllCounts {
  /** Sends started and not settled. */
  readonly inFlight: number;
  readonly elapsedMs: number;
  /** No send starts until the rate-limit window resets (sent with the wait's length). */
  readonly waitingMs?: number;
  /** `transport.rateLimit`, when the transport has one. */
  readonly rateLimit?: RateLimitSnapshot;
}

/** Options of {@link sendAll} and {@link sendEach}. */
export interface SendAllOptions<M = undefined> {
  /** Sends in flight at once, 1–256. Default 4. */
  readonly concurrency?: number;
  /**
   * Stops reading the input. Sends in flight are not cancelled: they settle (with their
   * retries), are reported, and then the summary says `aborted: true`.
   */
  readonly signal?: AbortSignal;
  /**
   * Called with each item's result, in the order they settle. A returned promise is awaited
   * before the next result is handed out (and no new item starts while results wait), so a
   * slow journal write slows the sends instead of piling up results.
   */
  readonly onResult?: (result: SendAllResult<M>) => void | Promise<void>;
  /** Called after each item settles, and when sending waits for the rate-limit window. */
  readonly onProgress?: (progress: SendAllProgress) => void;
  /**
   * A first attempt refused for a duplicate `externalId`: `"existed"` (default) reports it as
   * `alreadyExisted`, since in a bulk send that means a rerun met an event it sent before;
   * `"failed"` reports it as the transport does, a `mutation` failure.
   */
  readonly duplicates?: "existed" | "failed";
  /** Recognises the duplicate error. Default: the transport's default rule. */
  readonly isDuplicateExternalId?: (error: MutationFailure) => boolean;
  /** Time, for tests. */
  readonly clock?: Clock;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** An item's source and meta, or its reason to skip. */
function unwrap<M>(item: SendAllItem<M>): {
  readonly source?: SendAllSource;
  readonly skip?: string;
  readonly meta: M | undefined;
} {
  // A request has an `operation` and a request source a `build()`: neither is a wrapper.
  if (isObject(item) && typeof item.build !== "function" && !("operation" in item)) {
    const { skip, meta } = item as SendAllSkip<M>;
    if (typeof skip === "string") return { skip, meta };
    if ("request" in item) return { source: (item as SendAllEntry<M>).request, meta };
  }
  return { source: item as SendAllSource, meta: undefined };
}

/**
 * Sends every item of `items` (an `Iterable` or `AsyncIterable`, read lazily) through
 * `transport`, at most `concurrency` at a time, and yields each item's result as it settles.
 * Returns the {@link SendAllSummary} as the generator's return value. See {@link sendAll}.
 *
 * Memory stays bounded: an item is read only when a send can start, so at most `concurrency`
 * items are in flight and at most `concurrency` results wait for the consumer.
 * Leaving the loop early (`break`) stops reading, waits for the sends in flight and closes the
 * input; their results are not reported.
 */
export async function* sendEach<M = undefined>(
  transport: Transport,
  items: Iterable<SendAllItem<M>> | AsyncIterable<SendAllItem<M>>,
  options: SendAllOptions<M> = {},
): AsyncGenerator<SendAllResult<M>, SendAllSummary, undefined> {
  const { concurrency = 4, signal, onProgress, clock = systemClock } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) {
    throw new RangeError(`sendAll: concurrency must be a whole number 1–256, got ${concurrency}`);
  }
  const duplicatesExisted = options.duplicates !== "failed";
  const isDuplicate = options.isDuplicateExternalId ?? defaultIsDuplicate;
  const started = clock.now();
  const counts = { total: 0, sent: 0, alreadyExisted: 0, failed: 0, skipped: 0 };
  const inFlight = new Set<Promise<void>>();
  const ready: SendAllResult<M>[] = [];
  let thrown: { error: unknown } | undefined;
  let exhausted = false;
  let aborted = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  signal?.addEventListener("abort", notify);

  const rateLimit = (): RateLimitSnapshot | undefined => {
    const snapshot: unknown = (transport as { rateLimit?: unknown }).rateLimit;
    return isObject(snapshot) ? (snapshot as unknown as RateLimitSnapshot) : undefined;
  };
  const progress = (waitingMs?: number) => {
    if (onProgress === undefined) return;
    const rl = rateLimit();
    onProgress({
      ...counts,
      inFlight: inFlight.size,
      elapsedMs: clock.now() - started,
      ...(waitingMs === undefined ? {} : { waitingMs }),
      ...(rl === undefined ? {} : { rateLimit: rl }),
    });
  };
  const settle = (result: SendAllResult<M>) => {
    counts[result.status]++;
    ready.push(result);
  };

  async function sendOne(
    source: SendAllSource,
    index: number,
    meta: M | undefined,
  ): Promise<SendAllResult<M>> {
    // The transport builds and checks the item once (a builder's own checks, or the rules for a
    // plain request object).
    const result = await transport.send(source);
    if (result.ok) {
      const status = result.alreadyExisted ? "alreadyExisted" : "sent";
      return { status, index, meta, result } as SendAllResult<M>;
    }
    const { error } = result;
    // Only a mutation error can be a duplicate, and it means the request was valid and sent.
    if (error.kind === "mutation" && duplicatesExisted) {
      const request = toRequest(source);
      const { externalId } = request.input;
      if (typeof externalId === "string" && isDuplicate(error)) {
        const existed = alreadyExisted(request, externalId, error);
        return { status: "alreadyExisted", index, meta, result: existed };
      }
    }
    return { status: "failed", index, meta, error };
  }

  /**
   * Whether a new send may start now. The transport paces each send itself (its gate waits
   * for the window); this only keeps items unread while the gate would make them wait, so
   * that an abort leaves nothing queued behind a long reset. Returns false to wait for a send
   * in flight to settle.
   */
  async function mayStart(): Promise<boolean> {
    const rl = rateLimit();
    if (rl === undefined) return true;
    const spent = rl.remaining !== undefined && rl.remaining <= 0;
    // While sends wait in the gate, or the window is spent, an answer in flight brings news.
    if (inFlight.size > 0) return rl.waiting === 0 && !spent;
    if (!spent) return true;
    const wait = rl.resetAt === undefined ? 0 : Date.parse(rl.resetAt) - clock.now();
    if (wait > 0) {
      progress(wait);
      try {
        await clock.sleep(wait, signal);
      } catch {
        aborted = true;
        return false;
      }
    }
    return true;
  }

  const iterator =
    isObject(items) && Symbol.asyncIterator in items
      ? (items as AsyncIterable<SendAllItem<M>>)[Symbol.asyncIterator]()
      : (items as Iterable<SendAllItem<M>>)[Symbol.iterator]();
  try {
    for (;;) {
      while (ready.length > 0) yield ready.shift() as SendAllResult<M>;
      aborted ||= signal?.aborted === true;
      const reading = !exhausted && !aborted && thrown === undefined;
      if (reading && inFlight.size < concurrency && (await mayStart())) {
        // mayStart() may have waited for the window: the signal may have fired meanwhile.
        if ((aborted ||= signal?.aborted === true)) continue;
        let next: IteratorResult<SendAllItem<M>> | undefined;
        try {
          next = await iterator.next();
        } catch (error) {
          thrown = { error };
        }
        if (next === undefined || next.done === true) {
          exhausted = true;
          continue;
        }
        const index = counts.total++;
        const { source, skip, meta } = unwrap(next.value);
        if (source === undefined) {
          settle({ status: "skipped", index, meta, reason: skip as string });
          progress();
          continue;
        }
        const promise: Promise<void> = sendOne(source, index, meta)
          .then(settle, (error: unknown) => {
            thrown ??= { error };
          })
          .finally(() => {
            inFlight.delete(promise);
            progress();
            notify();
          });
        inFlight.add(promise);
        continue;
      }
      if (ready.length === 0) {
        if (inFlight.size > 0) await new Promise<void>((resolve) => (wake = resolve));
        else if (!reading) break;
        // Otherwise mayStart() waited for the window: try again.
      }
    }
  } finally {
    signal?.removeEventListener("abort", notify);
    if (!exhausted) await iterator.return?.();
    // A consumer that left early: let the sends in flight settle, so nothing runs behind it.
    while (inFlight.size > 0) await Promise.all([...inFlight]);
  }
  if (thrown !== undefined) throw thrown.error;
  return { ...counts, durationMs: clock.now() - started, aborted };
}

/**
 * Sends many events: every item of `items`, an `Iterable` or `AsyncIterable` read lazily (a
 * generator over a file, a database cursor). Resolves to a summary of what was sent, already
 * existed, failed and was skipped.
 *
 * - **Items** are requests, events with a target, `{ request, meta }` (your `meta` comes back
 *   with the result) or `{ skip: reason, meta }` (counted as skipped, not sent).
 * - **Concurrency**: at most `concurrency` sends in flight (default 4); an item is read only
 *   when a send can start, so memory stays bounded whatever the input's size.
 * - **Rate limit**: the transport paces each send (see `graphqlTransport`'s `pacing`), so
 *   concurrent sends stay under Plain's limit. sendAll reads `transport.rateLimit` and reads
 *   no new item while the window is spent, instead of queueing sends behind it.
 * - **Results**: `onResult` gets each item's result as it settles; `onProgress` gets counts.
 *   For a `for await` loop over results, use {@link sendEach}.
 * - **Abort**: `signal` stops reading the input; sends in flight settle and are reported, and
 *   the summary says `aborted: true`. Items not read are not counted.
 * - **Reruns**: with `externalId`s, a first attempt refused as a duplicate counts as
 *   `alreadyExisted` (see `duplicates`), so resending a batch never creates a second event
 *   and never reports the ones already in Plain as failures.
 *
 * Rejects only for a bug: the input (or a transport) throwing. Sends in flight settle first.
 *
 * @example
 * ```ts
 * const summary = await sendAll(plain, rows.map((r) => deploy.render(r).forThread(r.threadId)), {
 *   concurrency: 8,
 *   onResult: (r) => r.status === "failed" && log.error(r.error.message),
 * });
 * // { total, sent, alreadyExisted, failed, skipped, durationMs, aborted }
 * ```
 */
export async function sendAll<M = undefined>(
  transport: Transport,
  items: Iterable<SendAllItem<M>> | AsyncIterable<SendAllItem<M>>,
  options: SendAllOptions<M> = {},
): Promise<SendAllSummary> {
  const results = sendEach(transport, items, options);
  for (;;) {
    const next = await results.next();
    if (next.done === true) return next.value;
    await options.onResult?.(next.value);
  }
}
