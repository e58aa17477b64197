import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { DocumentNode, ExecutionResult, GraphQLError, GraphQLFormattedError } from "graphql";
import type { EventRequest } from "../builder/request.js";
import { newEventId, plainDateTime } from "../transport/ids.js";
import type { Fault } from "./faults.js";
import { PLAIN_SUBSET_SDL } from "./schema.js";
import {
  duplicateExternalIdError,
  forbiddenError,
  INTERNAL_ERROR,
  validationError,
  type PlainMutationError,
} from "./validate.js";

/** Options of {@link startPlainTestServer}. */
export interface PlainTestServerOptions {
  /** The key requests must send as `Authorization: Bearer …`. Default: a new random key. */
  readonly apiKey?: string;
  /**
   * Requests allowed per fixed window; over it, HTTP 429 as Plain answers it. Every answer
   * carries `x-ratelimit-limit`, `x-ratelimit-remaining` and `x-ratelimit-reset`.
   * Default `{ limit: 600, windowMs: 60_000 }`; `false` turns limiting and the headers off.
   */
  readonly rateLimit?: { readonly limit?: number; readonly windowMs?: number } | false;
  /** The key's permissions. Default both `customerEvent:create` and `threadEvent:create`. */
  readonly permissions?: readonly string[];
}

/** An event the server accepted. */
export interface StoredEvent {
  readonly id: string;
  readonly operation: EventRequest["operation"];
  /** The mutation's input, as JSON after GraphQL coercion. */
  readonly input: Record<string, unknown>;
  readonly customerId: string;
  readonly threadId?: string;
  readonly createdAt: { readonly iso8601: string; readonly unixTimestamp: string };
  /** The `apigw-requestid` of the request that created it. */
  readonly requestId: string;
}

/** One HTTP request the server received. */
export interface ReceivedRequest {
  readonly requestId: string;
  /** Header names in lower case; `authorization`, when sent, reads `[redacted]`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Whether it carried `Authorization: Bearer <the server's key>`. */
  readonly authorized: boolean;
  /** The body exactly as received. */
  readonly body: string;
  /** The fault it consumed, if any. */
  readonly fault?: Fault;
  /** The status answered (`0` for a dropped connection); set once answered. */
  status: number;
}

/** A running test server. */
export interface PlainTestServer {
  /** The GraphQL endpoint: `http://127.0.0.1:<port>/graphql/v1`. */
  readonly url: string;
  readonly apiKey: string;
  /** Every accepted event, in order of creation. */
  readonly events: StoredEvent[];
  /** Faults to inject: push to add; each GraphQL request consumes the first one. */
  readonly faults: Fault[];
  /** Every request received, in order. */
  readonly requests: ReceivedRequest[];
  /** Stops the server and closes every connection. */
  close(): Promise<void>;
}

const PATH = "/graphql/v1";
const RATE_LIMITED_BODY = {
  errors: [
    { message: "Too Many Requests - Rate limit exceeded", extensions: { code: "RATE_LIMITED" } },
  ],
};
const PERMISSION = {
  createCustomerEvent: "customerEvent:create",
  createThreadEvent: "threadEvent:create",
} as const;

/**
 * Starts a Plain-compatible GraphQL server on 127.0.0.1 (a random port) for end-to-end tests.
 *
 * It executes the two event mutations with graphql-js against the project's own subset of
 * Plain's schema, and checks inputs with the same rules as the builder: exactly one key per
 * component and identifier, every limit, nesting, unique `externalId`s (a duplicate is a
 * `VALIDATION` error with a field error on `externalId`). It answers 401 without the right
 * key, carries `apigw-requestid` and rate-limit headers, and injects {@link Fault}s on demand.
 * It is stricter than Plain in one way: deprecated aliases (`size`, `url`, …) are refused.
 */
export async function startPlainTestServer(
  options: PlainTestServerOptions = {},
): Promise<PlainTestServer> {
  const apiKey = options.apiKey ?? `plain_test_${randomBytes(12).toString("hex")}`;
  const limit = options.rateLimit === false ? undefined : (options.rateLimit?.limit ?? 600);
  const windowMs = options.rateLimit === false ? 60_000 : (options.rateLimit?.windowMs ?? 60_000);
  const permissions = new Set(options.permissions ?? Object.values(PERMISSION));
  // Loaded here, not at the top: unit tests that import only `memoryTransport` from this entry
  // never load graphql-js.
  const { buildSchema, execute, parse, validate } = await import("graphql");
  const schema = buildSchema(PLAIN_SUBSET_SDL);
  const events: StoredEvent[] = [];
  const faults: Fault[] = [];
  const requests: ReceivedRequest[] = [];
  const externalIds = new Set<string>();
  const customers = new Map<string, string>();
  const documents = new Map<string, DocumentNode | readonly GraphQLError[]>();
  let windowStart = 0;
  let used = 0;
  let counter = 0;

  function compile(query: string): DocumentNode | readonly GraphQLError[] {
    let compiled = documents.get(query);
    if (compiled === undefined) {
      try {
        const document = parse(query);
        const errors = validate(schema, document);
        compiled = errors.length > 0 ? errors : document;
      } catch (error) {
        compiled = [error as GraphQLError];
      }
      if (documents.size > 100) documents.clear();
      documents.set(query, compiled);
    }
    return compiled;
  }

  function customerIdOf(identifier: Record<string, unknown>): string {
    if (typeof identifier.customerId === "string") return identifier.customerId;
    const key = JSON.stringify(identifier);
    let id = customers.get(key);
    if (id === undefined) {
      id = `c_${newEventId().slice(4)}`;
      customers.set(key, id);
    }
    return id;
  }

  function create(
    operation: EventRequest["operation"],
    rawInput: unknown,
    requestId: string,
  ): Record<string, unknown> {
    const outField = operation === "createCustomerEvent" ? "customerEvent" : "threadEvent";
    const fail = (error: PlainMutationError) => ({ [outField]: null, error });
    if (!permissions.has(PERMISSION[operation])) return fail(forbiddenError(PERMISSION[operation]));
    // Coerced inputs may have null prototypes; JSON makes them plain data for the rules.
    const input = JSON.parse(JSON.stringify(rawInput)) as Record<string, unknown>;
    const invalid = validationError(operation, input);
    if (invalid !== undefined) return fail(invalid);
    const externalId = typeof input.externalId === "string" ? input.externalId : undefined;
    if (externalId !== undefined && externalIds.has(externalId)) {
      return fail(duplicateExternalIdError(externalId));
    }
    if (externalId !== undefined) externalIds.add(externalId);
    const now = Date.now();
    const createdAt = plainDateTime(now);
    const threadId = typeof input.threadId === "string" ? input.threadId : undefined;
    const customerId =
      threadId === undefined
        ? customerIdOf(input.customerIdentifier as Record<string, unknown>)
        : customerIdOf({ thread: threadId });
    const stored: StoredEvent = {
      id: newEventId(now),
      operation,
      input,
      customerId,
      ...(threadId === undefined ? {} : { threadId }),
      createdAt,
      requestId,
    };
    events.push(stored);
    const event = {
      id: stored.id,
      isCollapsed: input.isCollapsed === true,
      customerId,
      ...(threadId === undefined ? {} : { threadId }),
      title: input.title,
      createdAt,
      updatedAt: createdAt,
    };
    return { [outField]: event, error: null };
  }

  /** Counts one request against the window; false when over the limit. */
  function take(res: ServerResponse): boolean {
    if (limit === undefined) return true;
    const now = Date.now();
    if (now >= windowStart + windowMs) {
      windowStart = now;
      used = 0;
    }
    const allowed = used < limit;
    if (allowed) used++;
    res.setHeader("x-ratelimit-limit", String(limit));
    res.setHeader("x-ratelimit-remaining", String(limit - used));
    res.setHeader("x-ratelimit-reset", new Date(windowStart + windowMs).toISOString());
    return allowed;
  }

  function json(res: ServerResponse, record: ReceivedRequest, status: number, body: unknown) {
    record.status = status;
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(body));
  }

  function text(res: ServerResponse, record: ReceivedRequest, status: number, body: string) {
    record.status = status;
    res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
    res.end(body);
  }

  /** Answers with a fault. Returns false when the fault does not replace the answer. */
  function answerFault(
    fault: Fault,
    res: ServerResponse,
    record: ReceivedRequest,
    operation: string | undefined,
  ): boolean {
    const op = operation ?? "createCustomerEvent";
    const outField = op === "createThreadEvent" ? "threadEvent" : "customerEvent";
    switch (fault.kind) {
      case "rate_limit": {
        const resetAt = new Date(Date.now() + (fault.resetInMs ?? 1000)).toISOString();
        res.setHeader("x-ratelimit-limit", String(limit ?? 600));
        res.setHeader("x-ratelimit-remaining", "0");
        res.setHeader("x-ratelimit-reset", resetAt);
        if (fault.retryAfterSeconds !== undefined) {
          res.setHeader("retry-after", String(fault.retryAfterSeconds));
        }
        json(res, record, 429, RATE_LIMITED_BODY);
        return true;
      }
      case "http500":
        text(res, record, 500, "Internal Server Error");
        return true;
      case "http":
        text(res, record, fault.status, `HTTP ${fault.status} (injected)`);
        return true;
      case "internal":
        json(res, record, 200, { data: { [op]: { [outField]: null, error: INTERNAL_ERROR } } });
        return true;
      case "graphql_internal":
        json(res, record, 200, {
          data: null,
          errors: [
            {
              message: "Internal server error (injected)",
              extensions: { code: "INTERNAL_SERVER_ERROR" },
            },
          ],
        });
        return true;
      case "forbidden":
        json(res, record, 200, {
          data: {
            [op]: { [outField]: null, error: forbiddenError(PERMISSION.createCustomerEvent) },
          },
        });
        return true;
      case "drop":
        record.status = 0;
        res.socket?.destroy();
        return true;
      case "delay":
        return false;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = `req_${++counter}_${randomBytes(4).toString("hex")}`;
    res.setHeader("apigw-requestid", requestId);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const authorized = req.headers.authorization === `Bearer ${apiKey}`;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      headers[name] = Array.isArray(value) ? value.join(", ") : value;
    }
    // The test server never keeps a key, right or wrong, even in its own log.
    if (headers.authorization !== undefined) headers.authorization = "[redacted]";
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "POST" || path !== PATH) {
      const record: ReceivedRequest = { requestId, headers, authorized, body, status: 0 };
      requests.push(record);
      json(res, record, 404, { errors: [{ message: `No route: ${req.method} ${path}` }] });
      return;
    }
    const fault = faults.shift();
    const record: ReceivedRequest = {
      requestId,
      headers,
      authorized,
      body,
      status: 0,
      ...(fault === undefined ? {} : { fault }),
    };
    requests.push(record);

    let parsed: { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      parsed = undefined;
    }
    const operationName =
      typeof parsed?.operationName === "string" ? parsed.operationName : undefined;
    const after = fault !== undefined && "after" in fault && fault.after === true;
    if (fault !== undefined && !after) {
      if (fault.kind === "delay") await sleep(fault.ms);
      else if (answerFault(fault, res, record, operationName)) return;
    }

    if (!authorized) {
      json(res, record, 401, {
        errors: [{ message: "Unauthenticated", extensions: { code: "UNAUTHENTICATED" } }],
      });
      return;
    }
    if (!take(res)) {
      json(res, record, 429, RATE_LIMITED_BODY);
      return;
    }
    if (parsed === undefined || typeof parsed !== "object" || typeof parsed.query !== "string") {
      json(res, record, 400, {
        errors: [
          {
            message: "Body must be JSON { query, variables }",
            extensions: { code: "BAD_REQUEST" },
          },
        ],
      });
      return;
    }
    const compiled = compile(parsed.query);
    if (!("kind" in compiled)) {
      const code = compiled.some((e) => e.message.startsWith("Syntax Error"))
        ? "GRAPHQL_PARSE_FAILED"
        : "GRAPHQL_VALIDATION_FAILED";
      json(res, record, 400, { errors: compiled.map((e) => withCode(e.toJSON(), code)) });
      return;
    }
    const result = (await execute({
      schema,
      document: compiled,
      variableValues: (parsed.variables ?? {}) as Record<string, unknown>,
      ...(operationName === undefined ? {} : { operationName }),
      rootValue: {
        createCustomerEvent: (args: { input: unknown }) =>
          create("createCustomerEvent", args.input, requestId),
        createThreadEvent: (args: { input: unknown }) =>
          create("createThreadEvent", args.input, requestId),
        myWorkspace: () => ({ id: "w_test", name: "plain-events test server" }),
      },
    })) as ExecutionResult;

    if (fault !== undefined && after) {
      if (fault.kind === "delay") await sleep(fault.ms);
      else if (answerFault(fault, res, record, operationName)) return;
    }
    if (!("data" in result)) {
      // Variables that do not fit the schema: refused before execution, as Plain does.
      json(res, record, 400, {
        errors: (result.errors ?? []).map((e) => withCode(e.toJSON(), "BAD_USER_INPUT")),
      });
      return;
    }
    json(res, record, 200, {
      ...(result.errors === undefined
        ? {}
        : { errors: result.errors.map((e) => withCode(e.toJSON(), "INTERNAL_SERVER_ERROR")) }),
      data: result.data,
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(`test server error: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // Loopback only: the test server is never reachable from another machine.
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${PATH}`,
    apiKey,
    events,
    faults,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function withCode(error: GraphQLFormattedError, code: string) {
  const extensions: Record<string, unknown> = error.extensions ?? {};
  return { ...error, extensions: { ...extensions, code: extensions.code ?? code } };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
