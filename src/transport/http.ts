import type { EventRequest } from "../builder/request.js";
import { VERSION } from "../version.js";
import { DOCUMENTS } from "./documents.js";
import { REDACTED } from "./redact.js";

/** Plain's one GraphQL endpoint. */
export const PLAIN_ENDPOINT = "https://core-api.uk.plain.com/graphql/v1";

/** The `User-Agent` this package sends. */
export const USER_AGENT = `plain-events/${VERSION}`;

/** The JSON body of a GraphQL request, in the order the fields are sent. */
export interface GraphQLBody {
  readonly query: string;
  readonly variables: { readonly input: EventRequest["input"] };
  readonly operationName: EventRequest["operation"];
}

/** One HTTP request, as it goes on the wire. */
export interface HttpRequest {
  readonly method: "POST";
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: GraphQLBody;
  /** The body exactly as sent (compact JSON). */
  readonly bodyText: string;
}

/** What decides the headers: shared by the graphql and dump transports. */
export interface HttpConfig {
  readonly apiKey: string;
  readonly endpoint?: string | undefined;
  /** Extra headers. `Authorization`, `Content-Type` and `Accept` cannot be replaced; a `User-Agent` is put before ours. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

const FIXED = new Set(["authorization", "content-type", "accept"]);

/** The headers of every request: the caller's extras, then ours. */
export function requestHeaders(config: HttpConfig): Record<string, string> {
  const out: Record<string, string> = {};
  let userAgent = USER_AGENT;
  for (const [name, value] of Object.entries(config.headers ?? {})) {
    const lower = name.toLowerCase();
    if (FIXED.has(lower)) continue;
    if (lower === "user-agent") userAgent = `${value} ${USER_AGENT}`;
    else out[lower] = value;
  }
  out["authorization"] = `Bearer ${config.apiKey}`;
  out["content-type"] = "application/json";
  // graphql-request would add this one itself; naming it here keeps the dump exact.
  out["accept"] = "application/graphql-response+json, application/json";
  out["user-agent"] = userAgent;
  return out;
}

/** The body for a request: `{ query, variables: { input }, operationName }`. */
export function requestBody(request: EventRequest): GraphQLBody {
  return {
    query: DOCUMENTS[request.operation],
    variables: { input: request.input },
    operationName: request.operation,
  };
}

/**
 * The one function that turns a request into HTTP. Both {@link graphqlTransport} (which hands
 * `bodyText` to graphql-request unchanged) and {@link dumpTransport} use it, so what the dump
 * shows is byte for byte what is sent.
 */
export function httpRequest(
  request: EventRequest,
  config: HttpConfig,
  headers = requestHeaders(config),
): HttpRequest {
  const body = requestBody(request);
  return {
    method: "POST",
    url: config.endpoint ?? PLAIN_ENDPOINT,
    headers,
    body,
    bodyText: JSON.stringify(body),
  };
}

/** The headers with the API key replaced by `[redacted]`, for printing. */
export function redactHeaders(
  headers: Readonly<Record<string, string>>,
  apiKey: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = apiKey.length > 0 ? value.split(apiKey).join(REDACTED) : value;
  }
  return out;
}
