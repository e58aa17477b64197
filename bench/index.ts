/**
 * `npm run bench`: every benchmark in one run.
 *
 * 1. bench/suite.ts: event payloads (a hand-written literal, Plain's @team-plain/ui-components,
 *    the plain-events builder, a prepared template) and long chains. It is bundled from src/
 *    with esbuild, as a user's bundler would, and run with plain node: running src through tsx
 *    would measure tsx's transform too (it wraps functions in `__name(…)` helpers), which no
 *    user ships.
 * 2. bench/transport.ts: graphqlTransport.send against a raw fetch POST of the same body, over
 *    loopback to the local test server. I/O-bound, so it runs through tsx.
 *
 * Goals are reported as met or missed; `npm run bench` never fails on them (timings are not
 * tests). `BENCH_QUICK=1` runs shorter rounds.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "plain-events-bench-"));
try {
  const outfile = join(dir, "suite.mjs");
  await build({
    entryPoints: [join(root, "bench/suite.ts")],
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outfile,
    logLevel: "warning",
    // tsconfig's paths map "plain-events" to src/index.ts, as vitest's alias does.
    tsconfig: join(root, "tsconfig.json"),
  });
  const suite = spawnSync(process.execPath, [outfile], { stdio: "inherit", cwd: root });
  if (suite.status !== 0) process.exit(suite.status ?? 1);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log("\nTransport (loopback to the local test server, rate limiting off)");
const quick = process.env.BENCH_QUICK === "1";
const transport = spawnSync(
  join(root, "node_modules/.bin/tsx"),
  ["bench/transport.ts", quick ? "200" : "500", quick ? "2" : "6"],
  { stdio: "inherit", cwd: root },
);
process.exitCode = transport.status ?? 1;
