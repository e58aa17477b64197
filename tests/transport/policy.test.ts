import { describe, expect, it } from "vitest";
import { RateLimitGate } from "../../src/transport/rate-limit.js";
import {
  backoffMs,
  DEFAULT_RETRY,
  parseReset,
  parseRetryAfter,
  retryPolicy,
} from "../../src/transport/retry.js";
import { isDuplicateExternalId } from "../../src/transport/index.js";
import { failure } from "../../src/testing/index.js";
import type { MutationFailure } from "../../src/transport/index.js";
import { instantClock } from "./helpers.js";

const NOW = Date.parse("2025-01-01T00:00:00Z");

describe("retry policy", () => {
  it("fills defaults; false is one attempt; nonsense is refused", () => {
    expect(retryPolicy(undefined)).toEqual(DEFAULT_RETRY);
    expect(retryPolicy(false).attempts).toBe(1);
    expect(retryPolicy({ attempts: 2 })).toEqual({ ...DEFAULT_RETRY, attempts: 2 });
    expect(() => retryPolicy({ attempts: 0 })).toThrow(RangeError);
  });

  it("caps the full-jitter backoff", () => {
    const policy = retryPolicy({ baseDelayMs: 100, maxDelayMs: 1000 });
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(policy, n, () => 0.999))).toEqual([
      99, 199, 399, 799, 999,
    ]);
    expect(backoffMs(policy, 3, () => 0)).toBe(0);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("2", NOW)).toBe(NOW + 2000);
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:05 GMT", NOW)).toBe(NOW + 5000);
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter("soon", NOW)).toBeUndefined();
  });

  it("reads x-ratelimit-reset as ISO, and tolerates epoch forms", () => {
    expect(parseReset("2025-01-01T00:01:00.000Z", NOW)).toBe(NOW + 60_000);
    expect(parseReset(String((NOW + 1000) / 1000), NOW)).toBe(NOW + 1000);
    expect(parseReset(String(NOW + 1000), NOW)).toBe(NOW + 1000);
    expect(parseReset("30", NOW)).toBe(NOW + 30_000);
  });
});

describe("the default duplicate-externalId rule", () => {
  const mutation = (o: Partial<MutationFailure>) =>
    (failure("mutation", o) as { error: MutationFailure }).error;
  it("matches a duplicate-ish code or a VALIDATION field error on externalId", () => {
    expect(isDuplicateExternalId(mutation({ code: "duplicate_external_id" }))).toBe(true);
    expect(isDuplicateExternalId(mutation({ code: "ALREADY_EXISTS" }))).toBe(true);
    expect(
      isDuplicateExternalId(
        mutation({ fields: [{ field: "externalId", message: "taken", type: "VALIDATION" }] }),
      ),
    ).toBe(true);
    expect(isDuplicateExternalId(mutation({ code: "input_validation" }))).toBe(false);
    expect(
      isDuplicateExternalId(
        mutation({ fields: [{ field: "title", message: "too long", type: "VALIDATION" }] }),
      ),
    ).toBe(false);
  });
});

describe("RateLimitGate", () => {
  it("lets one request probe, then paces by the headers", async () => {
    const clock = instantClock();
    const gate = new RateLimitGate(clock, 0);
    await gate.acquire();
    let second = false;
    const pending = gate.acquire().then(() => (second = true));
    await Promise.resolve();
    expect(second).toBe(false);
    expect(gate.snapshot()).toMatchObject({ inFlight: 1, waiting: 1 });
    const resetAt = Date.now() + 10_000;
    gate.release({ limit: 2, remaining: 1, resetAt });
    await pending;
    expect(gate.snapshot()).toMatchObject({ limit: 2, remaining: 0, inFlight: 1 });
    gate.release({ limit: 2, remaining: 0, resetAt });
    await gate.acquire(); // waits for the reset (instantly, with this clock)
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeGreaterThan(9_000);
    expect(gate.snapshot()).toMatchObject({ remaining: 1, inFlight: 1 });
  });

  it("takes a 429's reset even when it is sooner than the window it knew", async () => {
    const clock = instantClock();
    const gate = new RateLimitGate(clock, 0);
    await gate.acquire();
    gate.release({ limit: 5, remaining: 4, resetAt: Date.now() + 60_000 });
    gate.exhausted(Date.now() + 1_000);
    await gate.acquire();
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeLessThanOrEqual(1_000);
  });

  it("stops after a 429 until the reset, and an abort ends the wait", async () => {
    const gate = new RateLimitGate(
      {
        now: Date.now,
        sleep: (_ms, s) =>
          new Promise((_, rej) => s?.addEventListener("abort", () => rej(s.reason))),
      },
      0,
    );
    await gate.acquire();
    gate.release({ limit: 5, remaining: 4, resetAt: Date.now() + 60_000 });
    gate.exhausted(Date.now() + 60_000);
    const controller = new AbortController();
    const pending = gate.acquire(controller.signal);
    controller.abort();
    await expect(pending).rejects.toBeDefined();
    expect(gate.snapshot().waiting).toBe(0);
  });
});
