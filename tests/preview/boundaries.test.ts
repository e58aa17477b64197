import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const dir = new URL("../../src/preview/", import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));
const imports = (file: string) =>
  [...readFileSync(new URL(file, dir), "utf8").matchAll(/^(import[^;]*?)from "([^"]+)"/gm)].map(
    ([, clause = "", from = ""]) => ({ clause, from }),
  );

describe("plain-events/preview boundaries", () => {
  it.each(files)("%s reads components, never builders, and needs no Node built-ins", (file) => {
    for (const { clause, from } of imports(file)) {
      // Node built-ins would keep the HTML renderer out of browser bundles.
      expect(from).not.toMatch(/^node:/);
      // Previews read compiled components; the builder may only be named as a type.
      if (from.startsWith("../builder/")) expect(clause).toMatch(/^import type /);
      expect(from).not.toMatch(/^\.\.\/(transport|testing|cli)\//);
    }
  });
});
