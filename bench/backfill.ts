/**
 * `plain-events backfill` at scale: 10,000 and 100,000 NDJSON lines into the local test server
 * with its rate limit off. Reports throughput (lines/s) and the CLI's peak RSS.
 *
 * The CLI runs alone in a child process, bundled with esbuild and run by plain `node` (as users
 * run dist/, with no tsx in memory), so its RSS is measured without the server's: the server
 * runs here, in the parent, and keeps every event it accepts. The child reports
 * `process.resourceUsage().maxRSS` (the kernel's high-water mark) and its RSS after loading,
 * before the first line.
 *
 * Run: `npx tsx bench/backfill.ts [lines...] [--concurrency N]` (default 10000 100000, 32).
 * Goal: memory flat in the number of lines; peak RSS ≤ 150 MB at 100,000 lines.
 * Knobs: `CHILD_NODE_OPTIONS` is the child's NODE_OPTIONS (e.g. `--max-old-space-size=48`, to
 * show how much of the peak is V8 heap headroom rather than live data); `BENCH_TRACE=1` prints
 * the child's memoryUsage() every 500 ms. `CHILD_NODE_ARGS` are node flags on the child's
 * command line, for those NODE_OPTIONS refuses (`--trace-gc`); the child's own stdout is passed
 * to stderr. Profiles: `CHILD_NODE_OPTIONS="--heap-prof --heap-prof-dir=/tmp/prof"` (an
 * absolute dir: the child runs in a temp folder that is removed at the end).
 * `BENCH_ALLOC_PROFILE=/tmp/x.heapprofile` samples every allocation, garbage included (a heap
 * profile that DevTools opens), to see what each line allocates, not only what stays live;
 * with `BENCH_ALLOC_OLD=1`, only what outlived the young generation (promoted to old space).
 */
import { spawn } from "node:child_process";
import { copyFileSync, createWriteStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { startPlainTestServer } from "../src/testing/index.js";

const args = process.argv.slice(2);
const flag = args.indexOf("--concurrency");
const concurrency = flag === -1 ? 32 : Number(args[flag + 1]);
const sizes = args
  .filter((a, i) => !a.startsWith("--") && (flag === -1 || i !== flag + 1))
  .map(Number)
  .filter((x) => x > 0);
if (sizes.length === 0) sizes.push(10_000, 100_000);

const main = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "plain-events-bench-backfill-"));

// The child: the real CLI, measuring itself.
const entry = join(dir, "child.ts");
writeFileSync(
  entry,
  `import { main } from ${JSON.stringify(main)};
const loadedRss = process.memoryUsage().rss;
if (process.env.BENCH_TRACE) setInterval(() => { const m = process.memoryUsage(); process.stderr.write(JSON.stringify({ rss: m.rss >> 20, heapTotal: m.heapTotal >> 20, heapUsed: m.heapUsed >> 20, external: m.external >> 20, ab: m.arrayBuffers >> 20 }) + String.fromCharCode(10)); }, 500).unref();
let profiler;
if (process.env.BENCH_ALLOC_PROFILE) {
  const { Session } = await import("node:inspector/promises");
  profiler = new Session();
  profiler.connect();
  await profiler.post("HeapProfiler.startSampling", { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: !process.env.BENCH_ALLOC_OLD });
}
let out = "";
const started = performance.now();
const code = await main(process.argv.slice(2), {
  stdout: { write: (s) => (out += s) },
  stderr: { write: () => true },
  env: process.env,
  cwd: process.cwd(),
});
const ms = performance.now() - started;
if (profiler) {
  const { profile } = await profiler.post("HeapProfiler.stopSampling");
  (await import("node:fs")).writeFileSync(process.env.BENCH_ALLOC_PROFILE, JSON.stringify(profile));
}
process.stdout.write(JSON.stringify({ code, ms, loadedRss, maxRss: process.resourceUsage().maxRSS * 1024, out }));
`,
);
const bundle = join(dir, "child.mjs");
await build({
  entryPoints: [entry],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outfile: bundle,
  logLevel: "error",
  // graphql-request and graphql are bundled; a shim gives CJS dependencies their require.
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
});

// The profile's line numbers are the bundle's: keep it beside the profile.
if (process.env.BENCH_ALLOC_PROFILE)
  copyFileSync(bundle, `${process.env.BENCH_ALLOC_PROFILE}.child.mjs`);

const template = {
  version: 1,
  title: "Invoice paid",
  params: { invoice: { type: "string" }, amount: { type: "number" }, url: { type: "url" } },
  components: [
    { componentText: { text: "Invoice **{{invoice}}** was paid: {{amount}} EUR" } },
    { componentSpacer: { spacerSize: "M" } },
    { componentLinkButton: { linkButtonUrl: "{{url}}", linkButtonLabel: "Open invoice" } },
  ],
};
writeFileSync(join(dir, "t.json"), JSON.stringify(template));

async function generate(path: string, lines: number): Promise<void> {
  const out = createWriteStream(path);
  const start = Date.UTC(2019, 0, 1);
  for (let i = 0; i < lines; i++) {
    const line = JSON.stringify({
      customer: { email: `customer${i % 5000}@acme.com` },
      params: {
        invoice: `INV-${i}`,
        amount: (i % 900) + 10,
        url: `https://billing.acme.com/i/${i}`,
      },
      timestamp: new Date(start + i * 60_000).toISOString(),
    });
    if (!out.write(`${line}\n`))
      await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

interface ChildReport {
  code: number;
  ms: number;
  loadedRss: number;
  maxRss: number;
  out: string;
}

function runChild(argv: string[], env: Record<string, string>): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const nodeArgs = (process.env.CHILD_NODE_ARGS ?? "").split(/\s+/).filter((a) => a !== "");
    const child = spawn(process.execPath, [...nodeArgs, bundle, ...argv], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? "",
        BENCH_TRACE: process.env.BENCH_TRACE ?? "",
        BENCH_ALLOC_PROFILE: process.env.BENCH_ALLOC_PROFILE ?? "",
        BENCH_ALLOC_OLD: process.env.BENCH_ALLOC_OLD ?? "",
        NODE_OPTIONS: process.env.CHILD_NODE_OPTIONS ?? "",
        ...env,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => (text += chunk.toString()));
    child.once("error", reject);
    child.once("exit", () => {
      // The report is the last line; anything before it (--trace-gc, say) goes to stderr.
      const at = text.lastIndexOf('{"code":');
      if (at > 0) process.stderr.write(text.slice(0, at));
      try {
        resolve(JSON.parse(text.slice(Math.max(0, at))) as ChildReport);
      } catch {
        reject(new Error(`child printed no report: ${text}`));
      }
    });
  });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
console.log(
  `backfill bench: node ${process.version}, concurrency ${concurrency}, test server (rate limit off) in the parent process`,
);
console.log("lines     time      lines/s   RSS after load   peak RSS   exit");
for (const lines of sizes) {
  const server = await startPlainTestServer({ rateLimit: false });
  const input = join(dir, `events-${lines}.ndjson`);
  await generate(input, lines);
  const report = await runChild(
    ["backfill", input, "--template", "t.json", "--concurrency", String(concurrency)],
    {
      PLAIN_API_KEY: server.apiKey,
      PLAIN_API_URL: server.url,
      ...(process.env.PLAIN_EVENTS_TIMEOUT_MS
        ? { PLAIN_EVENTS_TIMEOUT_MS: process.env.PLAIN_EVENTS_TIMEOUT_MS }
        : {}),
    },
  );
  const delivered = server.events.length;
  await server.close();
  const rate = Math.round((lines / report.ms) * 1000);
  console.log(
    `${String(lines).padEnd(9)} ${`${(report.ms / 1000).toFixed(1)} s`.padEnd(9)} ${String(rate).padEnd(9)} ${mb(report.loadedRss).padEnd(16)} ${mb(report.maxRss).padEnd(10)} ${report.code}`,
  );
  if (delivered !== lines || report.code !== 0) {
    console.error(`  ✗ the server holds ${delivered} events for ${lines} lines:\n${report.out}`);
    process.exitCode = 1;
  }
}
rmSync(dir, { recursive: true, force: true });
