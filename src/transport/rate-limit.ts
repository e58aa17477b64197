import type { Clock } from "./clock.js";
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
  private limit: number | undefined;
  private remaining: number | undefined;
  private resetAt: number | undefined;
  private inFlight = 0;
  private waiting = 0;
  // Until the first answer the limit is unknown: one request goes out and the rest wait for its
  // headers, so that a first burst does not collect 429s either.
  private learned = false;
  private answer: Promise<void> | undefined;
  private answered: (() => void) | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly reserve: number,
    // A reset far away (a skewed clock, a proxy's own header) must not stall sends for long.
    private readonly maxWaitMs = 65_000,
  ) {}

  snapshot(): RateLimitSnapshot {
    return {
      ...(this.limit === undefined ? {} : { limit: this.limit }),
      ...(this.remaining === undefined ? {} : { remaining: this.remaining }),
      ...(this.resetAt === undefined ? {} : { resetAt: new Date(this.resetAt).toISOString() }),
      waiting: this.waiting,
      inFlight: this.inFlight,
    };
  }

  /** Waits until a request may go out, then counts it as in flight. Rejects when `signal` aborts. */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const { remaining, resetAt } = this;
      // Nothing known yet (before the first answer, or a window that just rolled over and is
      // spent): while a request is out, wait for its headers instead of guessing.
      const blind =
        !this.learned ||
        (remaining !== undefined && remaining <= this.reserve && resetAt === undefined);
      if (blind && this.inFlight > 0) {
        await this.wait(abortable(this.nextAnswer(), signal));
        continue;
      }
      if (remaining === undefined || remaining > this.reserve || resetAt === undefined) break;
      const wait = Math.min(resetAt - this.clock.now(), this.maxWaitMs);
      if (wait > 0) await this.wait(this.clock.sleep(wait, signal));
      // Trust the wait rather than re-reading the clock, so that an injected clock cannot loop.
      this.windowPassed(resetAt);
    }
    if (this.remaining !== undefined) this.remaining = Math.max(0, this.remaining - 1);
    this.inFlight++;
  }

  private async wait(promise: Promise<void>): Promise<void> {
    this.waiting++;
    try {
      await promise;
    } finally {
      this.waiting--;
    }
  }

  private nextAnswer(): Promise<void> {
    this.answer ??= new Promise((resolve) => (this.answered = resolve));
    return this.answer;
  }

  /** Marks one request answered (or failed) and learns from its headers. */
  release(headers: RateLimitHeaders | undefined): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (headers !== undefined) this.observe(headers);
    this.learned = true;
    const answered = this.answered;
    this.answer = undefined;
    this.answered = undefined;
    answered?.();
  }

  /** Learns from one answer's headers. */
  observe({ limit, remaining, resetAt }: RateLimitHeaders): void {
    if (limit !== undefined) this.limit = limit;
    if (remaining === undefined || resetAt === undefined) return;
    if (this.resetAt !== undefined && resetAt < this.resetAt) return; // an older window
    if (this.resetAt === resetAt && this.remaining !== undefined) {
      this.remaining = Math.min(this.remaining, remaining);
    } else {
      // A new window: requests still in flight may not be counted in this answer yet.
      this.resetAt = resetAt;
      this.remaining = Math.max(0, remaining - this.inFlight);
    }
  }

  /**
   * Plain said 429: nothing more goes out until `resetAt`. The 429 is the freshest word on the
   * window, so it replaces what earlier answers said, even when it resets sooner.
   */
  exhausted(resetAt: number): void {
    this.resetAt = resetAt;
    this.remaining = 0;
  }

  /** The window that ended at `resetAt` is over (unless newer knowledge replaced it). */
  windowPassed(resetAt: number): void {
    if (this.resetAt !== resetAt) return;
    this.resetAt = undefined;
    this.remaining = this.limit;
  }
}

function abortable(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, reject);
  });
}
