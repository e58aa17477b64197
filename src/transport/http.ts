import type { EventRequest } from "../builder/request.js";
import { VERSION } from "../version.js";
import { DOCUMENTS } from "./documents.js";

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

// The transport's own headers: the caller's extras cannot replace them.
const FIXED = /^(authorization|content-type|accept)$/;

/**
 * The headers of every request, shared by the graphql and dump transports: the caller's
 * `extra` headers (names in lower case), then ours. A caller's `User-Agent` is put before ours.
 */
export function requestHeaders(
  apiKey: string,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  let userAgent = USER_AGENT;
  for (const [name, value] of Object.entries(extra)) {
    const lower = name.toLowerCase();
    if (lower === "user-agent") userAgent = `${value} ${USER_AGENT}`;
    else if (!FIXED.test(lower)) out[lower] = value;
  }
  return {
    ...out,
    authorization: `Bearer ${apiKey}`,
    "content-type": "application/json",
    // graphql-request would add this one itself; naming it here keeps the dump exact.
    accept: "application/graphql-response+json, application/json",
    "user-agent": userAgent,
  };
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
  url: string,
  headers: Readonly<Record<string, string>>,
): HttpRequest {
  const body = requestBody(request);
  return { method: "POST", url, headers, body, bodyText: JSON.stringify(body) };
}
