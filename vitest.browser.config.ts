import { defineConfig } from "vitest/config";
import { sourceAliases } from "./vitest.shared.js";

// Browser tests drive the system's Chromium (/usr/bin/chromium) with playwright-core from
// Node; they are not Vitest browser mode. `npm test` leaves them out; `npm run test:browser`
// runs them, and they skip with a message when Chromium is missing. A standalone config
// (not mergeConfig) because the main config's `exclude` lists tests/browser.
export default defineConfig({
  resolve: {
    alias: sourceAliases,
  },
  test: {
    include: ["tests/browser/**/*.browser.test.ts"],
    exclude: ["node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One browser at a time is plenty, and keeps CI machines calm.
    fileParallelism: false,
  },
});
