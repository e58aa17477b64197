/**
 * How a transport retries. Attempts and total time are both capped; waits between attempts
 * grow exponentially with full jitter (a random wait from 0 to the cap), except after a 429,
 * which waits until the rate-limit window resets.
 */
export interface RetryOptions {
  /** Attempts in all, the first included. Default 4. */
  readonly attempts?: number;
  /** The first backoff cap in ms; it doubles each retry. Default 250. */
  readonly baseDelayMs?: number;
  /** The largest backoff cap in ms. Default 10 000. A 429's wait to reset is not capped by it. */
  readonly maxDelayMs?: number;
  /** No retry starts (or waits) past this many ms after the send began. Default 60 000. */
  readonly maxElapsedMs?: number;
}

/** {@link RetryOptions} with every default filled in. */
export type RetryPolicy = Required<RetryOptions>;

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  maxElapsedMs: 60_000,
};

/** The policy for `retry` (`false` means one attempt). */
export function retryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  const policy = { ...DEFAULT_RETRY, ...(options === false ? { attempts: 1 } : options) };
  if (!Number.isInteger(policy.attempts) || policy.attempts < 1) {
    throw new RangeError(`retry.attempts must be a whole number ≥ 1, got ${policy.attempts}`);
  }
  return policy;
}

/** Exponential backoff with full jitter before retry number `retry` (1 for the first retry). */
export function backoffMs(policy: RetryPolicy, retry: number, random: () => number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * cap);
}

/** A header read as an instant (ms since the epoch): a date, or a number of seconds from now. */
function parseInstant(value: string | null, now: number, epochs: boolean): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    const n = Number(trimmed);
    // With `epochs`, large numbers are epoch milliseconds or epoch seconds.
    return epochs && n > 1e12 ? n : epochs && n > 1e9 ? n * 1000 : now + n * 1000;
  }
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : date;
}

/**
 * `Retry-After` as an instant (ms since the epoch): delta seconds or an HTTP date.
 * Returns `undefined` when absent or unreadable.
 */
export const parseRetryAfter = (value: string | null, now: number): number | undefined =>
  parseInstant(value, now, false);

/**
 * `x-ratelimit-reset` as an instant. Plain documents an ISO timestamp; epoch seconds, epoch
 * milliseconds and delta seconds are read too, since proxies differ.
 */
export const parseReset = (value: string | null, now: number): number | undefined =>
  parseInstant(value, now, true);

/** A whole number header, or `undefined`. */
export function parseCount(value: string | null): number | undefined {
  const trimmed = value?.trim();
  const n = Number(trimmed);
  return trimmed && n >= 0 && n < Infinity ? Math.floor(n) : undefined;
}
