import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests and examples import "plain-events" as users do; point that at the source.
    alias: [
      { find: /^plain-events$/, replacement: src("index.ts") },
      { find: /^plain-events\/(transport|preview|testing)$/, replacement: src("$1/index.ts") },
    ],
  },
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/browser/**", "node_modules/**"],
    typecheck: {
      enabled: true,
      include: ["tests/**/*.test-d.ts"],
      tsconfig: "./tsconfig.json",
    },
  },
});
