/**
 * `plain-events backfill <events.ndjson> --template t.json`: send one event per NDJSON line,
 * paced under Plain's rate limit, resumable from a journal, with failed lines written to a file
 * that can be fed back in. See docs/backfill.md.
 */
import { toTemplateJSON } from "../templates/index.js";
import { closeSync, existsSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import process from "node:process";
import { ValidationError, type EventBuilder, type EventRequest, type Problem } from "../index.js";
import type { SendAllItem } from "../bulk/index.js";
import type { Transport, TransportError } from "../transport/index.js";
import { idHash, Journal } from "./journal.js";
import { loadFile } from "./load.js";
import {
  canonicalJson,
  countLines,
  derivedExternalId,
  parseLine,
  readLines,
  sha256Hex,
  type BackfillLine,
} from "./ndjson.js";
import { Progress } from "./progress.js";
import {
  CliError,
  EXIT,
  onePath,
  stringOption,
  usageError,
  type CliIO,
  type Command,
  type Context,
  type ExitCode,
  plainConfig,
} from "./shared.js";

/** Detailed messages shown per kind (invalid, failed); the rest are counted. */
const SHOWN = 100;
const MAX_CONCURRENCY = 64;

/** What the command may take beyond {@link CliIO}: tests pass a signal instead of SIGINT. */
interface BackfillIO extends CliIO {
  readonly signal?: AbortSignal;
}

/** One line ready to send. */
interface Ready {
  readonly line: number;
  readonly request: EventRequest;
  readonly externalId: string;
  readonly hash: number;
  readonly value: Record<string, unknown>;
}

type Prepared =
  | { readonly kind: "blank" }
  | { readonly kind: "invalid"; readonly message: string; readonly value?: Record<string, unknown> }
  | ({ readonly kind: "ready" } & Ready);

export const backfillCommand: Command = {
  name: "backfill",
  summary: "send one event per NDJSON line: paced, resumable, nothing sent twice",
  options: {
    template: { type: "string" },
    concurrency: { type: "string" },
    journal: { type: "string" },
    failed: { type: "string" },
    "dry-run": { type: "boolean" },
  },
  help: `Usage: plain-events backfill <events.ndjson> --template <template.json> [--concurrency N]
                              [--journal path] [--failed path] [--dry-run]

Sends one event per line of an NDJSON file: the template filled in with the line's params, to
the line's customer or thread. Sends are paced under Plain's rate limit and retried; a rerun
after Ctrl-C, a crash or kill -9 skips the lines already in Plain and sends each other line
exactly once.

Each line is a JSON object:
  {"customer": {"email": "jane@acme.com"}, "params": {...}, "timestamp": "2023-05-01T09:30:00Z"}
  {"thread": "th_01HB924RWAW8H3Q8KZDFWYBJHZ", "params": {...}, "externalId": "deploy-4711"}
  customer    one of email, emailAddress, externalId, customerId (or "thread": a thread id)
  params      the template's params
  timestamp   when it happened, ISO 8601 with an offset (optional)
  externalId  the event's external id (optional). Without one, the template's externalId is
              used, or else "bf-" + a SHA-256 of the template and the line's content, so the
              same line always makes the same event and a rerun never makes a second one
  collapsed   true to show the event collapsed (optional)

Options:
  --template <file.json>   the template document (required)
  --concurrency <n>        sends in flight at once, 1-${MAX_CONCURRENCY} (default 8)
  --journal <path>         the progress journal (default <input>.journal)
  --failed <path>          where lines that were not sent go, each with an "error" field
                           (default <input without .ndjson>.failed.ndjson); fix them and feed
                           the file back as input
  --dry-run                check every line and show the first request; send nothing

Progress goes to standard error: a bar on a terminal, a line every 5 s elsewhere. Ctrl-C
stops reading and lets the sends in flight finish (Ctrl-C again quits at once); rerun the
same command to resume. Exit code 4 when a line failed or the run was stopped, 1 when lines
were invalid (and nothing failed), 0 when every line is in Plain.

Environment:
  PLAIN_API_KEY   a Plain machine user's API key (required unless --dry-run). Never printed
  PLAIN_API_URL   the GraphQL endpoint (default https://core-api.uk.plain.com/graphql/v1)

Example:
  plain-events backfill invoices.ndjson --template invoice-paid.template.json --concurrency 8`,

  async run(args, ctx) {
    const input = onePath(args, "backfill", "<events.ndjson>");
    const templatePath = stringOption(args.values, "template");
    if (templatePath === undefined) {
      throw usageError("backfill needs a template: --template <template.json>", "backfill");
    }
    const concurrency = readConcurrency(stringOption(args.values, "concurrency"));
    const dryRun = args.values["dry-run"] === true;

    const { apiKey, endpoint } = plainConfig(ctx, dryRun);

    const loaded = loadFile(ctx, templatePath);
    if (loaded.kind !== "template") {
      throw new CliError(EXIT.invalid, `${templatePath}: backfill takes a template document`);
    }
    const inputPath = ctx.resolve(input);
    if (!existsSync(inputPath) || !statSync(inputPath).isFile()) {
      throw new CliError(EXIT.invalid, `${input}: cannot read: no such file`);
    }
    const journalPath = ctx.resolve(stringOption(args.values, "journal") ?? `${input}.journal`);
    const failedPath = ctx.resolve(stringOption(args.values, "failed") ?? failedName(input));
    if (failedPath === inputPath || journalPath === inputPath || failedPath === journalPath) {
      throw usageError(
        "the input, the journal and the failed file must be three files",
        "backfill",
      );
    }

    const template = loaded.builder;
    const templateDoc = toTemplateJSON(template);
    const templateHash = sha256Hex(canonicalJson(templateDoc));
    const templateHasExternalId = templateDoc.externalId !== undefined;
    const prepare = (text: string): Prepared =>
      prepareLine(text, template, templateHash, templateHasExternalId);

    const total = await countLines(inputPath);
    const journal = await Journal.open(journalPath, { write: !dryRun });
    const where = (line: number) => `${ctx.show(inputPath)}:${line}`;

    if (dryRun)
      return await dryRunReport(ctx, inputPath, prepare, journal, total, where, {
        apiKey,
        endpoint,
      });

    // Loaded only here, so that validate and preview never load graphql-request.
    const [{ graphqlTransport }, { sendAll }] = await Promise.all([
      import("../transport/index.js"),
      import("../bulk/index.js"),
    ]);
    // Why not globalThis.fetch: Node 20's fetch makes each request's state outlive the young
    // generation (see node-fetch.ts), so a backfill at 2,000 lines/s grew the old space to
    // 100+ MB of garbage between full GCs. Over node:http the same run allocates half as much
    // per line and its garbage dies young. A fetch given in io (tests) is used as it is.
    const ownFetch =
      ctx.io.fetch === undefined
        ? (await import("../transport/node-fetch.js")).nodeHttpFetch()
        : undefined;
    const transport: Transport = (ctx.io.createTransport ?? graphqlTransport)({
      apiKey,
      ...(endpoint === undefined ? {} : { endpoint }),
      fetch: ownFetch ?? (ctx.io.fetch as typeof fetch),
      ...transportTuning(ctx),
    });

    rmSync(failedPath, { force: true });
    const failed = new FailedFile(failedPath, apiKey);
    const progress = new Progress(ctx.io.stderr, {
      tty: ctx.io.stderr.isTTY === true,
      style: (format, text) => ctx.styleErr(format, text),
    });
    const counts = { sent: 0, existed: 0, skipped: 0, failed: 0, invalid: 0, blank: 0 };
    let waitingMs: number | undefined;
    const report = () =>
      progress.update({
        done:
          counts.sent +
          counts.existed +
          counts.skipped +
          counts.failed +
          counts.invalid +
          counts.blank,
        total,
        skipped: counts.skipped,
        failed: counts.failed,
        invalid: counts.invalid,
        waitingMs,
      });
    // Messages go through ctx's redaction, then around the bar.
    const say = (text: string) => {
      let clean = text;
      if (apiKey !== "") clean = clean.replaceAll(apiKey, "[redacted]");
      progress.log(clean);
    };

    async function* items(): AsyncGenerator<SendAllItem<Ready>> {
      let line = 0;
      for await (const text of readLines(inputPath)) {
        line++;
        const prepared = prepare(text);
        if (prepared.kind === "blank") {
          counts.blank++;
          continue;
        }
        if (prepared.kind === "invalid") {
          counts.invalid++;
          if (counts.invalid <= SHOWN) say(`${where(line)}: invalid line: ${prepared.message}`);
          if (prepared.value !== undefined) {
            failed.write(prepared.value, { kind: "invalid", message: prepared.message, line });
          }
          report();
          continue;
        }
        const ready: Ready = { ...prepared, line };
        if (journal.isDone(line, prepared.hash)) {
          yield { skip: "done in an earlier run", meta: ready };
        } else {
          yield { request: prepared.request, meta: ready };
        }
      }
    }

    const controller = new AbortController();
    const external = (ctx.io as BackfillIO).signal;
    let interrupts = 0;
    const onSignal = () => {
      interrupts++;
      if (interrupts > 1) {
        journal.close();
        failed.close();
        process.exit(130);
      }
      say("stopping: finishing the sends in flight (Ctrl-C again to quit now; rerun to resume)");
      controller.abort();
    };
    const onExternal = () => controller.abort();
    if (external === undefined) {
      process.on("SIGINT", onSignal);
      process.on("SIGTERM", onSignal);
    } else if (external.aborted) controller.abort();
    else external.addEventListener("abort", onExternal, { once: true });

    let summary;
    try {
      summary = await sendAll(transport, items(), {
        concurrency,
        signal: controller.signal,
        onProgress: (p) => {
          waitingMs = p.waitingMs;
          report();
          waitingMs = undefined;
        },
        onResult: (r) => {
          const meta = r.meta as Ready;
          switch (r.status) {
            case "sent":
            case "alreadyExisted":
              journal.record(meta.line, meta.hash, r.status);
              if (r.status === "sent") counts.sent++;
              else counts.existed++;
              break;
            case "skipped":
              counts.skipped++;
              break;
            case "failed": {
              counts.failed++;
              const message = describeError(r.error);
              if (counts.failed <= SHOWN) say(`${where(meta.line)}: send failed: ${message}`);
              failed.write(
                { ...meta.value, externalId: meta.externalId },
                {
                  kind: r.error.kind,
                  message,
                  line: meta.line,
                  ...(r.error.requestId === undefined ? {} : { requestId: r.error.requestId }),
                },
              );
              break;
            }
          }
          report();
        },
      });
    } finally {
      if (external === undefined) {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      } else external.removeEventListener("abort", onExternal);
      journal.close();
      failed.close();
      progress.finish();
      ownFetch?.close();
    }

    const hidden = (count: number) => Math.max(0, count - SHOWN);
    if (hidden(counts.invalid) > 0)
      ctx.err(`… and ${n(hidden(counts.invalid))} more invalid lines`);
    if (hidden(counts.failed) > 0) ctx.err(`… and ${n(hidden(counts.failed))} more failed lines`);

    const seconds = summary.durationMs / 1000;
    const worked = counts.sent + counts.existed + counts.failed;
    const rate = seconds > 0 ? Math.round(worked / seconds) : worked;
    const lines = [
      `backfill: ${ctx.show(inputPath)}, ${n(total)} lines in ${seconds.toFixed(1)} s (${n(rate)} sends/s)`,
      row("sent", counts.sent),
      row("already existed", counts.existed),
      row(
        "skipped",
        counts.skipped,
        counts.skipped > 0 ? `done in an earlier run (${ctx.show(journalPath)})` : "",
      ),
      row("failed", counts.failed, counts.failed > 0 ? `→ ${ctx.show(failedPath)}` : ""),
      row("invalid", counts.invalid, counts.invalid > 0 ? "see the messages above" : ""),
    ];
    ctx.out(lines.join("\n"));
    const notSent = counts.failed + counts.invalid;
    const rerunFailed = `plain-events backfill ${ctx.show(failedPath)} --template ${templatePath}`;
    if (summary.aborted) {
      ctx.out(`${ctx.styleOut("yellow", "■")} stopped: rerun the same command to resume`);
      return EXIT.sendFailed;
    }
    if (notSent === 0) {
      ctx.out(`${ctx.styleOut("green", "✓")} every line is in Plain`);
      return EXIT.ok;
    }
    ctx.out(
      `${ctx.styleOut("red", "✗")} ${n(notSent)} line${notSent === 1 ? "" : "s"} not sent${
        failed.written > 0 ? `: fix them in ${ctx.show(failedPath)} and run ${rerunFailed}` : ""
      }`,
    );
    return counts.failed > 0 ? EXIT.sendFailed : EXIT.invalid;
  },
};

const n = (x: number) => x.toLocaleString("en-US");
const row = (label: string, count: number, note = "") =>
  `  ${label.padEnd(16)}${n(count).padStart(9)}${note === "" ? "" : `  ${note}`}`;

/** `events.ndjson` → `events.failed.ndjson`. */
function failedName(input: string): string {
  return `${input.replace(/\.(ndjson|jsonl)$/i, "")}.failed.ndjson`;
}

function readConcurrency(text: string | undefined): number {
  if (text === undefined) return 8;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > MAX_CONCURRENCY) {
    throw usageError(
      `--concurrency takes a whole number 1-${MAX_CONCURRENCY}, got "${text}"`,
      "backfill",
    );
  }
  return value;
}

/**
 * For tests: `PLAIN_EVENTS_RETRY_ATTEMPTS`, `PLAIN_EVENTS_RETRY_BASE_MS` and
 * `PLAIN_EVENTS_TIMEOUT_MS` tune the transport's retries and per-attempt timeout.
 */
function transportTuning(ctx: Context) {
  const number = (name: string) => {
    const text = ctx.env[name];
    if (text === undefined || text === "") return undefined;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) {
      throw new CliError(EXIT.config, `${name} must be a whole number ≥ 1, got "${text}"`);
    }
    return value;
  };
  const attempts = number("PLAIN_EVENTS_RETRY_ATTEMPTS");
  const baseDelayMs = number("PLAIN_EVENTS_RETRY_BASE_MS");
  const timeoutMs = number("PLAIN_EVENTS_TIMEOUT_MS");
  const retry = {
    ...(attempts === undefined ? {} : { attempts }),
    ...(baseDelayMs === undefined ? {} : { baseDelayMs }),
  };
  return {
    ...(Object.keys(retry).length === 0 ? {} : { retry }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  };
}

/** Reads one line into a request, with its external id, or says why it cannot be sent. */
function prepareLine(
  text: string,
  template: EventBuilder<string>,
  templateHash: string,
  templateHasExternalId: boolean,
): Prepared {
  if (text.trim() === "") return { kind: "blank" };
  const parsed = parseLine(text);
  if ("message" in parsed) return { kind: "invalid", ...parsed };
  const line: BackfillLine = parsed;
  const problems = (subject: string, list: readonly Problem[]) =>
    `${subject}: ${list.map((p) => (p.path === "" ? p.message : `${p.path}: ${p.message}`)).join("; ")}`;
  let event: EventBuilder<never>;
  try {
    event =
      template.params.length === 0 && line.params === undefined
        ? (template as EventBuilder<never>)
        : (template.render((line.params ?? {}) as never) as EventBuilder<never>);
  } catch (error) {
    if (error instanceof ValidationError) {
      return {
        kind: "invalid",
        message: problems("invalid params", error.problems),
        value: line.value,
      };
    }
    throw error;
  }
  const explicit = line.externalId;
  if (explicit !== undefined) event = event.externalId(explicit);
  else if (!templateHasExternalId) event = event.externalId(derivedExternalId(templateHash, line));
  if (line.timestamp !== undefined) event = event.timestamp(line.timestamp);
  if (line.collapsed !== undefined) event = event.collapsed(line.collapsed);
  let request: EventRequest;
  try {
    const targeted =
      "customer" in line.target
        ? event.forCustomer(line.target.customer)
        : event.forThread(line.target.thread);
    request = targeted.build();
  } catch (error) {
    if (error instanceof ValidationError) {
      return {
        kind: "invalid",
        message: problems("invalid event", error.problems),
        value: line.value,
      };
    }
    throw error;
  }
  const externalId = request.input.externalId as string;
  return {
    kind: "ready",
    line: 0,
    request,
    externalId,
    hash: idHash(externalId),
    value: line.value,
  };
}

async function dryRunReport(
  ctx: Context,
  inputPath: string,
  prepare: (text: string) => Prepared,
  journal: Journal,
  total: number,
  where: (line: number) => string,
  config: { apiKey: string; endpoint: string | undefined },
): Promise<ExitCode> {
  let line = 0;
  let toSend = 0;
  let done = 0;
  let invalid = 0;
  let first: EventRequest | undefined;
  for await (const text of readLines(inputPath)) {
    line++;
    const prepared = prepare(text);
    if (prepared.kind === "blank") continue;
    if (prepared.kind === "invalid") {
      invalid++;
      if (invalid <= SHOWN) ctx.err(`${where(line)}: invalid line: ${prepared.message}`);
      continue;
    }
    if (journal.isDone(line, prepared.hash)) {
      done++;
      continue;
    }
    toSend++;
    first ??= prepared.request;
  }
  if (invalid > SHOWN) ctx.err(`… and ${n(invalid - SHOWN)} more invalid lines`);
  ctx.out(
    `dry run: ${ctx.show(inputPath)}, ${n(total)} lines: ${n(toSend)} to send, ${n(done)} done in an earlier run, ${n(invalid)} invalid`,
  );
  if (first !== undefined) {
    const { dumpTransport } = await import("../transport/index.js");
    const dump = dumpTransport({
      write: false,
      ...(config.apiKey === "" ? {} : { apiKey: config.apiKey }),
      ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
    }).dump(first);
    ctx.out(`first request:\n${dump.text}`);
  }
  return invalid > 0 ? EXIT.invalid : EXIT.ok;
}

/** `kind (status 500, 4 attempts): message [request id]`: never the key. */
function describeError(error: TransportError): string {
  const extra: string[] = [];
  if ("status" in error) extra.push(`status ${error.status}`);
  if (error.kind === "mutation") extra.push(`${error.type}${error.code ? ` ${error.code}` : ""}`);
  if (error.kind === "network" && error.code !== undefined) extra.push(error.code);
  if (error.attempts > 1) extra.push(`${error.attempts} attempts`);
  const head = extra.length === 0 ? error.kind : `${error.kind} (${extra.join(", ")})`;
  const id = error.requestId === undefined ? "" : ` [request ${error.requestId}]`;
  return `${head}: ${error.message.replace(/\s*\n\s*/g, "; ")}${id}`;
}

/**
 * Lines that were not sent, one JSON object each: the line as read, its `externalId` (so a
 * rerun of this file sends the same event, never a second one) and `error: { kind, message,
 * line }`. A backfill reads `error` back and ignores it, so the file is itself an input.
 * Created on the first failure; written record by record, like the journal.
 */
class FailedFile {
  private fd: number | undefined;
  written = 0;

  constructor(
    readonly path: string,
    private readonly secret: string,
  ) {}

  write(value: Record<string, unknown>, error: Record<string, unknown>): void {
    this.fd ??= openSync(this.path, "w");
    let text = JSON.stringify({ ...value, error });
    if (this.secret !== "") text = text.replaceAll(this.secret, "[redacted]");
    writeSync(this.fd, `${text}\n`);
    this.written++;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
