/** `plain-events send <file.json> --customer-email … | --thread …`: send a template's event. */
import { ValidationError, type CustomerIdentifier, type EventRequest } from "../index.js";
import type { SendResult, TransportError } from "../transport/index.js";
import { invalid, loadFile, readParams, renderTemplate } from "./load.js";
import {
  CliError,
  EXIT,
  onePath,
  stringOption,
  stringsOption,
  usageError,
  type Command,
  type Context,
  plainConfig,
} from "./shared.js";

/** The target options, and how each one targets the event. */
const TARGETS = {
  "customer-email": (v: string) => ({ customer: { email: v } }),
  "customer-id": (v: string) => ({ customer: { customerId: v } }),
  "customer-external-id": (v: string) => ({ customer: { externalId: v } }),
  thread: (v: string) => ({ thread: v }),
} as const satisfies Record<
  string,
  (v: string) => { customer: CustomerIdentifier } | { thread: string }
>;

const TARGET_FLAGS = Object.keys(TARGETS).map((t) => `--${t}`);

export const sendCommand: Command = {
  name: "send",
  summary: "fill in a template and send its event to a customer or thread",
  options: {
    "customer-email": { type: "string" },
    "customer-id": { type: "string" },
    "customer-external-id": { type: "string" },
    thread: { type: "string" },
    params: { type: "string" },
    param: { type: "string", multiple: true },
    "external-id": { type: "string" },
    timestamp: { type: "string" },
    "dry-run": { type: "boolean" },
  },
  help: `Usage: plain-events send <template.json> <target> [--params params.json]
                             [--param name=value]... [--external-id id] [--timestamp iso]
                             [--dry-run]

Fills in a template document, checks the event, and sends it to Plain with a createCustomerEvent
or createThreadEvent mutation. Prints the event id (and "already existed" when Plain had it).

Target (exactly one):
  --customer-email <email>       the customer with this email address
  --customer-id <id>             the customer with this Plain id (c_…)
  --customer-external-id <id>    the customer with this external id (yours)
  --thread <id>                  a thread event on this thread (th_…)

Options:
  --params <file.json>   the template's params, as a JSON object { "name": value }
  --param <name=value>   one param (repeatable; wins over --params). A number param's value
                         is read as a number
  --external-id <id>     the event's external id (overrides the template's). Plain refuses a
                         second event with the same one (exit 4), so a rerun sends no duplicate
  --timestamp <iso>      when it happened, ISO 8601 with an offset (for backfills)
  --dry-run              print the exact HTTP request instead of sending it (no key needed;
                         the key is shown as [redacted])

Environment:
  PLAIN_API_KEY   a Plain machine user's API key with customerEvent:create / threadEvent:create
                  (required unless --dry-run). Never printed
  PLAIN_API_URL   the GraphQL endpoint (default https://core-api.uk.plain.com/graphql/v1)

Examples:
  plain-events send api-key-generated.template.json --customer-email jane@acme.com \\
      --params params.json --external-id key-3b78
  plain-events send deploy.template.json --thread th_01HB924RWAW8H3Q8KZDFWYBJHZ --dry-run`,
  async run(args, ctx) {
    const file = onePath(args, "send", "<template.json>");
    const given = Object.entries(TARGETS).flatMap(([name, make]) => {
      const value = stringOption(args.values, name);
      return value === undefined ? [] : [{ flag: `--${name}`, target: make(value) }];
    });
    if (given.length !== 1) {
      throw usageError(
        given.length === 0
          ? `send needs a target: one of ${TARGET_FLAGS.join(", ")}`
          : `send takes one target, got ${given.map((g) => g.flag).join(" and ")}`,
        "send",
      );
    }
    const target = given[0]!.target;
    const dryRun = args.values["dry-run"] === true;

    const { apiKey, endpoint } = plainConfig(ctx, dryRun);

    const request = buildRequest(ctx, file, target, args.values);
    // Loaded only here, so that validate and preview never load graphql-request.
    const { dumpTransport, graphqlTransport } = await import("../transport/index.js");
    if (dryRun) {
      const dump = dumpTransport({
        write: false,
        ...(apiKey === "" ? {} : { apiKey }),
        ...(endpoint === undefined ? {} : { endpoint }),
      }).dump(request);
      ctx.out(dump.text);
      return EXIT.ok;
    }

    const options = {
      apiKey,
      ...(endpoint === undefined ? {} : { endpoint }),
      ...(ctx.io.fetch === undefined ? {} : { fetch: ctx.io.fetch }),
    };
    const transport = (ctx.io.createTransport ?? graphqlTransport)(options);
    const result: SendResult = await transport.send(request);
    if (!result.ok) {
      if (result.error.kind === "validation") {
        throw invalid(file, "event", result.error.problems);
      }
      throw new CliError(EXIT.sendFailed, `send failed: ${describeError(result.error)}`);
    }
    const tail = result.requestId === undefined ? "" : ` (request ${result.requestId})`;
    if (result.alreadyExisted) {
      const id = result.event.externalId;
      ctx.out(`${ctx.styleOut("green", "✓")} already existed: event with external id ${id}${tail}`);
    } else {
      ctx.out(`${ctx.styleOut("green", "✓")} sent: ${result.event.id}${tail}`);
    }
    return EXIT.ok;
  },
};

/** The template filled in, targeted and built; every problem is an "invalid input" error. */
function buildRequest(
  ctx: Context,
  file: string,
  target: { customer: CustomerIdentifier } | { thread: string },
  values: Parameters<Command["run"]>[0]["values"],
): EventRequest {
  const loaded = loadFile(ctx, file);
  if (loaded.kind !== "template") {
    throw new CliError(
      EXIT.invalid,
      `${file}: send takes a template document, not a ${loaded.kind === "request" ? "request" : "component list"}`,
    );
  }
  const params = readParams(
    ctx,
    stringOption(values, "params"),
    stringsOption(values, "param"),
    loaded.types,
    "send",
  );
  let event = renderTemplate(file, loaded, params);
  const externalId = stringOption(values, "external-id");
  const timestamp = stringOption(values, "timestamp");
  if (externalId !== undefined) event = event.externalId(externalId);
  if (timestamp !== undefined) event = event.timestamp(timestamp);
  const targeted =
    "customer" in target ? event.forCustomer(target.customer) : event.forThread(target.thread);
  try {
    return targeted.build();
  } catch (error) {
    if (error instanceof ValidationError) throw invalid(file, error.subject, error.problems);
    throw error;
  }
}

/** `kind (status 401): message [request id]`: what failed, never the key. */
function describeError(error: TransportError): string {
  const extra: string[] = [];
  if ("status" in error) extra.push(`status ${error.status}`);
  if (error.kind === "mutation") extra.push(`${error.type}${error.code ? ` ${error.code}` : ""}`);
  if (error.kind === "network" && error.code !== undefined) extra.push(error.code);
  if (error.kind === "rate_limited" && error.resetAt !== undefined) {
    extra.push(`resets ${error.resetAt}`);
  }
  if (error.attempts > 1) extra.push(`${error.attempts} attempts`);
  const head = extra.length === 0 ? error.kind : `${error.kind} (${extra.join(", ")})`;
  const id = error.requestId === undefined ? "" : ` [request ${error.requestId}]`;
  // A message may span lines (field errors); the line stays one line.
  return `${head}: ${error.message.replace(/\s*\n\s*/g, "; ")}${id}`;
}
