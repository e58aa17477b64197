import { abortable, type Clock } from "./clock.js";
import { defined } from "./defined.js";
import { parseCount, parseReset } from "./retry.js";

/** What a transport knows about Plain's rate limit, from the last answers' headers. */
export interface RateLimitSnapshot {
  /** Requests allowed per window (`x-ratelimit-limit`). */
  readonly limit?: number;
  /** Requests left in this window, less those sent and not yet answered. */
  readonly remaining?: number;
  /** When the window resets (ISO 8601). */
  readonly resetAt?: string;
  /** Sends waiting for the window to reset. */
  readonly waiting: number;
  /** Requests sent and not yet answered. */
  readonly inFlight: number;
}

/** The rate-limit headers of one answer. */
export interface RateLimitHeaders {
  readonly limit?: number | undefined;
  readonly remaining?: number | undefined;
  readonly resetAt?: number | undefined;
}

/** Reads `x-ratelimit-limit`, `x-ratelimit-remaining` and `x-ratelimit-reset`. */
export function readRateLimitHeaders(headers: Headers, now: number): RateLimitHeaders {
  return {
    limit: parseCount(headers.get("x-ratelimit-limit")),
    remaining: parseCount(headers.get("x-ratelimit-remaining")),
    resetAt: parseReset(headers.get("x-ratelimit-reset"), now),
  };
}

/**
 * Client-side pacing. Each send takes a slot before it goes out; when the known remaining
 * count is at the reserve, sends wait for the window to reset instead of collecting 429s.
 * Answers correct the count. Knowledge is per transport, so share one transport per API key.
 *
 * The state lives in the constructor's closure, not in fields: the methods are closures over it.
 */
export class RateLimitGate {
  readonly snapshot: () => RateLimitSnapshot;
  /** Waits until a request may go out, then counts it as in flight. Rejects when `signal` aborts. */
  readonly acquire: (signal?: AbortSignal) => Promise<void>;
  /** Marks one request answered (or failed) and learns from its headers. */
  readonly release: (headers: RateLimitHeaders | undefined) => void;
  /**
   * Plain said 429: nothing more goes out until `resetAt`. The 429 is the freshest word on the
   * window, so it replaces what earlier answers said, even when it resets sooner.
   */
  readonly exhausted: (resetAt: number) => void;
  /** The window that ended at `resetAt` is over (unless newer knowledge replaced it). */
  readonly windowPassed: (resetAt: number) => void;

  /**
   * `maxWaitMs`: a reset far away (a skewed clock, a proxy's own header) must not stall sends
   * for longer.
   */
  constructor(clock: Clock, reserve: number, maxWaitMs = 65_000) {
    let limit: number | undefined;
    let remaining: number | undefined;
    let resetAt: number | undefined;
    let inFlight = 0;
    let waiting = 0;
    // Until the first answer the limit is unknown: one request goes out and the rest wait for
    // its headers, so that a first burst does not collect 429s either.
    let learned = false;
    /** Wakes the sends waiting for the next answer. */
    let answered: (() => void)[] = [];

    const wait = async (promise: Promise<void>) => {
      waiting++;
      try {
        await promise;
      } finally {
        waiting--;
      }
    };

    this.snapshot = () =>
      defined({
        limit,
        remaining,
        resetAt: resetAt === undefined ? undefined : new Date(resetAt).toISOString(),
        waiting,
        inFlight,
      });

    this.acquire = async (signal) => {
      for (;;) {
        const reset = resetAt;
        const spent = remaining !== undefined && remaining <= reserve;
        // Nothing known yet (before the first answer, or a window that just rolled over and is
        // spent): while a request is out, wait for its headers instead of guessing.
        if ((!learned || (spent && reset === undefined)) && inFlight > 0) {
          await wait(abortable(signal, (done) => void answered.push(done)));
        } else if (spent && reset !== undefined) {
          const ms = Math.min(reset - clock.now(), maxWaitMs);
          if (ms > 0) await wait(clock.sleep(ms, signal));
          // Trust the wait rather than re-reading the clock, so that an injected clock cannot
          // loop.
          this.windowPassed(reset);
        } else break;
      }
      if (remaining !== undefined) remaining = Math.max(0, remaining - 1);
      inFlight++;
    };

    this.release = (headers) => {
      inFlight = Math.max(0, inFlight - 1);
      if (headers?.limit !== undefined) limit = headers.limit;
      const known = resetAt;
      const reset = headers?.resetAt;
      const count = headers?.remaining;
      // Learns the count from an answer that has one, unless it speaks of an older window.
      if (count !== undefined && reset !== undefined && !(known !== undefined && reset < known)) {
        if (known === reset && remaining !== undefined) remaining = Math.min(remaining, count);
        else {
          // A new window: requests still in flight may not be counted in this answer yet.
          resetAt = reset;
          remaining = Math.max(0, count - inFlight);
        }
      }
      learned = true;
      const wake = answered;
      answered = [];
      for (const done of wake) done();
    };

    this.exhausted = (reset) => {
      resetAt = reset;
      remaining = 0;
    };

    this.windowPassed = (reset) => {
      if (resetAt !== reset) return;
      resetAt = undefined;
      remaining = limit;
    };
  }
}
