import { defineConfig } from "tsup";

// One entry per public subpath. The core entry must not pull in transport code, so each entry
// is its own bundle root and shared code goes into chunks.
export default defineConfig({
  entry: {
    index: "src/index.ts",
    "transport/index": "src/transport/index.ts",
    "testing/index": "src/testing/index.ts",
    "preview/index": "src/preview/index.ts",
    "cli/index": "src/cli/index.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
  splitting: true,
  treeshake: true,
  // graphql and graphql-request are dependencies: keep them external so users share one copy.
  external: ["graphql", "graphql-request", "ts-pattern"],
});
