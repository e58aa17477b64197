/**
 * `npm run size`: the minified and gzipped size of each entry, bundled with esbuild as a user's
 * bundler would (minify, tree-shake, ESM), with the dependencies (graphql-request, graphql,
 * ts-pattern) and Node's builtins left external: they are not this package's bytes.
 *
 * The entries are bundled from `src/` (tsup builds `dist/` from the same files with esbuild, so
 * no build is needed first). The core (`plain-events`) is measured on its own. The other entries
 * are measured on top of the core: whoever imports `plain-events/transport` already has the
 * core (the transport validates requests with the core's rules), so every module the core
 * bundle holds is left external for them. The column "alone" shows each entry with the core
 * bundled in, for reference.
 *
 * Exits 1 when an entry exceeds its budget. With `--ceilings` (what CI runs), it exits 1 only
 * when an entry grows past its ceiling instead: the size it had when the ceiling was last set,
 * rounded up. The budgets are goals not met yet (see README, "Performance and size"); the
 * ceilings keep every entry from growing while they are not.
 */
import { build, type Plugin } from "esbuild";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";

const ENTRIES = [
  { name: "plain-events", file: "src/index.ts", budget: 5_000, ceiling: 10_800 },
  {
    name: "plain-events/transport",
    file: "src/transport/index.ts",
    budget: 4_000,
    ceiling: 4_950,
  },
  { name: "plain-events/bulk", file: "src/bulk/index.ts", ceiling: 1_750 },
  { name: "plain-events/preview", file: "src/preview/index.ts", ceiling: 8_150 },
  { name: "plain-events/testing", file: "src/testing/index.ts", ceiling: 9_700 },
  { name: "plain-events/templates", file: "src/templates/index.ts", ceiling: 3_250 },
] as const satisfies readonly { name: string; file: string; budget?: number; ceiling: number }[];

const useCeilings = process.argv.includes("--ceilings");

const EXTERNAL = ["graphql", "graphql-request", "ts-pattern", "node:*"];

interface Measured {
  readonly minified: number;
  readonly gzip: number;
  readonly inputs: string[];
}

/** Leaves every module in `files` external, so that an entry is measured without them. */
function externalFiles(files: ReadonlySet<string>): Plugin {
  return {
    name: "external-files",
    setup(b) {
      b.onResolve({ filter: /^\./ }, (args) => {
        const path = resolve(args.resolveDir, args.path.replace(/\.js$/, ".ts"));
        return files.has(path) ? { path: args.path, external: true } : undefined;
      });
    },
  };
}

async function measure(file: string, without: ReadonlySet<string> = new Set()): Promise<Measured> {
  const result = await build({
    entryPoints: [file],
    bundle: true,
    minify: true,
    treeShaking: true,
    format: "esm",
    platform: "node",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
    external: EXTERNAL,
    plugins: [externalFiles(without)],
  });
  const code = result.outputFiles[0]!.contents;
  return {
    minified: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    inputs: Object.keys(result.metafile.inputs).map((p) => resolve(p)),
  };
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;

const core = await measure(ENTRIES[0].file);
const coreFiles = new Set(core.inputs);
const rows: string[][] = [];
let failed = false;
for (const entry of ENTRIES) {
  const isCore = entry.file === ENTRIES[0].file;
  const own = isCore ? core : await measure(entry.file, coreFiles);
  const alone = isCore ? core : await measure(entry.file);
  const budget = "budget" in entry ? entry.budget : undefined;
  const over = budget !== undefined && own.gzip > budget;
  const grown = own.gzip > entry.ceiling;
  failed ||= useCeilings ? grown : over;
  if (grown) console.error(`${entry.name} grew past its ceiling of ${kB(entry.ceiling)}`);
  rows.push([
    entry.name,
    isCore ? "itself" : "+ core",
    kB(own.minified),
    kB(own.gzip),
    kB(alone.gzip),
    budget === undefined ? "" : `≤ ${kB(budget)}`,
    budget === undefined ? "" : over ? "✗ over" : "✓",
  ]);
}

const header = ["entry", "measured", "minified", "gzip", "alone (gzip)", "budget (gzip)", ""];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
console.log(line(header));
for (const row of rows) console.log(line(row));
console.log(
  "\nesbuild, minified ESM, gzip level 9; graphql, graphql-request, ts-pattern and node: builtins external." +
    '\n"+ core": measured with the core\'s own modules external (a user of that entry already has the core);' +
    '\n"alone": the same entry with the core bundled in.',
);
if (failed) {
  console.error(useCeilings ? "\nan entry grew past its ceiling" : "\nsize budget exceeded");
  process.exitCode = 1;
}
