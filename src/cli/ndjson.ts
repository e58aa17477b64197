/**
 * The backfill input: NDJSON read line by line (bounded memory), one event per line, and the
 * deterministic external id a line gets when it names none.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { isRecord } from "../components/index.js";
import type { CustomerIdentifier } from "../index.js";
import { parseJson } from "./shared.js";

/** One line of a backfill file, checked for shape (the template checks the rest). */
export interface BackfillLine {
  readonly target: { readonly customer: CustomerIdentifier } | { readonly thread: string };
  readonly params: Record<string, unknown> | undefined;
  readonly externalId: string | undefined;
  readonly timestamp: string | undefined;
  readonly collapsed: boolean | undefined;
  /** The line's JSON object as read, for the failed file. */
  readonly value: Record<string, unknown>;
}

/** A line that cannot be sent as it is. `value` is its object, when it was one. */
export interface LineProblem {
  readonly message: string;
  readonly value?: Record<string, unknown>;
}

const CUSTOMER_KEYS = ["email", "emailAddress", "externalId", "customerId"] as const;
/** Keys a line may hold. `error` is what the failed file adds; it is read back and ignored. */
const LINE_KEYS = new Set([
  "customer",
  "thread",
  "params",
  "externalId",
  "timestamp",
  "collapsed",
  "error",
]);

/** Reads one non-blank NDJSON line into a {@link BackfillLine}, or says what is wrong. */
export function parseLine(text: string): BackfillLine | LineProblem {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    const at = parsed.position === undefined ? "" : ` (column ${parsed.position.column})`;
    return { message: `not valid JSON: ${parsed.message}${at}` };
  }
  const value = parsed.value;
  if (!isRecord(value) || Array.isArray(value)) {
    return { message: 'must be a JSON object like {"customer": {"email": "…"}, "params": {…}}' };
  }
  const fail = (message: string): LineProblem => ({ message, value });
  const unknown = Object.keys(value).filter((k) => !LINE_KEYS.has(k));
  if (unknown.length > 0) {
    return fail(
      `unknown key${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => JSON.stringify(k)).join(", ")} (a line holds customer or thread, params, externalId, timestamp, collapsed)`,
    );
  }
  const hasCustomer = value.customer !== undefined;
  const hasThread = value.thread !== undefined;
  if (hasCustomer === hasThread) {
    return fail(
      hasCustomer
        ? 'has both "customer" and "thread": give one target'
        : 'has no target: give "customer": {"email" | "emailAddress" | "externalId" | "customerId": …} or "thread": "th_…"',
    );
  }
  let target: BackfillLine["target"];
  if (hasCustomer) {
    const customer = value.customer;
    const keys = isRecord(customer) ? Object.keys(customer) : [];
    const key = keys[0];
    if (
      !isRecord(customer) ||
      keys.length !== 1 ||
      key === undefined ||
      !(CUSTOMER_KEYS as readonly string[]).includes(key) ||
      typeof customer[key] !== "string"
    ) {
      return fail(`"customer" must hold exactly one of ${CUSTOMER_KEYS.join(", ")}, as a string`);
    }
    target = { customer: { [key]: customer[key] } as unknown as CustomerIdentifier };
  } else {
    if (typeof value.thread !== "string") return fail('"thread" must be a thread id string');
    target = { thread: value.thread };
  }
  const { params, externalId, timestamp, collapsed } = value;
  if (params !== undefined && (!isRecord(params) || Array.isArray(params))) {
    return fail('"params" must be an object of name → value');
  }
  if (externalId !== undefined && typeof externalId !== "string") {
    return fail('"externalId" must be a string');
  }
  if (timestamp !== undefined && typeof timestamp !== "string") {
    return fail('"timestamp" must be an ISO 8601 string');
  }
  if (collapsed !== undefined && typeof collapsed !== "boolean") {
    return fail('"collapsed" must be true or false');
  }
  return {
    target,
    params: params as Record<string, unknown> | undefined,
    externalId: externalId as string | undefined,
    timestamp: timestamp as string | undefined,
    collapsed: collapsed as boolean | undefined,
    value,
  };
}

/** JSON with object keys sorted at every depth: equal data, equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** SHA-256 of UTF-8 text, in hex. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * The external id of a line that names none: `bf-` and 32 hex digits of
 * SHA-256(SHA-256(template's canonical JSON) "\n" canonical JSON of the line's target, params,
 * timestamp and collapsed). The same template and the same line give the same id, whatever
 * the line's number, key order or spacing, so a rerun (or the failed file fed back) cannot
 * create a second event.
 */
export function derivedExternalId(templateHash: string, line: BackfillLine): string {
  const target =
    "thread" in line.target
      ? { thread: line.target.thread }
      : { customer: normalizeCustomer(line.target.customer) };
  const content = canonicalJson({
    ...target,
    params: line.params ?? {},
    timestamp: line.timestamp,
    collapsed: line.collapsed,
  });
  return `bf-${sha256Hex(`${templateHash}\n${content}`).slice(0, 32)}`;
}

function normalizeCustomer(customer: CustomerIdentifier): Record<string, string> {
  const c = customer as Record<string, string>;
  return c.email !== undefined ? { emailAddress: c.email } : c;
}

/** The lines of a UTF-8 file, streamed (a BOM on the first line is dropped). */
export async function* readLines(path: string): AsyncGenerator<string, void, undefined> {
  const stream = createReadStream(path, { encoding: "utf8" });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let first = true;
  try {
    for await (const text of lines) {
      yield first ? text.replace(/^\uFEFF/, "") : text;
      first = false;
    }
  } finally {
    lines.close();
    stream.destroy();
  }
}

/** Counts a file's lines in one streaming pass (a last line without a newline counts). */
export async function countLines(path: string): Promise<number> {
  let count = 0;
  let last = 10;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) count++;
    if (chunk.length > 0) last = chunk[chunk.length - 1] ?? 10;
  }
  return last === 10 ? count : count + 1;
}
