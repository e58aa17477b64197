import type { EventRequest, RequestSource } from "../builder/request.js";
import { httpRequest, PLAIN_ENDPOINT, requestHeaders, type GraphQLBody } from "./http.js";
import { createdEvent } from "./ids.js";
import { prepare } from "./prepare.js";
import { REDACTED, scrub } from "./redact.js";
import type { EventCreated, SendFailure, SendOptions, Transport } from "./types.js";

/** Options of {@link dumpTransport}. */
export interface DumpTransportOptions {
  /** Where the text goes. Default: standard output (or `console.log`). `false` writes nothing. */
  readonly write?: ((text: string) => void) | false;
  /** Indent the JSON body (2 spaces). Default true; `false` shows the exact compact bytes. */
  readonly pretty?: boolean;
  /** The endpoint to show. Default Plain's. */
  readonly endpoint?: string;
  /** Extra headers, as given to `graphqlTransport`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The API key, if you want headers exactly as sent; it is shown as `[redacted]`. */
  readonly apiKey?: string;
}

/** One request as `graphqlTransport` would send it, with the API key redacted. */
export interface DumpedRequest {
  readonly method: "POST";
  readonly url: string;
  /** Header names in lower case; `authorization` reads `Bearer [redacted]`. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body object: `{ query, variables: { input }, operationName }`. */
  readonly body: GraphQLBody;
  /** The body exactly as sent (compact JSON). */
  readonly bodyText: string;
  /** What was written: request line, headers, blank line, body. */
  readonly text: string;
}

/** A dump's result: success, with the dumped request. */
export type DumpResult = (EventCreated & { readonly dump: DumpedRequest }) | SendFailure;

/** A transport that shows requests instead of sending them. */
export interface DumpTransport extends Transport {
  send(request: EventRequest | RequestSource, options?: SendOptions): Promise<DumpResult>;
  /** The request as it would be sent; throws a `ValidationError` when invalid. */
  dump(request: EventRequest | RequestSource): DumpedRequest;
  /** Everything dumped so far. */
  readonly dumps: readonly DumpedRequest[];
}

const defaultWrite = (text: string): void => {
  const stdout = (globalThis as { process?: { stdout?: { write(s: string): unknown } } }).process
    ?.stdout;
  if (stdout !== undefined) stdout.write(`${text}\n`);
  else console.log(text);
};

/**
 * Shows the exact HTTP request `graphqlTransport` would POST: the same function builds both,
 * so they cannot drift. The body is ready to paste into Plain's API explorer or a snapshot;
 * the API key is always `[redacted]`. Invalid requests give a `validation` error, as
 * `graphqlTransport` would.
 */
export function dumpTransport(options: DumpTransportOptions = {}): DumpTransport {
  const { write = defaultWrite, pretty = true, endpoint = PLAIN_ENDPOINT } = options;
  const apiKey = options.apiKey ?? REDACTED;
  // The headers as sent, then with the key redacted wherever it appears; and the text before
  // the body: the request line and the headers.
  const headers: Record<string, string> = {};
  let head = `POST ${endpoint}`;
  for (const [name, value] of Object.entries(requestHeaders(apiKey, options.headers))) {
    head += `\n${name}: ${(headers[name] = scrub(value, apiKey))}`;
  }
  const dumps: DumpedRequest[] = [];

  function dumpOf(request: EventRequest): DumpedRequest {
    const http = httpRequest(request, endpoint, headers);
    return {
      ...http,
      text: `${head}\n\n${pretty ? JSON.stringify(http.body, null, 2) : http.bodyText}`,
    };
  }

  return {
    dumps,
    dump(source) {
      const prepared = prepare(source);
      if (!prepared.ok) throw prepared.error.cause;
      return dumpOf(prepared.request);
    },
    async send(source) {
      const prepared = prepare(source);
      if (!prepared.ok) return prepared;
      const dump = dumpOf(prepared.request);
      dumps.push(dump);
      if (write !== false) write(dump.text);
      return {
        ok: true,
        alreadyExisted: false,
        attempts: 0,
        event: createdEvent(prepared.request),
        dump,
      };
    },
  };
}
