import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/main.js";
import { VERSION } from "../../src/version.js";
import { lines, run } from "./helpers.js";

describe("plain-events (global)", () => {
  it.each(["--help", "-h", "help"])("%s lists every command and the exit codes", async (flag) => {
    const { code, stdout, stderr } = await run([flag]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    for (const command of COMMANDS)
      expect(stdout).toMatch(new RegExp(`^  ${command.name} +\\S`, "m"));
    expect(stdout).toContain("Exit codes:");
    expect(stdout).toMatch(/^ {2}3 {3}missing configuration/m);
  });

  it.each(["--version", "-v"])("%s prints the version", async (flag) => {
    expect(await run([flag])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: "" });
  });

  it("without a command prints the help on standard error and exits 2", async () => {
    const { code, stdout, stderr } = await run([]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("Commands:");
  });

  it("rejects an unknown command with one line and a hint", async () => {
    const { code, stdout, stderr } = await run(["frobnicate", "x.json"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(lines(stderr)).toEqual([
      'plain-events: unknown command "frobnicate"',
      'Run "plain-events --help" for usage.',
    ]);
  });

  it("rejects an unknown global option", async () => {
    const { code, stderr } = await run(["--verbose"]);
    expect(code).toBe(2);
    expect(lines(stderr)[0]).toBe("plain-events: unknown option --verbose");
  });

  it.each(COMMANDS.map((c) => c.name))("%s --help shows its usage and exit codes", async (name) => {
    for (const flag of ["--help", "-h"]) {
      const { code, stdout, stderr } = await run([name, flag]);
      expect(code).toBe(0);
      expect(stderr).toBe("");
      expect(stdout).toMatch(new RegExp(`^Usage: plain-events ${name} `));
      expect(stdout).toContain("Exit codes:");
    }
    expect((await run(["help", name])).stdout).toBe((await run([name, "--help"])).stdout);
  });

  it("--help wins over missing arguments", async () => {
    expect((await run(["send", "--help"])).code).toBe(0);
  });

  it("rejects an unknown command option with one line and the command's hint", async () => {
    const { code, stderr } = await run(["validate", "deploy.template.json", "--bogus"]);
    expect(code).toBe(2);
    expect(lines(stderr)).toEqual([
      "plain-events: unknown option --bogus",
      'Run "plain-events validate --help" for usage.',
    ]);
  });

  it("rejects an option without its value, and a value for a flag", async () => {
    const missing = await run(["preview", "deploy.template.json", "--params"]);
    expect(missing.code).toBe(2);
    expect(lines(missing.stderr)[0]).toBe("plain-events: option --params needs a value");
    const extra = await run(["send", "x.json", "--dry-run=yes"]);
    expect(extra.code).toBe(2);
    expect(lines(extra.stderr)[0]).toBe("plain-events: option --dry-run takes no value");
  });

  it("turns an unexpected error into one line and exit 70, without a stack", async () => {
    const { main } = await import("../../src/cli/main.js");
    let stderr = "";
    const code = await main(
      ["boom"],
      {
        env: {},
        cwd: ".",
        stdout: { write: () => undefined },
        stderr: { write: (s: string) => (stderr += s) },
      },
      [
        {
          name: "boom",
          summary: "fails",
          help: "Usage: plain-events boom",
          options: {},
          run: () => {
            throw new TypeError("something broke");
          },
        },
      ],
    );
    expect(code).toBe(70);
    expect(lines(stderr)).toEqual(["plain-events: internal error: something broke"]);
  });
});
