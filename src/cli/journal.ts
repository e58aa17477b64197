/**
 * The backfill journal: an append-only file beside the input that records each line Plain
 * has, so that a rerun after Ctrl-C, a crash or `kill -9` skips them.
 *
 * Format: one record a line, `<line number> <8 hex digits> <s|e>`: the input line, the first
 * 8 hex digits of SHA-256 of the external id it was sent with, and whether it was sent or
 * already existed. Lines starting with `#` are comments (a header, one per run). A line counts
 * as done only when its number *and* its external id match, so an edited input re-sends the
 * lines that changed. A torn last record (a crash mid-write) is ignored.
 *
 * Durability: every record is written with its own `write(2)` as its result arrives, so it
 * survives the process dying (Ctrl-C, a crash, `kill -9`): the kernel has it. The file is
 * `fdatasync`ed at most once a second and at the end, so a machine crash or power loss can lose
 * the last second of records. That is safe: a line not in the journal is sent again, with the
 * same external id, and Plain refuses the duplicate, which counts as "already existed". The
 * journal saves time; the external ids make it exactly-once. Syncing every record would cap
 * the run at the disk's sync rate for no gain in correctness.
 *
 * Memory: 4 bytes per input line (a `Uint32Array` indexed by line number), 400 KB at 100,000.
 */
import {
  closeSync,
  existsSync,
  fdatasyncSync,
  fstatSync,
  openSync,
  readSync,
  writeSync,
} from "node:fs";
import { readLines, sha256Hex } from "./ndjson.js";

const RECORD = /^(\d+) ([0-9a-f]{8}) [se]$/;

/** The 32-bit key of an external id, never 0 (0 marks "not done"). */
export function idHash(externalId: string): number {
  return Number.parseInt(sha256Hex(externalId).slice(0, 8), 16) >>> 0 || 1;
}

export class Journal {
  private done = new Uint32Array(1024);
  private fd: number | undefined;
  private lastSync = 0;
  private dirty = false;
  /** Records read from an earlier run. */
  private loaded = 0;

  private constructor(
    readonly path: string,
    private readonly now: () => number,
  ) {}

  /** Reads the journal at `path`, if any. `write` opens it for appending (creating it). */
  static async open(
    path: string,
    options: { readonly write: boolean; readonly now?: () => number },
  ): Promise<Journal> {
    const journal = new Journal(path, options.now ?? Date.now);
    const exists = existsSync(path);
    if (exists) {
      for await (const text of readLines(path)) {
        const m = RECORD.exec(text);
        if (m === null) continue;
        journal.set(Number(m[1]), Number.parseInt(m[2] as string, 16) >>> 0 || 1);
        journal.loaded++;
      }
    }
    if (options.write) {
      const fd = openSync(path, "a+");
      journal.fd = fd;
      // A torn record from a crash: start ours on a line of its own.
      if (exists && endsWithoutNewline(fd)) writeSync(fd, "\n");
      if (!exists) {
        writeSync(
          fd,
          "# plain-events backfill journal v1: <input line> <sha256(externalId)[0:8]> <s sent | e already existed>\n",
        );
      }
      writeSync(fd, `# run ${new Date(journal.now()).toISOString()}\n`);
      fdatasyncSync(fd);
      journal.lastSync = journal.now();
    }
    return journal;
  }

  /** Lines recorded by earlier runs. */
  get previous(): number {
    return this.loaded;
  }

  /** Whether line `line` was done with the external id whose {@link idHash} is `hash`. */
  isDone(line: number, hash: number): boolean {
    return line < this.done.length && this.done[line] === hash;
  }

  /** Records line `line` as in Plain. Written at once; synced at most once a second. */
  record(line: number, hash: number, status: "sent" | "alreadyExisted"): void {
    this.set(line, hash);
    if (this.fd === undefined) return;
    const hex = hash.toString(16).padStart(8, "0");
    writeSync(this.fd, `${line} ${hex} ${status === "sent" ? "s" : "e"}\n`);
    this.dirty = true;
    if (this.now() - this.lastSync >= 1000) this.sync();
  }

  /** Flushes the journal to the disk. */
  sync(): void {
    if (this.fd === undefined || !this.dirty) return;
    fdatasyncSync(this.fd);
    this.dirty = false;
    this.lastSync = this.now();
  }

  close(): void {
    if (this.fd === undefined) return;
    this.sync();
    closeSync(this.fd);
    this.fd = undefined;
  }

  private set(line: number, hash: number): void {
    if (line >= this.done.length) {
      let size = this.done.length;
      while (size <= line) size *= 2;
      const bigger = new Uint32Array(size);
      bigger.set(this.done);
      this.done = bigger;
    }
    this.done[line] = hash;
  }
}

function endsWithoutNewline(fd: number): boolean {
  const { size } = fstatSync(fd);
  if (size === 0) return false;
  const buffer = Buffer.alloc(1);
  readSync(fd, buffer, 0, 1, size - 1);
  return buffer[0] !== 10;
}
