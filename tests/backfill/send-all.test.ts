import { describe, expect, it } from "vitest";
import { event } from "../../src/index.js";
import { sendAll, sendEach, type SendAllItem, type SendAllResult } from "../../src/bulk/index.js";
import { graphqlTransport, type SendResult, type Transport } from "../../src/transport/index.js";
import type { Clock } from "../../src/transport/clock.js";
import type { RateLimitSnapshot } from "../../src/transport/rate-limit.js";
import { failure, memoryTransport, startPlainTestServer } from "../../src/testing/index.js";

const base = event("Deployed").text("Version live");
const request = (i: number) => base.forThread(`th_${i}`).externalId(`deploy-${i}`);

/** A memory transport whose answers wait for a macrotask, and which tracks sends in flight. */
function slowTransport() {
  const memory = memoryTransport();
  let inFlight = 0;
  let maxInFlight = 0;
  memory.respondWith(async (req) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 1));
    inFlight--;
    return {
      ok: true,
      alreadyExisted: false,
      attempts: 1,
      event: {
        operation: "createThreadEvent",
        id: `tev_${req.input.externalId}`,
        title: req.input.title,
        createdAt: { iso8601: "2024-01-01T00:00:00.000Z", unixTimestamp: "0" },
        threadId: "th_1",
      },
    };
  });
  return { memory, maxInFlight: () => maxInFlight };
}

/** A generator that counts how far it was read. */
function counted<T>(items: readonly T[]) {
  const state = { pulled: 0, closed: false };
  function* gen() {
    try {
      for (const item of items) {
        state.pulled++;
        yield item;
      }
    } finally {
      state.closed = true;
    }
  }
  return { state, items: gen() };
}

describe("sendAll", () => {
  it("sends every item and sums them up", async () => {
    const memory = memoryTransport();
    memory.enqueue(failure("mutation", { type: "FORBIDDEN", code: "forbidden" }));
    const items: SendAllItem<number>[] = [
      ...Array.from({ length: 5 }, (_, i) => ({ request: request(i), meta: i })),
      { skip: "done in an earlier run", meta: 99 },
      { request: request(1), meta: 100 }, // a rerun of an item Plain has: already existed
      {
        request: {
          operation: "createThreadEvent",
          input: { threadId: "", title: "", components: [] },
        } as never,
        meta: 101,
      },
    ];
    const results: SendAllResult<number>[] = [];
    const summary = await sendAll(memory, items, {
      concurrency: 1,
      onResult: (r) => void results.push(r),
    });
    expect(summary).toMatchObject({
      total: 8,
      sent: 4,
      alreadyExisted: 1,
      failed: 2,
      skipped: 1,
      aborted: false,
    });
    expect(summary.durationMs).toBeGreaterThanOrEqual(0);
    expect(results.map((r) => [r.meta, r.status])).toEqual([
      [0, "failed"],
      [1, "sent"],
      [2, "sent"],
      [3, "sent"],
      [4, "sent"],
      [99, "skipped"],
      [100, "alreadyExisted"],
      [101, "failed"],
    ]);
    const existed = results[6];
    expect(existed?.status === "alreadyExisted" && existed.result.event.externalId).toBe(
      "deploy-1",
    );
    const invalid = results[7];
    expect(invalid?.status === "failed" && invalid.error.kind).toBe("validation");
    expect(results.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("reports a first-attempt duplicate as a failure with duplicates: failed", async () => {
    const memory = memoryTransport();
    const summary = await sendAll(memory, [request(1), request(1)], {
      duplicates: "failed",
      concurrency: 1,
    });
    expect(summary).toMatchObject({ sent: 1, failed: 1, alreadyExisted: 0 });
  });

  it("keeps at most `concurrency` sends in flight and reads ahead no further", async () => {
    const { memory, maxInFlight } = slowTransport();
    const input = counted(Array.from({ length: 40 }, (_, i) => request(i)));
    let maxAhead = 0;
    const summary = await sendAll(memory, input.items, {
      concurrency: 3,
      onProgress: (p) => {
        maxAhead = Math.max(maxAhead, input.state.pulled - (p.sent + p.failed + p.alreadyExisted));
      },
    });
    expect(summary.sent).toBe(40);
    expect(maxInFlight()).toBe(3);
    expect(maxAhead).toBeLessThanOrEqual(3);
    expect(input.state.closed).toBe(true);
  });

  it("reads an async iterable lazily", async () => {
    const { memory } = slowTransport();
    let pulled = 0;
    async function* rows() {
      for (let i = 0; i < 12; i++) {
        pulled++;
        await new Promise((resolve) => setTimeout(resolve, 0));
        yield { request: request(i), meta: `row-${i}` };
      }
    }
    const seen: string[] = [];
    for await (const result of sendEach(memory, rows(), { concurrency: 2 })) {
      seen.push(result.meta ?? "");
      // The generator waits for its consumer: no more than 2 in flight + 2 results ahead.
      expect(pulled - seen.length).toBeLessThanOrEqual(4);
    }
    expect(seen.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `row-${i}`).sort());
    expect(memory.sent).toHaveLength(12);
  });

  it("stops reading on abort and lets sends in flight settle", async () => {
    const { memory } = slowTransport();
    const input = counted(Array.from({ length: 100 }, (_, i) => request(i)));
    const controller = new AbortController();
    const results: SendAllResult[] = [];
    const summary = await sendAll(memory, input.items, {
      concurrency: 4,
      signal: controller.signal,
      onResult: (r) => {
        results.push(r);
        if (results.length === 10) controller.abort();
      },
    });
    expect(summary.aborted).toBe(true);
    // Everything read was sent and reported: nothing in flight was cut off.
    expect(summary.total).toBe(input.state.pulled);
    expect(summary.sent).toBe(summary.total);
    expect(results).toHaveLength(summary.total);
    expect(results.every((r) => r.status === "sent")).toBe(true);
    expect(summary.total).toBeLessThan(100);
    expect(input.state.closed).toBe(true);
  });

  it("reads nothing when the signal has already fired", async () => {
    const memory = memoryTransport();
    const input = counted([request(1), request(2)]);
    const summary = await sendAll(memory, input.items, { signal: AbortSignal.abort() });
    expect(summary).toMatchObject({ total: 0, aborted: true });
    expect(input.state.pulled).toBe(0);
    expect(memory.requests).toHaveLength(0);
  });

  it("waits for the window instead of queueing sends when the rate limit is spent", async () => {
    const memory = memoryTransport();
    let now = 1_000_000;
    const sleeps: number[] = [];
    const clock: Clock = {
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
    };
    let remaining = 0;
    const sendTimes: number[] = [];
    const transport: Transport & { rateLimit: RateLimitSnapshot } = {
      get rateLimit() {
        return {
          limit: 2,
          remaining,
          resetAt: new Date(1_000_500).toISOString(),
          waiting: 0,
          inFlight: 0,
        };
      },
      send: async (req): Promise<SendResult> => {
        sendTimes.push(now);
        remaining = 1;
        return memory.send(req);
      },
    };
    const waits: number[] = [];
    const summary = await sendAll(transport, [request(1), request(2)], {
      clock,
      concurrency: 1,
      onProgress: (p) => p.waitingMs !== undefined && waits.push(p.waitingMs),
    });
    expect(summary.sent).toBe(2);
    expect(sleeps).toEqual([500]);
    expect(waits).toEqual([500]);
    expect(sendTimes[0]).toBeGreaterThanOrEqual(1_000_500);
  });

  it("propagates an input that throws, after the sends in flight settle", async () => {
    const { memory } = slowTransport();
    function* broken() {
      yield request(1);
      yield request(2);
      throw new Error("disk gone");
    }
    const results: SendAllResult[] = [];
    await expect(
      sendAll(memory, broken(), { concurrency: 4, onResult: (r) => void results.push(r) }),
    ).rejects.toThrow("disk gone");
    expect(results).toHaveLength(2);
  });

  it("refuses a concurrency out of range", async () => {
    await expect(sendAll(memoryTransport(), [], { concurrency: 0 })).rejects.toThrow(RangeError);
  });

  it("stays under the test server's rate limit with many sends in flight", async () => {
    const server = await startPlainTestServer({ rateLimit: { limit: 8, windowMs: 150 } });
    try {
      const plain = graphqlTransport({ apiKey: server.apiKey, endpoint: server.url });
      const summary = await sendAll(
        plain,
        Array.from({ length: 24 }, (_, i) => request(i)),
        { concurrency: 16 },
      );
      expect(summary).toMatchObject({ sent: 24, failed: 0 });
      expect(server.events).toHaveLength(24);
      expect(server.requests.filter((r) => r.status === 429)).toHaveLength(0);
    } finally {
      await server.close();
    }
  });
});
