import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { VERSION } from "../../src/version.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TSX = "node_modules/.bin/tsx";

/** Runs the real bin entry in a child process, as a user's shell would. */
function bin(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const { PLAIN_API_KEY: _key, FORCE_COLOR: _force, ...rest } = process.env;
  return spawnSync(TSX, ["src/cli/index.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...rest, NO_COLOR: "1", ...env },
    timeout: 30_000,
  });
}

describe("the plain-events bin", () => {
  it("starts with a shebang for node", () => {
    const source = readFileSync(new URL("../../src/cli/index.ts", import.meta.url), "utf8");
    expect(source.split("\n")[0]).toBe("#!/usr/bin/env node");
  });

  it("prints its version and exits 0", () => {
    const result = bin(["--version"]);
    expect(result.stdout).toBe(`${VERSION}\n`);
    expect(result.status).toBe(0);
  });

  it("sets the exit code and prints one line, no stack, for a failure", () => {
    const result = bin(["send", "tests/cli/fixtures/deploy.template.json", "--thread", "th_1"]);
    expect(result.status).toBe(3);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      "plain-events: PLAIN_API_KEY is not set: export a Plain machine user's API key, or use --dry-run\n",
    );
  });
});
