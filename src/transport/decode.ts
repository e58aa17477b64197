import type { EventRequest } from "../builder/request.js";
import { EVENT_FIELDS } from "./documents.js";
import type {
  GraphQLErrorInfo,
  MutationErrorType,
  MutationFieldErrorType,
  TransportError,
} from "./errors.js";
import { parseRetryAfter } from "./retry.js";
import type { CreatedEvent, EventCreated } from "./types.js";

/** An error before the attempt count is known. */
export type Unnumbered<E> = E extends unknown ? Omit<E, "attempts"> : never;

/** What one HTTP attempt came to. */
export type AttemptOutcome =
  | Unnumbered<EventCreated>
  | {
      readonly ok: false;
      readonly error: Unnumbered<TransportError>;
      /** The event may have been created although this attempt failed. */
      readonly unknownOutcome: boolean;
      /** For a 429: when to try again (ms since the epoch). */
      readonly retryAt?: number;
    };

/** An error still without its `message`, its request id and its attempt count. */
type Unsaid<E> = E extends unknown ? Omit<E, "attempts" | "message" | "requestId"> : never;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const orEmpty = (v: unknown): string => str(v) ?? "";
const objects = (v: unknown) => (Array.isArray(v) ? v.filter(isObject) : []);

function graphqlError(e: Record<string, unknown>): GraphQLErrorInfo {
  const code = isObject(e.extensions) ? str(e.extensions.code) : undefined;
  const info: { -readonly [K in keyof GraphQLErrorInfo]: GraphQLErrorInfo[K] } = {
    message: str(e.message) ?? "(no message)",
  };
  if (code !== undefined) info.code = code;
  if (Array.isArray(e.path)) {
    info.path = e.path.filter(
      (p): p is string | number => typeof p === "string" || typeof p === "number",
    );
  }
  return info;
}

/** The first three errors, for a message: `CODE: message; …`. */
const describeErrors = (errors: readonly GraphQLErrorInfo[]): string =>
  errors
    .slice(0, 3)
    .map((e) => (e.code === undefined ? e.message : `${e.code}: ${e.message}`))
    .join("; ");

/** A failed attempt. The answer's request id, when it had one, goes in the error and its message. */
function failed(
  error: Unsaid<TransportError>,
  message: string,
  unknownOutcome: boolean,
  requestId?: string,
  retryAt?: number,
): AttemptOutcome {
  return {
    ok: false,
    unknownOutcome,
    ...(retryAt === undefined ? {} : { retryAt }),
    error: (requestId === undefined
      ? { ...error, message }
      : {
          ...error,
          requestId,
          message: `${message} (request id ${requestId})`,
        }) as Unnumbered<TransportError>,
  };
}

/**
 * Turns an HTTP answer into an outcome: the three layers of Plain's errors, outermost first
 * (HTTP status, GraphQL `errors[]`, the mutation's own `error`), then the event.
 * `windowResetAt` is the rate-limit window's reset from the answer's headers.
 */
export function decodeAnswer(
  operation: EventRequest["operation"],
  { status, headers }: { readonly status: number; readonly headers: Headers },
  json: unknown,
  now: number,
  windowResetAt: number | undefined,
): AttemptOutcome {
  const requestId = headers.get("apigw-requestid") ?? undefined;
  const body = isObject(json) ? json : {};
  const errors = objects(body.errors).map(graphqlError);
  const detail = errors.length > 0 ? `: ${describeErrors(errors)}` : "";

  if (status === 429 || errors.some((e) => e.code === "RATE_LIMITED")) {
    const retryAt = parseRetryAfter(headers.get("retry-after"), now) ?? windowResetAt;
    const resetAt = retryAt === undefined ? undefined : new Date(retryAt).toISOString();
    const error = {
      kind: "rate_limited",
      status,
      retryable: true,
      ...(resetAt === undefined ? {} : { resetAt }),
    } as const;
    const message = `Plain rate limit reached${resetAt === undefined ? "" : `; resets at ${resetAt}`}`;
    return failed(error, message, false, requestId, retryAt);
  }

  if ((status < 200 || status > 299) && !(status === 400 && errors.length > 0)) {
    // A 5xx may come after the event was stored; a 4xx means it was not.
    const retryable = status >= 500;
    const what =
      status === 401 || status === 403
        ? "the API key was refused"
        : retryable
          ? "Plain had a server error"
          : "the request was refused";
    const error = { kind: "http", status, errors, retryable } as const;
    return failed(error, `HTTP ${status}: ${what}${detail}`, retryable, requestId);
  }

  const payload = isObject(body.data) ? body.data[operation] : undefined;
  if (!isObject(payload)) {
    if (errors.length > 0) {
      // Only an INTERNAL_SERVER_ERROR (and nothing final) is worth a retry.
      const retryable = errors.every((e) => e.code === "INTERNAL_SERVER_ERROR");
      const error = { kind: "graphql", status, errors, retryable } as const;
      return failed(error, `GraphQL error${detail}`, retryable, requestId);
    }
  } else if (isObject(payload.error)) {
    const e = payload.error;
    const type = (str(e.type) ?? "INTERNAL") as MutationErrorType;
    const code = str(e.code) ?? "unknown";
    const fields = objects(e.fields).map((f) => ({
      field: orEmpty(f.field),
      message: orEmpty(f.message),
      type: (str(f.type) ?? "VALIDATION") as MutationFieldErrorType,
    }));
    const fieldNote =
      fields.length === 0 ? "" : ` [${fields.map((f) => `${f.field}: ${f.message}`).join("; ")}]`;
    const retryable = type === "INTERNAL";
    const error = { kind: "mutation", type, code, fields, retryable } as const;
    const message = `Plain refused the event (${type} ${code}): ${orEmpty(e.message)}${fieldNote}`;
    return failed(error, message, retryable, requestId);
  } else {
    const [eventField, idField] = EVENT_FIELDS[operation];
    const event = payload[eventField];
    if (isObject(event) && typeof event.id === "string") {
      const createdAt = isObject(event.createdAt) ? event.createdAt : {};
      const base = {
        id: event.id,
        title: orEmpty(event.title),
        createdAt: {
          iso8601: orEmpty(createdAt.iso8601),
          unixTimestamp: orEmpty(createdAt.unixTimestamp),
        },
      };
      const target = orEmpty(event[idField]);
      const created: CreatedEvent =
        operation === "createCustomerEvent"
          ? { operation, ...base, customerId: target }
          : { operation, ...base, threadId: target };
      const success = { ok: true, alreadyExisted: false, event: created } as const;
      return requestId === undefined ? success : { ...success, requestId };
    }
  }

  const error = { kind: "http", status, errors, retryable: false } as const;
  const message = `HTTP ${status}: the answer held neither an event nor an error`;
  return failed(error, message, true, requestId);
}

// Codes for failures before anything reached the server: the event cannot exist.
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);

/** A failure with no HTTP answer. `code` is the system error code found in its causes. */
export function networkFailure(error: unknown): AttemptOutcome {
  let code: string | undefined;
  for (let e = error, depth = 0; depth < 4 && typeof e === "object" && e !== null; depth++) {
    const { code: c, cause } = e as { code?: unknown; cause?: unknown };
    if (typeof c === "string") {
      code = c;
      break;
    }
    e = cause;
  }
  const text = error instanceof Error ? error.message : String(error);
  return failed(
    { kind: "network", retryable: true, ...(code === undefined ? {} : { code }) },
    `Network error${code === undefined ? "" : ` (${code})`}: ${text}`,
    code === undefined || !NOT_SENT_CODES.has(code),
  );
}

export const timeoutFailure = (timeoutMs: number): AttemptOutcome =>
  failed(
    { kind: "timeout", retryable: true, timeoutMs },
    `No answer within ${timeoutMs} ms; the event may or may not have been created`,
    true,
  );

export const abortedFailure = (): Unnumbered<TransportError> => ({
  kind: "aborted",
  retryable: false,
  message: "The send was aborted by the caller",
});
