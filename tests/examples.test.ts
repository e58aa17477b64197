import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("..", import.meta.url));
const tsx = join(root, "node_modules", ".bin", "tsx");

/** Every runnable example, found on disk so that a new example cannot go untested. */
function examples(dir = join(root, "examples")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return examples(path);
    return entry.name.endsWith(".ts") ? [relative(root, path)] : [];
  });
}

describe("examples", () => {
  it.each(examples())("%s runs", async (example) => {
    // No PLAIN_API_KEY: examples that send use the embedded local Plain-compatible server.
    const env = { ...process.env, PLAIN_API_KEY: "", NO_COLOR: "1" };
    const { stdout } = await run(tsx, [example], { cwd: root, env, timeout: 60_000 });
    expect(stdout.trim().length).toBeGreaterThan(0);
  });

  it("prints the documented request for the API key example", async () => {
    const { stdout } = await run(tsx, ["examples/api-key-generated.ts"], { cwd: root });
    const fixture = JSON.parse(
      readFileSync(join(root, "tests/fixtures/api-key-generated.json"), "utf8"),
    );
    expect(stdout).toContain(JSON.stringify(fixture.input.components[0].componentText.text));
    expect(stdout).toContain('"emailAddress": "jane@acme.com"');
  });
});
