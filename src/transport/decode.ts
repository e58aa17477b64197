import type { EventRequest } from "../builder/request.js";
import { isRecord } from "../components/rules.js";
import { defined } from "./defined.js";
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
      readonly retryAt?: number | undefined;
    };

/** An error still without its `message`, its request id and its attempt count. */
type Unsaid<E> = E extends unknown ? Omit<E, "attempts" | "message" | "requestId"> : never;

// The answer is parsed JSON: its objects are plain, so the core's isRecord tells them apart.
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const orEmpty = (v: unknown): string => str(v) ?? "";
const records = (v: unknown) => (Array.isArray(v) ? v.filter(isRecord) : []);
/** `a: message; b: message`, each message after what `label` names (when it names one). */
const list = <T extends { readonly message: string }>(
  items: readonly T[],
  label: (item: T) => unknown,
) =>
  items
    .map((item) => (label(item) === undefined ? "" : `${label(item)}: `) + item.message)
    .join("; ");

function graphqlError({ message, extensions, path }: Record<string, unknown>): GraphQLErrorInfo {
  return defined({
    message: str(message) ?? "(no message)",
    code: isRecord(extensions) ? str(extensions.code) : undefined,
    path: Array.isArray(path)
      ? path.filter((p): p is string | number => typeof p === "string" || typeof p === "number")
      : undefined,
  });
}

/**
 * A failed attempt. `unknownOutcome`: the event may have been created (by default, when the
 * error is worth a retry). The answer's request id, when it had one, goes in the error and its
 * message.
 */
function failed(
  error: Unsaid<TransportError>,
  message: string,
  requestId?: string,
  unknownOutcome = error.retryable,
  retryAt?: number,
): AttemptOutcome {
  return {
    ok: false,
    unknownOutcome,
    retryAt,
    error: defined({
      ...error,
      requestId,
      message: requestId === undefined ? message : `${message} (request id ${requestId})`,
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
  const body = isRecord(json) ? json : {};
  const errors = records(body.errors).map(graphqlError);
  // The first three errors, for a message: `: CODE: message; …`.
  const detail = errors.length === 0 ? "" : `: ${list(errors.slice(0, 3), (e) => e.code)}`;

  if (status === 429 || errors.some((e) => e.code === "RATE_LIMITED")) {
    const retryAt = parseRetryAfter(headers.get("retry-after"), now) ?? windowResetAt;
    const resetAt = retryAt === undefined ? undefined : new Date(retryAt).toISOString();
    return failed(
      defined({ kind: "rate_limited", status, retryable: true, resetAt } as const),
      `Plain rate limit reached${resetAt === undefined ? "" : `; resets at ${resetAt}`}`,
      requestId,
      false,
      retryAt,
    );
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
    return failed(
      { kind: "http", status, errors, retryable },
      `HTTP ${status}: ${what}${detail}`,
      requestId,
    );
  }

  const payload = isRecord(body.data) ? body.data[operation] : undefined;
  if (!isRecord(payload)) {
    if (errors.length > 0) {
      // Only an INTERNAL_SERVER_ERROR (and nothing final) is worth a retry.
      const retryable = errors.every((e) => e.code === "INTERNAL_SERVER_ERROR");
      return failed(
        { kind: "graphql", status, errors, retryable },
        `GraphQL error${detail}`,
        requestId,
      );
    }
  } else if (isRecord(payload.error)) {
    const e = payload.error;
    const type = (str(e.type) ?? "INTERNAL") as MutationErrorType;
    const code = str(e.code) ?? "unknown";
    const fields = records(e.fields).map((f) => ({
      field: orEmpty(f.field),
      message: orEmpty(f.message),
      type: (str(f.type) ?? "VALIDATION") as MutationFieldErrorType,
    }));
    const fieldNote = fields.length === 0 ? "" : ` [${list(fields, (f) => f.field)}]`;
    return failed(
      { kind: "mutation", type, code, fields, retryable: type === "INTERNAL" },
      `Plain refused the event (${type} ${code}): ${orEmpty(e.message)}${fieldNote}`,
      requestId,
    );
  } else {
    const [eventField, idField] = EVENT_FIELDS[operation];
    const event = payload[eventField];
    if (isRecord(event) && typeof event.id === "string") {
      const createdAt = isRecord(event.createdAt) ? event.createdAt : {};
      const created = {
        operation,
        id: event.id,
        title: orEmpty(event.title),
        createdAt: {
          iso8601: orEmpty(createdAt.iso8601),
          unixTimestamp: orEmpty(createdAt.unixTimestamp),
        },
        [idField]: orEmpty(event[idField]),
      } as unknown as CreatedEvent;
      return defined({ ok: true, alreadyExisted: false, event: created, requestId } as const);
    }
  }

  return failed(
    { kind: "http", status, errors, retryable: false },
    `HTTP ${status}: the answer held neither an event nor an error`,
    requestId,
    true,
  );
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
  return failed(
    defined({ kind: "network", retryable: true, code } as const),
    `Network error${code === undefined ? "" : ` (${code})`}: ${error instanceof Error ? error.message : String(error)}`,
    undefined,
    code === undefined || !NOT_SENT_CODES.has(code),
  );
}

export const timeoutFailure = (timeoutMs: number): AttemptOutcome =>
  failed(
    { kind: "timeout", retryable: true, timeoutMs },
    `No answer within ${timeoutMs} ms; the event may or may not have been created`,
  );

export const abortedFailure = (): Unnumbered<TransportError> => ({
  kind: "aborted",
  retryable: false,
  message: "The send was aborted by the caller",
});
