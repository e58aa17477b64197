import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { idHash, Journal } from "../../src/cli/journal.js";
import { canonicalJson, countLines, derivedExternalId, parseLine } from "../../src/cli/ndjson.js";
import { formatDuration, Progress } from "../../src/cli/progress.js";

const temp = () => mkdtempSync(join(tmpdir(), "plain-events-journal-"));

describe("the journal", () => {
  it("records lines and reads them back, keyed by line and external id", async () => {
    const path = join(temp(), "j");
    const a = await Journal.open(path, { write: true });
    a.record(3, idHash("x"), "sent");
    a.record(70_000, idHash("y"), "alreadyExisted");
    a.close();
    const b = await Journal.open(path, { write: false });
    expect(b.previous).toBe(2);
    expect(b.isDone(3, idHash("x"))).toBe(true);
    expect(b.isDone(3, idHash("other id"))).toBe(false); // the line changed since
    expect(b.isDone(70_000, idHash("y"))).toBe(true);
    expect(b.isDone(4, idHash("x"))).toBe(false);
  });

  it("ignores a torn last record and starts the next run on a new line", async () => {
    const path = join(temp(), "j");
    const a = await Journal.open(path, { write: true });
    a.record(1, idHash("a"), "sent");
    a.close();
    appendFileSync(path, `2 ${idHash("b").toString(16).padStart(8, "0").slice(0, 5)}`);
    const b = await Journal.open(path, { write: true });
    expect(b.isDone(1, idHash("a"))).toBe(true);
    expect(b.isDone(2, idHash("b"))).toBe(false);
    b.record(2, idHash("b"), "sent");
    b.close();
    const c = await Journal.open(path, { write: false });
    expect(c.isDone(2, idHash("b"))).toBe(true);
    expect(readFileSync(path, "utf8")).toMatch(/\n2 [0-9a-f]{5}\n# run /);
  });

  it("counts lines with or without a final newline", async () => {
    const dir = temp();
    writeFileSync(join(dir, "a"), "1\n2\n3\n");
    writeFileSync(join(dir, "b"), "1\n2\n3");
    writeFileSync(join(dir, "c"), "");
    expect(await countLines(join(dir, "a"))).toBe(3);
    expect(await countLines(join(dir, "b"))).toBe(3);
    expect(await countLines(join(dir, "c"))).toBe(0);
  });
});

describe("derived external ids", () => {
  const parse = (text: string) => {
    const line = parseLine(text);
    if ("message" in line) throw new Error(line.message);
    return line;
  };
  it("depend on the content and the template, not on key order, spacing or email spelling", () => {
    const a = parse('{"customer":{"email":"j@a.co"},"params":{"x":1,"y":"2"}}');
    const b = parse('{ "params": { "y": "2", "x": 1 }, "customer": { "emailAddress": "j@a.co" } }');
    const c = parse('{"customer":{"email":"j@a.co"},"params":{"x":2,"y":"2"}}');
    const withError = parse('{"customer":{"email":"j@a.co"},"params":{"x":1,"y":"2"},"error":{}}');
    expect(derivedExternalId("t1", a)).toBe(derivedExternalId("t1", b));
    expect(derivedExternalId("t1", a)).toBe(derivedExternalId("t1", withError));
    expect(derivedExternalId("t1", a)).not.toBe(derivedExternalId("t1", c));
    expect(derivedExternalId("t1", a)).not.toBe(derivedExternalId("t2", a));
    expect(derivedExternalId("t1", a)).toMatch(/^bf-[0-9a-f]{32}$/);
  });
  it("canonical JSON sorts keys at every depth", () => {
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: null, u: undefined })).toBe(
      '{"a":null,"b":[{"c":2,"d":1}]}',
    );
  });
});

describe("progress", () => {
  const state = { done: 250, total: 1000, skipped: 50, failed: 2, invalid: 0 };
  const plain = (_format: string, text: string) => text;

  it("prints a plain line at most every interval when not on a terminal", () => {
    let now = 0;
    let out = "";
    const p = new Progress(
      { write: (s: string) => (out += s) },
      { tty: false, style: plain, now: () => now, intervalMs: 5000 },
    );
    p.update(state);
    expect(out).toBe(""); // not at once: the first line comes after one interval
    now = 4000;
    p.update(state);
    expect(out).toBe("");
    now = 5000;
    p.update(state);
    expect(out).toBe("backfill: 250/1,000 lines (25%) · 40 lines/s · ETA 0:19 · 2 failed\n");
    now = 6000;
    p.update(state);
    expect(out.split("\n")).toHaveLength(2);
  });

  it("redraws a bar in place on a terminal and keeps it under logged lines", () => {
    let now = 0;
    let out = "";
    const p = new Progress(
      { write: (s: string) => (out += s) },
      { tty: true, style: plain, now: () => now },
    );
    now = 10_000;
    p.update(state);
    expect(out).toBe(
      "\r\x1b[2K▕██████░░░░░░░░░░░░░░░░░░▏ 250/1,000 25% · 20 lines/s · ETA 0:38 · 2 failed",
    );
    out = "";
    p.log("events.ndjson:7: invalid line");
    expect(out).toBe(
      "\r\x1b[2Kevents.ndjson:7: invalid line\n▕██████░░░░░░░░░░░░░░░░░░▏ 250/1,000 25% · 20 lines/s · ETA 0:38 · 2 failed",
    );
    out = "";
    p.update({ ...state, done: 260 }); // within 100 ms: not redrawn
    expect(out).toBe("");
    p.finish();
    expect(out).toBe("\r\x1b[2K");
  });

  it("formats durations", () => {
    expect(formatDuration(0)).toBe("0:00");
    expect(formatDuration(61_000)).toBe("1:01");
    expect(formatDuration(3_723_000)).toBe("1:02:03");
    expect(formatDuration(Number.NaN)).toBe("?");
  });
});
