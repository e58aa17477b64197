#!/usr/bin/env node
/**
 * The `plain-events` bin: runs {@link main} with the real process. Kept apart from `main.ts` so
 * that importing the CLI in tests never runs it. No top-level await: tsup also builds this
 * entry as CommonJS.
 */
import process from "node:process";
import { main } from "./main.js";

void main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
}).then((code) => {
  process.exitCode = code;
});
