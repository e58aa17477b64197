/**
 * The built package, as users get it: every entry of `dist/` imported through the package's own
 * exports map (Node resolves "plain-events" to this package by self-reference), as ESM and as
 * CommonJS, each in a fresh Node process. `npm test` builds first.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

const ENTRIES = {
  "plain-events": "index",
  "plain-events/transport": "transport/index",
  "plain-events/bulk": "bulk/index",
  "plain-events/preview": "preview/index",
  "plain-events/testing": "testing/index",
  "plain-events/templates": "templates/index",
} as const;
type Entry = keyof typeof ENTRIES;

/** Runs a program in a fresh Node process, from the package root, and returns its stdout. */
async function node(
  kind: "esm" | "cjs",
  code: string,
  options: { args?: string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  const inputType = kind === "esm" ? "module" : "commonjs";
  const { stdout } = await run(
    process.execPath,
    [...(options.args ?? []), `--input-type=${inputType}`, "--eval", code],
    { cwd: ROOT, env: { ...process.env, NO_COLOR: "1", ...options.env }, timeout: 30_000 },
  );
  return stdout;
}

function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

beforeAll(() => {
  const built = join(ROOT, "dist/index.js");
  if (!existsSync(built)) throw new Error("dist/ is missing: run `npm run build` (npm test does)");
  if (statSync(built).mtimeMs < newestIn(join(ROOT, "src"))) {
    throw new Error("dist/ is older than src/: run `npm run build` (npm test does)");
  }
});

describe.each(Object.entries(ENTRIES) as [Entry, string][])("%s", (entry, file) => {
  it("resolves to dist/ as ESM and as CommonJS, with the source's exports", async () => {
    const source = (await import(/* @vite-ignore */ entry)) as Record<string, unknown>;
    const expected = Object.keys(source).sort();
    const esm = await node(
      "esm",
      `const m = await import(${JSON.stringify(entry)});
       console.log(JSON.stringify({ at: import.meta.resolve(${JSON.stringify(entry)}), keys: Object.keys(m).sort() }));`,
    );
    const cjs = await node(
      "cjs",
      `const m = require(${JSON.stringify(entry)});
       console.log(JSON.stringify({ at: require.resolve(${JSON.stringify(entry)}), keys: Object.keys(m).sort() }));`,
    );
    const fromEsm = JSON.parse(esm) as { at: string; keys: string[] };
    const fromCjs = JSON.parse(cjs) as { at: string; keys: string[] };
    expect(fileURLToPath(fromEsm.at)).toBe(join(ROOT, `dist/${file}.js`));
    expect(fromCjs.at).toBe(join(ROOT, `dist/${file}.cjs`));
    expect(fromEsm.keys).toEqual(expected);
    expect(fromCjs.keys).toEqual(expected);
  });
});

const API_KEY_EXAMPLE = (load: (entry: string) => string) => `
  const { event, md } = ${load("plain-events")};
  const { memoryTransport } = ${load("plain-events/testing")};
  const fingerprint = "3b7896975ee9fd15eeb7";
  const roles = ["admin", "billing", "support", "read-only"];
  const apiKeyGenerated = event("API key generated")
    .text(md\`New API key was added with the fingerprint **\${fingerprint}** with \${roles.length} associated roles.\`)
    .spacer("M")
    .button("View in admin", "https://admin.your-app.com");
  const plain = memoryTransport();
  const request = apiKeyGenerated.forCustomer({ email: "jane@acme.com" }).externalId("key-" + fingerprint);
  plain.send(request).then((first) => plain.send(request).then((second) => {
    console.log(JSON.stringify({
      ownKeys: Reflect.ownKeys(apiKeyGenerated).length,
      first: { ok: first.ok, id: first.ok ? first.event.id : undefined },
      second: second.ok ? "sent twice" : second.error.kind,
      sent: plain.sent,
    }));
  }));
`;

describe("the API key generated example, through the memory transport", () => {
  const fixture = JSON.parse(
    readFileSync(join(ROOT, "tests/fixtures/api-key-generated.json"), "utf8"),
  ) as unknown;

  it.each([
    ["esm", (entry: string) => `await import(${JSON.stringify(entry)})`],
    ["cjs", (entry: string) => `require(${JSON.stringify(entry)})`],
  ] as const)("as %s", async (kind, load) => {
    const out = JSON.parse(await node(kind, API_KEY_EXAMPLE(load))) as {
      ownKeys: number;
      first: { ok: boolean; id?: string };
      second: string;
      sent: unknown[];
    };
    expect(out.ownKeys).toBe(0); // a builder's state is private: nothing to change
    expect(out.first.ok).toBe(true);
    expect(out.first.id).toMatch(/^tev_/);
    expect(out.second).toBe("mutation"); // the memory transport refuses a second externalId
    expect(out.sent).toEqual([fixture]);
  });

  it("fails the same way from CommonJS when a rule is broken", async () => {
    const out = await node(
      "cjs",
      `const { event, ValidationError } = require("plain-events");
       try { event("x").button("Open", "javascript:alert(1)").forThread("th_1").build(); }
       catch (e) { console.log(JSON.stringify({ isValidationError: e instanceof ValidationError, problems: e.problems.map((p) => p.path) })); }`,
    );
    expect(JSON.parse(out)).toEqual({
      isValidationError: true,
      problems: ["components[0].componentLinkButton.linkButtonUrl"],
    });
  });
});

describe("what importing an entry loads", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "plain-events-loads-"));
    return () => rmSync(dir, { recursive: true, force: true });
  });

  /** Every module URL Node resolved while importing `entry` as ESM. */
  async function esmLoads(entry: string): Promise<string[]> {
    const log = join(dir, `${entry.replace(/\W/g, "_")}.log`);
    await node("esm", `await import(${JSON.stringify(entry)});`, {
      args: ["--import", "./tests/package/register-load-recorder.mjs"],
      env: { PLAIN_EVENTS_LOAD_LOG: log },
    });
    return readFileSync(log, "utf8").trim().split("\n");
  }

  /** Every module file in require.cache after requiring `entry`. */
  async function cjsLoads(entry: string): Promise<string[]> {
    const out = await node(
      "cjs",
      `require(${JSON.stringify(entry)}); console.log(JSON.stringify(Object.keys(require.cache)));`,
    );
    return JSON.parse(out) as string[];
  }

  const graphqlish = (urls: string[]) =>
    urls.filter((u) => /node_modules[/\\](graphql|graphql-request)[/\\]/.test(u));

  it("plain-events loads neither graphql-request nor graphql, as ESM or CommonJS", async () => {
    const esm = await esmLoads("plain-events");
    const cjs = await cjsLoads("plain-events");
    expect(esm.some((u) => u.endsWith("/dist/index.js"))).toBe(true);
    expect(cjs.some((u) => u.endsWith("/dist/index.cjs"))).toBe(true);
    expect(graphqlish(esm)).toEqual([]);
    expect(graphqlish(cjs)).toEqual([]);
  });

  it("plain-events/preview loads neither either", async () => {
    expect(graphqlish(await esmLoads("plain-events/preview"))).toEqual([]);
    expect(graphqlish(await cjsLoads("plain-events/preview"))).toEqual([]);
  });

  it("plain-events/bulk loads neither either (it sends through the transport it is given)", async () => {
    expect(graphqlish(await esmLoads("plain-events/bulk"))).toEqual([]);
    expect(graphqlish(await cjsLoads("plain-events/bulk"))).toEqual([]);
  });

  it("plain-events/testing loads neither until a test server starts (memoryTransport alone)", async () => {
    expect(graphqlish(await esmLoads("plain-events/testing"))).toEqual([]);
    expect(graphqlish(await cjsLoads("plain-events/testing"))).toEqual([]);
  });

  it("plain-events/transport does load graphql-request (so the check above can fail)", async () => {
    expect(graphqlish(await esmLoads("plain-events/transport"))).not.toEqual([]);
    expect(graphqlish(await cjsLoads("plain-events/transport"))).not.toEqual([]);
  });
});

describe("the bin", () => {
  it("runs from dist/ and prints the package's version", async () => {
    const { stdout } = await run(process.execPath, ["dist/cli/index.js", "--version"], {
      cwd: ROOT,
    });
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      version: string;
    };
    expect(stdout).toBe(`${version}\n`);
  });
});
