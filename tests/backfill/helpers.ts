import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";
import type { StoredEvent } from "../../src/testing/index.js";

/** A template with a number, a string and a URL param. */
export const TEMPLATE = {
  version: 1,
  title: "Invoice paid",
  params: {
    invoice: { type: "string" },
    amount: { type: "number" },
    url: { type: "url" },
  },
  components: [
    { componentText: { text: "Invoice **{{invoice}}** paid: {{amount}} EUR" } },
    { componentLinkButton: { linkButtonUrl: "{{url}}", linkButtonLabel: "Open invoice" } },
  ],
};

/** Line `i` of a backfill: a customer event with a timestamp, no external id. */
export function line(i: number): Record<string, unknown> {
  return {
    customer: { email: `customer${i % 7}@acme.com` },
    params: { invoice: `INV-${i}`, amount: i * 10, url: `https://billing.acme.com/inv/${i}` },
    timestamp: new Date(Date.UTC(2021, 0, 1) + i * 60_000).toISOString(),
  };
}

/** A temp folder with the template and `events.ndjson` holding `lines`. */
export function workspace(lines: readonly (Record<string, unknown> | string)[]) {
  const dir = mkdtempSync(join(tmpdir(), "plain-events-backfill-"));
  writeFileSync(join(dir, "t.json"), JSON.stringify(TEMPLATE, null, 2));
  const text = lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n");
  writeFileSync(join(dir, "events.ndjson"), `${text}\n`);
  return {
    dir,
    path: (name: string) => join(dir, name),
    read: (name: string) => readFileSync(join(dir, name), "utf8"),
  };
}

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `plain-events …argv` in-process. */
export async function run(
  argv: readonly string[],
  options: {
    cwd: string;
    env?: Record<string, string>;
    tty?: boolean;
    signal?: AbortSignal;
  },
): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const tty = options.tty ?? false;
  const code = await main(argv, {
    env: options.env ?? {},
    cwd: options.cwd,
    stdout: { write: (s: string) => (stdout += s), isTTY: tty },
    stderr: { write: (s: string) => (stderr += s), isTTY: tty },
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  } as Parameters<typeof main>[1]);
  return { code, stdout, stderr };
}

/** Fast retries for fault tests (the env knobs the backfill command reads for tests). */
export const FAST = {
  PLAIN_EVENTS_RETRY_ATTEMPTS: "12",
  PLAIN_EVENTS_RETRY_BASE_MS: "5",
  PLAIN_EVENTS_TIMEOUT_MS: "300",
};

/** The server's events' external ids, and whether any repeats. */
export function externalIds(events: readonly StoredEvent[]): { ids: string[]; unique: number } {
  const ids = events.map((e) => String(e.input.externalId));
  return { ids, unique: new Set(ids).size };
}
