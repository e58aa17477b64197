/**
 * Backfill progress on standard error: on a terminal, a bar redrawn in place (`\r`, at most 10
 * times a second); elsewhere (a CI log, a file), one plain line every few seconds.
 */
import type { Output } from "./shared.js";

/** Where a backfill stands. */
export interface ProgressState {
  /** Input lines finished: sent, already existed, skipped, failed, invalid or blank. */
  readonly done: number;
  /** Lines in the input (from a counting pass). */
  readonly total: number;
  /** Lines skipped as done in an earlier run (they take no time: left out of the rate). */
  readonly skipped: number;
  readonly failed: number;
  readonly invalid: number;
  /** Waiting this long for the rate-limit window, when it is. */
  readonly waitingMs?: number | undefined;
}

export interface ProgressOptions {
  /** Redraw in place (a terminal) or print lines. */
  readonly tty: boolean;
  /** Colours text when the stream takes colour. */
  readonly style: (format: "red" | "dim" | "green", text: string) => string;
  readonly now?: () => number;
  /** Between plain lines, in ms. Default 5000 (a terminal redraws every 100 ms). */
  readonly intervalMs?: number;
}

const BAR = 24;
const n = (x: number) => x.toLocaleString("en-US");

/** `1:02:03`, `2:03`, or `?` when unknown. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "?";
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

export class Progress {
  private readonly now: () => number;
  private readonly interval: number;
  private readonly started: number;
  private last = Number.NEGATIVE_INFINITY;
  private drawn = "";

  constructor(
    private readonly out: Output,
    private readonly options: ProgressOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.interval = options.tty ? 100 : (options.intervalMs ?? 5000);
    this.started = this.now();
    // A terminal gets the bar at once; a log gets its first line after one interval.
    if (!options.tty) this.last = this.started;
  }

  /** Takes the new state; draws when the last draw is old enough. */
  update(state: ProgressState): void {
    const now = this.now();
    if (now - this.last < this.interval) return;
    this.last = now;
    if (this.options.tty) this.draw(this.bar(state, now));
    else this.out.write(`${this.line(state, now)}\n`);
  }

  /** Prints a message line without breaking the bar. */
  log(text: string): void {
    if (this.options.tty && this.drawn !== "") this.out.write("\r\x1b[2K");
    this.out.write(`${text}\n`);
    if (this.options.tty && this.drawn !== "") this.out.write(this.drawn);
  }

  /** Clears the bar (a terminal), leaving the line for the summary. */
  finish(): void {
    if (this.options.tty && this.drawn !== "") this.out.write("\r\x1b[2K");
    this.drawn = "";
  }

  private draw(text: string): void {
    this.drawn = text;
    this.out.write(`\r\x1b[2K${text}`);
  }

  /** Lines a second (skipped lines left out) and the time left, from the start. */
  private pace(state: ProgressState, now: number): { rate: number; eta: number } {
    const elapsed = Math.max(1, now - this.started);
    const worked = state.done - state.skipped;
    const rate = (worked * 1000) / elapsed;
    const left = Math.max(0, state.total - state.done);
    return { rate, eta: rate > 0 ? (left / rate) * 1000 : Number.NaN };
  }

  private tail(state: ProgressState, rate: number, eta: number): string {
    const { style } = this.options;
    const parts = [`${n(Math.round(rate))} lines/s`, `ETA ${formatDuration(eta)}`];
    if (state.waitingMs !== undefined && state.waitingMs > 0) {
      parts.push(style("dim", `rate limit: waiting ${formatDuration(state.waitingMs)}`));
    }
    if (state.failed > 0) parts.push(style("red", `${n(state.failed)} failed`));
    if (state.invalid > 0) parts.push(style("red", `${n(state.invalid)} invalid`));
    return parts.join(" · ");
  }

  /** `▕██████░░░░▏ 4,210/10,000 42% · 312 lines/s · ETA 0:18 · 2 failed` */
  bar(state: ProgressState, now = this.now()): string {
    const ratio = state.total > 0 ? Math.min(1, state.done / state.total) : 0;
    const full = Math.round(ratio * BAR);
    const { rate, eta } = this.pace(state, now);
    const bar = `▕${"█".repeat(full)}${"░".repeat(BAR - full)}▏`;
    const pct = `${Math.floor(ratio * 100)}%`;
    return `${bar} ${n(state.done)}/${n(state.total)} ${pct} · ${this.tail(state, rate, eta)}`;
  }

  /** `backfill: 4,210/10,000 lines (42%) · 312 lines/s · ETA 0:18 · 2 failed` */
  line(state: ProgressState, now = this.now()): string {
    const ratio = state.total > 0 ? Math.min(1, state.done / state.total) : 0;
    const { rate, eta } = this.pace(state, now);
    return `backfill: ${n(state.done)}/${n(state.total)} lines (${Math.floor(ratio * 100)}%) · ${this.tail(state, rate, eta)}`;
  }
}
