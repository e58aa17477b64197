import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { startPlainTestServer, type PlainTestServer } from "../../src/testing/index.js";
import { externalIds, FAST, line, run, workspace } from "./helpers.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

let server: PlainTestServer | undefined;
afterEach(async () => {
  await server?.close();
});

describe("backfill killed mid-run", () => {
  it("resumes after kill -9 and delivers every line exactly once", async () => {
    const n = 60;
    server = await startPlainTestServer();
    // Every answer comes 60 ms after the event is stored: when the process dies, some events
    // are in Plain but not in the journal (their outcome unknown to it).
    for (let i = 0; i < 200; i++) server.faults.push({ kind: "delay", ms: 60, after: true });
    const ws = workspace(Array.from({ length: n }, (_, i) => line(i)));
    const env = { PLAIN_API_KEY: server.apiKey, PLAIN_API_URL: server.url, ...FAST };
    const { PLAIN_API_KEY: _key, FORCE_COLOR: _force, ...rest } = process.env;

    // `node --import tsx` rather than node_modules/.bin/tsx: the tsx bin runs the script in a
    // second node process, which a SIGKILL of the bin would leave running.
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "src/cli/index.ts",
        "backfill",
        ws.path("events.ndjson"),
        "--template",
        ws.path("t.json"),
        "--concurrency",
        "4",
      ],
      { cwd: ROOT, env: { ...rest, ...env, NO_COLOR: "1" }, stdio: "ignore" },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once("exit", (_code, signal) => resolve(signal)),
    );
    const s = server;
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (s.events.length >= 20) {
          clearInterval(timer);
          child.kill("SIGKILL");
          resolve();
        }
      }, 2);
      child.once("exit", () => {
        clearInterval(timer);
        reject(new Error("the backfill ended before it was killed"));
      });
    });
    expect(await exited).toBe("SIGKILL");
    const beforeResume = s.events.length;
    expect(beforeResume).toBeLessThan(n);

    const journal = ws.read("events.ndjson.journal");
    const journaled = journal.match(/^\d+ [0-9a-f]{8} [se]$/gm)?.length ?? 0;
    // Sends in flight at the kill were stored but never journaled.
    expect(journaled).toBeLessThan(beforeResume);

    const resumed = await run(["backfill", "events.ndjson", "--template", "t.json"], {
      cwd: ws.dir,
      env,
    });
    expect(resumed.code).toBe(0);
    const count = (label: string) =>
      Number(new RegExp(`^  ${label} +(\\d+)`, "m").exec(resumed.stdout)?.[1]);
    expect(count("skipped")).toBe(journaled);
    // Lines stored but not journaled were sent again and refused as duplicates: no second event.
    expect(count("already existed")).toBeGreaterThan(0);
    expect(count("already existed") + count("sent")).toBe(n - journaled);
    expect(s.events).toHaveLength(n);
    expect(externalIds(s.events).unique).toBe(n);
  }, 20_000);
});
