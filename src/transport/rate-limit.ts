import { abortable, type Clock } from "./clock.js";
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
 */
export class RateLimitGate {
  readonly #clock: Clock;
  readonly #reserve: number;
  // A reset far away (a skewed clock, a proxy's own header) must not stall sends for long.
  readonly #maxWaitMs: number;
  #limit: number | undefined;
  #remaining: number | undefined;
  #resetAt: number | undefined;
  #inFlight = 0;
  #waiting = 0;
  // Until the first answer the limit is unknown: one request goes out and the rest wait for its
  // headers, so that a first burst does not collect 429s either.
  #learned = false;
  /** Wakes the sends waiting for the next answer. */
  #answered: (() => void)[] = [];

  constructor(clock: Clock, reserve: number, maxWaitMs = 65_000) {
    this.#clock = clock;
    this.#reserve = reserve;
    this.#maxWaitMs = maxWaitMs;
  }

  snapshot(): RateLimitSnapshot {
    const limit = this.#limit;
    const remaining = this.#remaining;
    const resetAt = this.#resetAt;
    return {
      ...(limit === undefined ? {} : { limit }),
      ...(remaining === undefined ? {} : { remaining }),
      ...(resetAt === undefined ? {} : { resetAt: new Date(resetAt).toISOString() }),
      waiting: this.#waiting,
      inFlight: this.#inFlight,
    };
  }

  /** Waits until a request may go out, then counts it as in flight. Rejects when `signal` aborts. */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const resetAt = this.#resetAt;
      const spent = this.#remaining !== undefined && this.#remaining <= this.#reserve;
      // Nothing known yet (before the first answer, or a window that just rolled over and is
      // spent): while a request is out, wait for its headers instead of guessing.
      if ((!this.#learned || (spent && resetAt === undefined)) && this.#inFlight > 0) {
        await this.#wait(abortable(signal, (done) => void this.#answered.push(done)));
      } else if (spent && resetAt !== undefined) {
        const wait = Math.min(resetAt - this.#clock.now(), this.#maxWaitMs);
        if (wait > 0) await this.#wait(this.#clock.sleep(wait, signal));
        // Trust the wait rather than re-reading the clock, so that an injected clock cannot loop.
        this.windowPassed(resetAt);
      } else break;
    }
    if (this.#remaining !== undefined) this.#remaining = Math.max(0, this.#remaining - 1);
    this.#inFlight++;
  }

  async #wait(promise: Promise<void>): Promise<void> {
    this.#waiting++;
    try {
      await promise;
    } finally {
      this.#waiting--;
    }
  }

  /** Marks one request answered (or failed) and learns from its headers. */
  release(headers: RateLimitHeaders | undefined): void {
    this.#inFlight = Math.max(0, this.#inFlight - 1);
    if (headers !== undefined) this.#observe(headers);
    this.#learned = true;
    const answered = this.#answered;
    this.#answered = [];
    for (const wake of answered) wake();
  }

  /** Learns from one answer's headers. */
  #observe({ limit, remaining, resetAt }: RateLimitHeaders): void {
    if (limit !== undefined) this.#limit = limit;
    if (remaining === undefined || resetAt === undefined) return;
    const known = this.#resetAt;
    if (known !== undefined && resetAt < known) return; // an older window
    if (known === resetAt && this.#remaining !== undefined) {
      this.#remaining = Math.min(this.#remaining, remaining);
    } else {
      // A new window: requests still in flight may not be counted in this answer yet.
      this.#resetAt = resetAt;
      this.#remaining = Math.max(0, remaining - this.#inFlight);
    }
  }

  /**
   * Plain said 429: nothing more goes out until `resetAt`. The 429 is the freshest word on the
   * window, so it replaces what earlier answers said, even when it resets sooner.
   */
  exhausted(resetAt: number): void {
    this.#resetAt = resetAt;
    this.#remaining = 0;
  }

  /** The window that ended at `resetAt` is over (unless newer knowledge replaced it). */
  windowPassed(resetAt: number): void {
    if (this.#resetAt !== resetAt) return;
    this.#resetAt = undefined;
    this.#remaining = this.#limit;
  }
}
