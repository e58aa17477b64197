import type { EventRequest } from "../builder/request.js";
import { EVENT_FIELD } from "./documents.js";
import {
  graphqlErrorsRetryable,
  type GraphQLErrorInfo,
  type MutationErrorType,
  type MutationFieldError,
  type MutationFieldErrorType,
  type TransportError,
} from "./errors.js";
import type { RateLimitHeaders } from "./rate-limit.js";
import { parseRetryAfter } from "./retry.js";
import type { CreatedEvent } from "./types.js";

/** An error before the attempt count is known. */
export type Unnumbered<E> = E extends unknown ? Omit<E, "attempts"> : never;

/** What one HTTP attempt came to. */
export type AttemptOutcome =
  | {
      readonly ok: true;
      readonly event: CreatedEvent;
      readonly requestId?: string;
    }
  | {
      readonly ok: false;
      readonly error: Unnumbered<TransportError>;
      /** The event may have been created although this attempt failed. */
      readonly unknownOutcome: boolean;
      /** For a 429: when to try again (ms since the epoch). */
      readonly retryAt?: number;
    };

/** An HTTP answer, already read. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body, or `undefined` when it was not JSON. */
  readonly json: unknown;
  readonly rate: RateLimitHeaders;
  readonly now: number;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

function graphqlErrors(json: unknown): GraphQLErrorInfo[] {
  if (!isObject(json) || !Array.isArray(json.errors)) return [];
  return json.errors.filter(isObject).map((e) => {
    const code = isObject(e.extensions) ? str(e.extensions.code) : undefined;
    const path = Array.isArray(e.path)
      ? e.path.filter((p): p is string | number => typeof p === "string" || typeof p === "number")
      : undefined;
    return {
      message: str(e.message) ?? "(no message)",
      ...(code === undefined ? {} : { code }),
      ...(path === undefined ? {} : { path }),
    };
  });
}

function describeErrors(errors: readonly GraphQLErrorInfo[]): string {
  return errors
    .slice(0, 3)
    .map((e) => (e.code === undefined ? e.message : `${e.code}: ${e.message}`))
    .join("; ");
}

const requestIdOf = (headers: Headers) => headers.get("apigw-requestid") ?? undefined;
const withId = (requestId: string | undefined) => (requestId === undefined ? {} : { requestId });
const idNote = (requestId: string | undefined) =>
  requestId === undefined ? "" : ` (request id ${requestId})`;

/** Turns an HTTP answer into an outcome: the three layers of Plain's errors, outermost first. */
export function decodeAnswer(operation: EventRequest["operation"], answer: Answer): AttemptOutcome {
  const { status, headers, json, now } = answer;
  const requestId = requestIdOf(headers);
  const errors = graphqlErrors(json);
  const note = idNote(requestId);

  if (status === 429 || errors.some((e) => e.code === "RATE_LIMITED")) {
    const retryAt = parseRetryAfter(headers.get("retry-after"), now) ?? answer.rate.resetAt;
    const resetAt = retryAt === undefined ? undefined : new Date(retryAt).toISOString();
    return {
      ok: false,
      unknownOutcome: false,
      ...(retryAt === undefined ? {} : { retryAt }),
      error: {
        kind: "rate_limited",
        status,
        retryable: true,
        ...(resetAt === undefined ? {} : { resetAt }),
        ...withId(requestId),
        message: `Plain rate limit reached${resetAt === undefined ? "" : `; resets at ${resetAt}`}${note}`,
      },
    };
  }

  const is2xx = status >= 200 && status < 300;
  if (!is2xx && !(status === 400 && errors.length > 0)) {
    const retryable = status >= 500;
    const what =
      status === 401 || status === 403
        ? "the API key was refused"
        : status >= 500
          ? "Plain had a server error"
          : "the request was refused";
    const detail = errors.length > 0 ? `: ${describeErrors(errors)}` : "";
    return {
      ok: false,
      // A 5xx may come after the event was stored; a 4xx means it was not.
      unknownOutcome: retryable,
      error: {
        kind: "http",
        status,
        errors,
        retryable,
        ...withId(requestId),
        message: `HTTP ${status}: ${what}${detail}${note}`,
      },
    };
  }

  const payload = isObject(json) && isObject(json.data) ? json.data[operation] : undefined;
  if (errors.length > 0 && !isObject(payload)) {
    const retryable = graphqlErrorsRetryable(errors);
    return {
      ok: false,
      unknownOutcome: retryable,
      error: {
        kind: "graphql",
        status,
        errors,
        retryable,
        ...withId(requestId),
        message: `GraphQL error: ${describeErrors(errors)}${note}`,
      },
    };
  }

  if (isObject(payload) && isObject(payload.error)) {
    const e = payload.error;
    const type = (str(e.type) ?? "INTERNAL") as MutationErrorType;
    const code = str(e.code) ?? "unknown";
    const fields: MutationFieldError[] = Array.isArray(e.fields)
      ? e.fields.filter(isObject).map((f) => ({
          field: str(f.field) ?? "",
          message: str(f.message) ?? "",
          type: (str(f.type) ?? "VALIDATION") as MutationFieldErrorType,
        }))
      : [];
    const fieldNote =
      fields.length === 0 ? "" : ` [${fields.map((f) => `${f.field}: ${f.message}`).join("; ")}]`;
    const retryable = type === "INTERNAL";
    return {
      ok: false,
      unknownOutcome: retryable,
      error: {
        kind: "mutation",
        type,
        code,
        fields,
        retryable,
        ...withId(requestId),
        message: `Plain refused the event (${type} ${code}): ${str(e.message) ?? ""}${fieldNote}${note}`,
      },
    };
  }

  const event = isObject(payload) ? payload[EVENT_FIELD[operation]] : undefined;
  if (isObject(event) && typeof event.id === "string") {
    const createdAt = isObject(event.createdAt) ? event.createdAt : {};
    const base = {
      id: event.id,
      title: str(event.title) ?? "",
      createdAt: {
        iso8601: str(createdAt.iso8601) ?? "",
        unixTimestamp: str(createdAt.unixTimestamp) ?? "",
      },
    };
    const created: CreatedEvent =
      operation === "createCustomerEvent"
        ? { operation, ...base, customerId: str(event.customerId) ?? "" }
        : { operation, ...base, threadId: str(event.threadId) ?? "" };
    return { ok: true, event: created, ...withId(requestId) };
  }

  return {
    ok: false,
    unknownOutcome: true,
    error: {
      kind: "http",
      status,
      errors,
      retryable: false,
      ...withId(requestId),
      message: `HTTP ${status}: the answer held neither an event nor an error${note}`,
    },
  };
}

// Codes for failures before anything reached the server: the event cannot exist.
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);

/** The system error code inside a fetch failure, if any. */
export function networkCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; isErrorLike(e) && depth < 4; depth++) {
    if (typeof e.code === "string") return e.code;
    e = e.cause;
  }
  return undefined;
}

const isErrorLike = (e: unknown): e is { code?: unknown; cause?: unknown; message?: unknown } =>
  typeof e === "object" && e !== null;

/** A failure with no HTTP answer. */
export function networkFailure(error: unknown): AttemptOutcome {
  const code = networkCode(error);
  const text = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    unknownOutcome: code === undefined || !NOT_SENT_CODES.has(code),
    error: {
      kind: "network",
      retryable: true,
      ...(code === undefined ? {} : { code }),
      message: `Network error${code === undefined ? "" : ` (${code})`}: ${text}`,
    },
  };
}

export function timeoutFailure(timeoutMs: number): AttemptOutcome {
  return {
    ok: false,
    unknownOutcome: true,
    error: {
      kind: "timeout",
      retryable: true,
      timeoutMs,
      message: `No answer within ${timeoutMs} ms; the event may or may not have been created`,
    },
  };
}

export function abortedFailure(): Unnumbered<TransportError> {
  return { kind: "aborted", retryable: false, message: "The send was aborted by the caller" };
}
