import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { dumpTransport, graphqlTransport } from "../../src/transport/index.js";
import { customerRequest, instantClock } from "./helpers.js";

const created = (id: string) =>
  new Response(
    JSON.stringify({
      data: {
        createCustomerEvent: {
          customerEvent: {
            id,
            title: "API key generated",
            customerId: "c_1",
            createdAt: { iso8601: "2024-01-01T00:00:00.000Z", unixTimestamp: "1704067200000" },
          },
          error: null,
        },
      },
    }),
    { status: 200, headers: { "content-type": "application/json" } },
  );

afterEach(() => {
  vi.useRealTimers();
});

describe("graphqlTransport: each attempt cleans up after itself", () => {
  it("clears the attempt's timeout timer when the answer comes", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const fetch = vi.fn(async () => created("tev_1"));
    const t = graphqlTransport({ apiKey: "k", fetch, clock: instantClock(), timeoutMs: 10_000 });
    const result = await t.send(customerRequest());
    expect(result.ok).toBe(true);
    expect(fetch).toHaveBeenCalledTimes(1);
    // No 10 s timer (and so no signal, listener or fetch state) outlives the attempt.
    expect(vi.getTimerCount()).toBe(0);
  });

  it("clears the timer when the attempt fails too", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const fetch = vi.fn(async () => {
      throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
    });
    const t = graphqlTransport({ apiKey: "k", fetch, retry: false, timeoutMs: 10_000 });
    const result = await t.send(customerRequest());
    expect(result).toMatchObject({ ok: false, error: { kind: "network", code: "ECONNREFUSED" } });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("removes its listener from the caller's signal", async () => {
    const caller = new AbortController();
    const t = graphqlTransport({
      apiKey: "k",
      fetch: async () => created("tev_1"),
      clock: instantClock(),
    });
    for (let i = 0; i < 20; i++) await t.send(customerRequest(), { signal: caller.signal });
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
  });

  it("still times out an attempt, and still aborts one when the caller's signal fires", async () => {
    const hang = (_url: unknown, init?: RequestInit) =>
      new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)),
      );
    const t = graphqlTransport({ apiKey: "k", fetch: hang, retry: false, timeoutMs: 20 });
    expect(await t.send(customerRequest())).toMatchObject({
      ok: false,
      error: { kind: "timeout", timeoutMs: 20 },
    });
    const caller = new AbortController();
    const slow = graphqlTransport({ apiKey: "k", fetch: hang, retry: false, timeoutMs: 10_000 });
    const pending = slow.send(customerRequest(), { signal: caller.signal });
    setTimeout(() => caller.abort(), 5);
    expect(await pending).toMatchObject({ ok: false, error: { kind: "aborted" } });
  });

  it("gives a custom fetch the abort's reason: a TimeoutError, or the caller's own", async () => {
    const reasons: unknown[] = [];
    const hang = (_url: unknown, init?: RequestInit) =>
      new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener("abort", () => {
          reasons.push(init.signal?.reason);
          reject(init.signal?.reason);
        }),
      );
    await graphqlTransport({ apiKey: "k", fetch: hang, retry: false, timeoutMs: 20 }).send(
      customerRequest(),
    );
    const caller = new AbortController();
    const pending = graphqlTransport({ apiKey: "k", fetch: hang, retry: false }).send(
      customerRequest(),
      { signal: caller.signal },
    );
    const mine = new Error("shutting down");
    setTimeout(() => caller.abort(mine), 5);
    await pending;
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toMatchObject({ name: "TimeoutError", message: "No answer within 20 ms" });
    expect(reasons[1]).toBe(mine);
  });

  it("one client for the transport: concurrent attempts each send their own bytes", async () => {
    const bodies = new Map<string, string>();
    let n = 0;
    const fetch = async (_url: unknown, init?: RequestInit) => {
      const body = String(init?.body);
      const { input } = (JSON.parse(body) as { variables: { input: { externalId: string } } })
        .variables;
      bodies.set(input.externalId, body);
      await new Promise((resolve) => setTimeout(resolve, 5 - (n++ % 5)));
      return created(`tev_${input.externalId}`);
    };
    const t = graphqlTransport({ apiKey: "k", fetch, clock: instantClock() });
    const requests = Array.from({ length: 25 }, () => customerRequest());
    const results = await Promise.all(requests.map((r) => t.send(r)));
    expect(results.every((r) => r.ok)).toBe(true);
    const dump = dumpTransport({ write: false });
    for (const request of requests) {
      expect(bodies.get(request.input.externalId as string)).toBe(dump.dump(request).bodyText);
    }
  });
});
