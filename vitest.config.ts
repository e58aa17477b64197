import { defineConfig } from "vitest/config";
import { sourceAliases } from "./vitest.shared.js";

export default defineConfig({
  resolve: {
    // Tests and examples import "plain-events" as users do; point that at the source.
    alias: sourceAliases,
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
