import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.js";
import type { CliIO } from "../../src/cli/shared.js";

/** The fixtures folder: `main()` runs with it as the working directory by default. */
export const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));

/** What one run of the CLI did. */
export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link run}: the injected I/O, with plain, non-TTY defaults and an empty env. */
export interface RunOptions extends Partial<Omit<CliIO, "stdout" | "stderr">> {
  readonly tty?: boolean;
}

/** Runs `plain-events …argv` in-process and collects its output. */
export async function run(argv: readonly string[], options: RunOptions = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const { tty = false, ...io } = options;
  const code = await main(argv, {
    env: {},
    cwd: FIXTURES,
    ...io,
    stdout: { write: (s: string) => (stdout += s), isTTY: tty },
    stderr: { write: (s: string) => (stderr += s), isTTY: tty },
  });
  return { code, stdout, stderr };
}

/** A fresh temporary folder holding `files` (name → text). */
export function tempDir(files: Readonly<Record<string, string>> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "plain-events-cli-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Lines of output, without the final newline. */
export const lines = (text: string): string[] => text.replace(/\n$/, "").split("\n");
