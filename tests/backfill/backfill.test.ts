import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startPlainTestServer, type PlainTestServer } from "../../src/testing/index.js";
import { externalIds, FAST, line, run, workspace } from "./helpers.js";

let server: PlainTestServer;
let env: Record<string, string>;

beforeEach(async () => {
  server = await startPlainTestServer();
  env = { PLAIN_API_KEY: server.apiKey, PLAIN_API_URL: server.url, ...FAST };
});
afterEach(async () => {
  await server.close();
});

const lines = (n: number, from = 0) => Array.from({ length: n }, (_, i) => line(from + i));
const backfill = (cwd: string, ...extra: string[]) =>
  run(["backfill", "events.ndjson", "--template", "t.json", ...extra], { cwd, env });

/** The counts of the summary table. */
function summary(stdout: string) {
  const count = (label: string) =>
    Number(new RegExp(`^  ${label} +([\\d,]+)`, "m").exec(stdout)?.[1]?.replaceAll(",", ""));
  return {
    sent: count("sent"),
    existed: count("already existed"),
    skipped: count("skipped"),
    failed: count("failed"),
    invalid: count("invalid"),
  };
}

describe("plain-events backfill", () => {
  it("sends one event per line, journals them, and a rerun sends nothing again", async () => {
    const ws = workspace(lines(25));
    const first = await backfill(ws.dir, "--concurrency", "5");
    expect(first.code).toBe(0);
    expect(summary(first.stdout)).toEqual({
      sent: 25,
      existed: 0,
      skipped: 0,
      failed: 0,
      invalid: 0,
    });
    expect(first.stdout).toContain("✓ every line is in Plain");
    expect(server.events).toHaveLength(25);
    const { ids, unique } = externalIds(server.events);
    expect(unique).toBe(25);
    expect(ids.every((id) => /^bf-[0-9a-f]{32}$/.test(id))).toBe(true);
    // The line's content is sent: params, target and timestamp.
    const e = server.events.find((x) => x.input.timestamp === line(3).timestamp);
    expect(e?.input.customerIdentifier).toEqual({ emailAddress: "customer3@acme.com" });
    expect(JSON.stringify(e?.input.components)).toContain("INV-3");
    expect(ws.read("events.ndjson.journal").match(/^\d+ [0-9a-f]{8} s$/gm)).toHaveLength(25);
    expect(existsSync(ws.path("events.failed.ndjson"))).toBe(false);

    const second = await backfill(ws.dir);
    expect(second.code).toBe(0);
    expect(summary(second.stdout)).toMatchObject({ sent: 0, skipped: 25 });
    expect(server.events).toHaveLength(25);

    // Without the journal every line is sent again and Plain refuses each as a duplicate.
    rmSync(ws.path("events.ndjson.journal"));
    const third = await backfill(ws.dir);
    expect(third.code).toBe(0);
    expect(summary(third.stdout)).toMatchObject({ sent: 0, existed: 25, skipped: 0 });
    expect(server.events).toHaveLength(25);
  });

  it("derives the same external id from the same content, and honours explicit ones", async () => {
    const reordered = {
      timestamp: line(1).timestamp,
      params: line(1).params,
      customer: line(1).customer,
    };
    const ws = workspace([
      line(1),
      `  ${JSON.stringify(reordered)}  `,
      { ...line(2), externalId: "invoice-2" },
      { thread: "th_01HB924RWAW8H3Q8KZDFWYBJHZ", params: line(4).params, collapsed: true },
    ]);
    const result = await backfill(ws.dir, "--concurrency", "1");
    expect(result.code).toBe(0);
    // Line 2 is line 1 with its keys in another order: the same event.
    expect(summary(result.stdout)).toMatchObject({ sent: 3, existed: 1 });
    const { ids } = externalIds(server.events);
    expect(ids).toContain("invoice-2");
    const thread = server.events.find((e) => e.operation === "createThreadEvent");
    expect(thread?.input).toMatchObject({
      threadId: "th_01HB924RWAW8H3Q8KZDFWYBJHZ",
      isCollapsed: true,
    });
  });

  it("reports malformed lines with their numbers and sends every other line", async () => {
    const good = lines(6);
    const ws = workspace([
      good[0]!,
      "{not json",
      good[1]!,
      { params: good[2]!.params },
      "",
      { ...good[3]!, params: { invoice: "INV-x", url: "https://x.example" } },
      { ...good[4]!, params: { ...(good[4]!.params as object), amount: "lots" } },
      { ...good[5]!, tiemstamp: "2021-01-01T00:00:00Z" },
      { customer: { email: "a@b.c", customerId: "c_1" }, params: good[0]!.params },
      "[1, 2]",
      { ...good[2]!, timestamp: "yesterday" },
      good[5]!,
    ]);
    const result = await backfill(ws.dir);
    expect(result.code).toBe(1);
    expect(summary(result.stdout)).toMatchObject({ sent: 3, invalid: 8, failed: 0 });
    expect(server.events).toHaveLength(3);
    const err = result.stderr;
    expect(err).toContain("events.ndjson:2: invalid line: not valid JSON");
    expect(err).toContain("events.ndjson:4: invalid line: has no target");
    expect(err).toMatch(/events\.ndjson:6: invalid line: invalid params: .*amount: is missing/);
    expect(err).toMatch(/events\.ndjson:7: invalid line: invalid params: .*amount/);
    expect(err).toContain('events.ndjson:8: invalid line: unknown key "tiemstamp"');
    expect(err).toContain('events.ndjson:9: invalid line: "customer" must hold exactly one');
    expect(err).toContain("events.ndjson:10: invalid line: must be a JSON object");
    expect(err).toMatch(/events\.ndjson:11: invalid line: invalid event: .*timestamp/);
    expect(err).not.toContain("events.ndjson:5:");
    // Lines that are JSON objects go to the failed file with their line numbers.
    const failed = ws
      .read("events.failed.ndjson")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(failed.map((f) => f.error.line)).toEqual([4, 6, 7, 8, 9, 11]);
    expect(failed.every((f) => f.error.kind === "invalid")).toBe(true);
  });

  it("writes failed sends to a file that can be run again", async () => {
    const ws = workspace(lines(10));
    for (let i = 0; i < 3; i++) server.faults.push({ kind: "forbidden" });
    const first = await backfill(ws.dir, "--concurrency", "1");
    expect(first.code).toBe(4);
    expect(summary(first.stdout)).toMatchObject({ sent: 7, failed: 3 });
    expect(first.stdout).toContain(
      "fix them in events.failed.ndjson and run plain-events backfill events.failed.ndjson --template t.json",
    );
    expect(first.stderr).toMatch(/events\.ndjson:1: send failed: mutation \(FORBIDDEN/);
    const failed = ws
      .read("events.failed.ndjson")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(failed).toHaveLength(3);
    expect(failed[0]).toMatchObject({
      ...line(0),
      externalId: expect.stringMatching(/^bf-/),
      error: { kind: "mutation", line: 1 },
    });

    const retry = await run(["backfill", "events.failed.ndjson", "--template", "t.json"], {
      cwd: ws.dir,
      env,
    });
    expect(retry.code).toBe(0);
    expect(summary(retry.stdout)).toMatchObject({ sent: 3, failed: 0 });
    expect(server.events).toHaveLength(10);
    expect(externalIds(server.events).unique).toBe(10);

    // The original input again: the 3 lines are in Plain now, with the same external ids.
    const again = await backfill(ws.dir);
    expect(again.code).toBe(0);
    expect(summary(again.stdout)).toMatchObject({ sent: 0, existed: 3, skipped: 7 });
    expect(server.events).toHaveLength(10);
    expect(existsSync(ws.path("events.failed.ndjson"))).toBe(false);
  });

  it("loses nothing in a storm of 429s, 500s, dropped connections and slow answers", async () => {
    // Injected 429s reset within ms; a server window of 60 s would contradict them (the
    // transport then trusts the later reset), so this server's windows are short too.
    await server.close();
    server = await startPlainTestServer({ rateLimit: { limit: 1000, windowMs: 100 } });
    env = { PLAIN_API_KEY: server.apiKey, PLAIN_API_URL: server.url, ...FAST };
    const n = 30;
    const ws = workspace(lines(n));
    const storm = [
      { kind: "rate_limit", resetInMs: 20 },
      { kind: "http500" },
      { kind: "http500", after: true },
      { kind: "drop" },
      { kind: "drop", after: true },
      { kind: "delay", ms: 400, after: true }, // past the 300 ms timeout: stored, answer lost
      { kind: "delay", ms: 30 },
      { kind: "internal", after: true },
      { kind: "graphql_internal" },
      { kind: "http", status: 503 },
      { kind: "graphql_internal", after: true },
      { kind: "rate_limit", resetInMs: 10, retryAfterSeconds: 0 },
    ] as const;
    for (let round = 0; round < 3; round++) server.faults.push(...storm);
    const result = await backfill(ws.dir, "--concurrency", "6");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const s = summary(result.stdout);
    expect(s.sent + s.existed).toBe(n);
    expect(s.existed).toBeGreaterThan(0); // the `after: true` faults stored events first
    expect(s.failed).toBe(0);
    expect(server.faults).toHaveLength(0);
    expect(server.events).toHaveLength(n);
    expect(externalIds(server.events).unique).toBe(n);
  });

  it("stops reading on abort, lets sends in flight finish, and a rerun completes", async () => {
    const n = 40;
    const ws = workspace(lines(n));
    for (let i = 0; i < n; i++) server.faults.push({ kind: "delay", ms: 10 });
    const controller = new AbortController();
    const timer = setInterval(() => {
      if (server.events.length >= 8) controller.abort();
    }, 2);
    const first = await run(
      ["backfill", "events.ndjson", "--template", "t.json", "--concurrency", "2"],
      {
        cwd: ws.dir,
        env,
        signal: controller.signal,
      },
    );
    clearInterval(timer);
    expect(first.code).toBe(4);
    expect(first.stdout).toContain("stopped: rerun the same command to resume");
    const s1 = summary(first.stdout);
    expect(s1.sent).toBe(server.events.length); // in-flight sends finished and were journaled
    expect(s1.sent).toBeLessThan(n);

    const second = await backfill(ws.dir);
    expect(second.code).toBe(0);
    expect(summary(second.stdout)).toMatchObject({ skipped: s1.sent, sent: n - s1.sent });
    expect(server.events).toHaveLength(n);
    expect(externalIds(server.events).unique).toBe(n);
  });

  it("--dry-run checks every line and shows the first request without sending", async () => {
    const ws = workspace([...lines(4), "{oops"]);
    const result = await run(["backfill", "events.ndjson", "--template", "t.json", "--dry-run"], {
      cwd: ws.dir,
      env: { PLAIN_API_KEY: "secret-key-123" },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "dry run: events.ndjson, 5 lines: 4 to send, 0 done in an earlier run, 1 invalid",
    );
    expect(result.stdout).toContain("authorization: Bearer [redacted]");
    expect(result.stdout).toContain("INV-0");
    expect(result.stdout + result.stderr).not.toContain("secret-key-123");
    expect(result.stderr).toContain("events.ndjson:5: invalid line: not valid JSON");
    expect(server.requests).toHaveLength(0);
    expect(existsSync(ws.path("events.ndjson.journal"))).toBe(false);
  });

  it("never prints or writes the API key", async () => {
    const ws = workspace(lines(3));
    server.faults.push({ kind: "forbidden" });
    const result = await backfill(ws.dir, "--concurrency", "1");
    expect(result.code).toBe(4);
    const everything =
      result.stdout +
      result.stderr +
      ws.read("events.ndjson.journal") +
      ws.read("events.failed.ndjson");
    expect(everything).not.toContain(server.apiKey);
  });

  it("checks its arguments and configuration", async () => {
    const ws = workspace(lines(1));
    expect((await run(["backfill", "events.ndjson"], { cwd: ws.dir, env })).code).toBe(2);
    expect((await run(["backfill", "--template", "t.json"], { cwd: ws.dir, env })).code).toBe(2);
    const bad = await backfill(ws.dir, "--concurrency", "0");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--concurrency takes a whole number 1-64");
    const noKey = await run(["backfill", "events.ndjson", "--template", "t.json"], { cwd: ws.dir });
    expect(noKey.code).toBe(3);
    const missing = await run(["backfill", "nope.ndjson", "--template", "t.json"], {
      cwd: ws.dir,
      env,
    });
    expect(missing.code).toBe(1);
    writeFileSync(ws.path("request.json"), JSON.stringify({ operation: "createThreadEvent" }));
    expect(
      (await run(["backfill", "events.ndjson", "--template", "request.json"], { cwd: ws.dir, env }))
        .code,
    ).toBe(1);
    expect(server.requests).toHaveLength(0);
  });

  it("draws a progress bar on a terminal", async () => {
    const ws = workspace(lines(5));
    const result = await run(["backfill", "events.ndjson", "--template", "t.json"], {
      cwd: ws.dir,
      env,
      tty: true,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/\r\x1b\[2K▕[█░]{24}▏ \d\/5 \d+%/);
    // The bar is cleared before the summary.
    expect(result.stderr.endsWith("\r\x1b[2K")).toBe(true);
    expect(readFileSync(ws.path("events.ndjson.journal"), "utf8")).toContain("# run ");
  });
});
