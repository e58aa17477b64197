/**
 * Time, injectable so that tests of retries and pacing need not wait. `now` is wall-clock
 * milliseconds (it is compared with Plain's `x-ratelimit-reset`).
 */
export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * Waits for what `start` begins (it calls `done` at the end, and may return a way to cancel),
 * or rejects with the signal's reason when `signal` aborts first. The listener on the
 * caller's signal is removed either way.
 */
export function abortable(
  signal: AbortSignal | undefined,
  start: (done: () => void) => (() => void) | void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) return reject(signal.reason);
    let cancel: (() => void) | void;
    const onAbort = () => {
      cancel?.();
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    cancel = start(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    });
  });
}

/** The real clock: `Date.now()` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    abortable(signal, (done) => {
      const timer = setTimeout(done, Math.max(0, ms));
      return () => clearTimeout(timer);
    }),
};
