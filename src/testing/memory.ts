import type { EventRequest, RequestSource } from "../builder/request.js";
import type { TransportErrorKind, TransportErrorOf } from "../transport/errors.js";
import { createdEvent } from "../transport/ids.js";
import { prepare } from "../transport/prepare.js";
import type { SendOptions, SendResult, Transport } from "../transport/types.js";
import { failure } from "./failures.js";

/** How a memory transport answers one request (`index` counts from 0). */
export type MemoryResponder = (
  request: EventRequest,
  index: number,
) => SendResult | Promise<SendResult>;

/** Options of {@link memoryTransport}. */
export interface MemoryTransportOptions {
  /** Answers every request not answered by the queue. Default: success with a new `tev_…` id. */
  readonly respond?: MemoryResponder;
  /**
   * Refuse a second request with the same `externalId`, as Plain does, with a `VALIDATION`
   * mutation error (code `duplicate_external_id`). Default true.
   */
  readonly uniqueExternalIds?: boolean;
}

/** A transport that keeps requests in memory: for your unit tests. */
export interface MemoryTransport extends Transport {
  /** Every valid request received, in order (invalid ones never get this far). */
  readonly requests: readonly EventRequest[];
  /** The requests answered with success. */
  readonly sent: readonly EventRequest[];
  /** Every result returned, in order, including validation failures. */
  readonly results: readonly SendResult[];
  /** Replaces the default responder. */
  respondWith(responder: MemoryResponder): this;
  /** Queues results; each one answers the next request, before the responder. */
  enqueue(...results: SendResult[]): this;
  /** Queues a failure of one kind: `failNext("rate_limited")`. */
  failNext<K extends TransportErrorKind>(
    kind: K,
    overrides?: Partial<Omit<TransportErrorOf<K>, "kind">>,
  ): this;
  /** Forgets requests, results, the queue and the known external ids. */
  reset(): void;
}

const succeed: MemoryResponder = (request) => ({
  ok: true,
  alreadyExisted: false,
  attempts: 1,
  event: createdEvent(request),
});

/**
 * A transport that records requests and answers from memory, for tests of code that sends
 * events. It checks requests with the same rules as the real transports, so a request it
 * accepts is one Plain would accept for its shape.
 *
 * @example
 * ```ts
 * const plain = memoryTransport();
 * await notifyKeyCreated(plain, user);
 * expect(plain.sent[0]?.input.title).toBe("API key generated");
 * plain.failNext("rate_limited");
 * ```
 */
export function memoryTransport(options: MemoryTransportOptions = {}): MemoryTransport {
  const requests: EventRequest[] = [];
  const sent: EventRequest[] = [];
  const results: SendResult[] = [];
  const queue: SendResult[] = [];
  const externalIds = new Set<string>();
  const unique = options.uniqueExternalIds ?? true;
  let responder = options.respond ?? succeed;

  const transport: MemoryTransport = {
    requests,
    sent,
    results,
    async send(source: EventRequest | RequestSource, sendOptions: SendOptions = {}) {
      const result = await answer(source, sendOptions);
      results.push(result);
      return result;
    },
    respondWith(next) {
      responder = next;
      return transport;
    },
    enqueue(...next) {
      queue.push(...next);
      return transport;
    },
    failNext(kind, overrides) {
      queue.push(failure(kind, overrides ?? {}));
      return transport;
    },
    reset() {
      requests.length = 0;
      sent.length = 0;
      results.length = 0;
      queue.length = 0;
      externalIds.clear();
    },
  };

  async function answer(
    source: EventRequest | RequestSource,
    { signal }: SendOptions,
  ): Promise<SendResult> {
    const prepared = prepare(source);
    if (!prepared.ok) return prepared;
    if (signal?.aborted === true) return failure("aborted", { attempts: 0 });
    const { request } = prepared;
    const index = requests.length;
    requests.push(request);
    const externalId = request.input.externalId;
    let result: SendResult;
    if (queue.length > 0) {
      result = queue.shift() as SendResult;
    } else if (unique && externalId !== undefined && externalIds.has(externalId)) {
      result = failure("mutation", {
        type: "VALIDATION",
        code: "duplicate_external_id",
        message: `an event with externalId ${JSON.stringify(externalId)} already exists`,
        fields: [{ field: "externalId", message: "already exists", type: "VALIDATION" }],
      });
    } else {
      result = await responder(request, index);
    }
    if (result.ok) {
      sent.push(request);
      if (externalId !== undefined) externalIds.add(externalId);
    }
    return result;
  }

  return transport;
}
