import { rmSync } from "node:fs";
import { defineConfig } from "tsup";

// One entry per public subpath. The core entry must not pull in transport code, so each entry
// is its own bundle root and shared code goes into chunks.
const libraries = {
  index: "src/index.ts",
  "transport/index": "src/transport/index.ts",
  "bulk/index": "src/bulk/index.ts",
  "testing/index": "src/testing/index.ts",
  "preview/index": "src/preview/index.ts",
  "templates/index": "src/templates/index.ts",
};

export default defineConfig({
  // The CLI shares the library's chunks (one build, so no second copy of the builder), but it
  // is a bin, not an import: it gets no declarations and no CommonJS file (removed below).
  entry: { ...libraries, "cli/index": "src/cli/index.ts" },
  format: ["esm", "cjs"],
  dts: { entry: libraries },
  clean: true,
  // No sourcemaps in the package: the output is unminified, readable ESM and CJS with the
  // source's names, so stack traces already point at meaningful code, and maps would more than
  // double the tarball. Users bundle and minify for themselves.
  sourcemap: false,
  target: "node20",
  splitting: true,
  treeshake: true,
  // Dependencies stay external so users share one copy.
  external: ["graphql", "graphql-request", "ts-pattern"],
  onSuccess: async () => {
    rmSync("dist/cli/index.cjs", { force: true });
  },
});
