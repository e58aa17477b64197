/**
 * A small `fetch` over `node:http`/`node:https` with keep-alive agents, for bulk sends from
 * Node (the `backfill` command uses it; `graphqlTransport` still defaults to
 * `globalThis.fetch`).
 *
 * Why not Node 20's own `fetch` (undici 6) for thousands of requests: undici registers every
 * `Response` in a `FinalizationRegistry` (to cancel unread bodies), and V8 11 treats those
 * registrations as strong references in young-generation GCs. So each request's whole fetch
 * state (request and response objects, web streams, tee'd body, dispatcher handler: about
 * 17 KB) survives the scavenges, is promoted to old space, and waits there for a full GC.
 * At 2,000 requests a second that lets V8 grow the old space to 100+ MB of garbage (measured:
 * a bare `fetch` loop at concurrency 32 peaks at 142 MB RSS; the same loop on `node:http`
 * peaks at 100 MB, promotes 0.6 KB a request instead of 17.6 KB, and is twice as fast).
 *
 * It implements what `graphql-request` and the transport use: a POST (any method) with a
 * string or byte body, headers, an `AbortSignal`, and a response with `ok`, `status`,
 * `headers` (a real `Headers`) and `text()`/`json()`/`arrayBuffer()`, its body read in full
 * before the promise resolves (the answers are small JSON). It has no `body` stream and no
 * `clone()`.
 * Differences from `fetch`, all harmless for Plain's API: redirects are not followed (a 3xx
 * comes back as it is), no `accept-encoding` is sent unless given (a gzip, deflate or br
 * answer is still decoded), no CORS or cache modes. Failures reject like undici's:
 * `TypeError("fetch failed", { cause })`, with the system error (`ECONNREFUSED`…) as cause.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";

/** A `fetch` with its own connection pool; `close()` ends the idle connections. */
export interface NodeHttpFetch {
  (input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** Closes the pooled connections (idle ones at once; busy ones when their request ends). */
  close(): void;
}

/** Statuses whose answer has no body. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** A `fetch` over `node:http`/`node:https`, with one keep-alive pool per instance. */
export function nodeHttpFetch(): NodeHttpFetch {
  const http = new HttpAgent({ keepAlive: true });
  const https = new HttpsAgent({ keepAlive: true });

  function fetchOverNode(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    if (typeof input !== "string" && !(input instanceof URL)) {
      return Promise.reject(new TypeError("nodeHttpFetch takes a URL, not a Request"));
    }
    const url = typeof input === "string" ? new URL(input) : input;
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      return Promise.reject(new TypeError(`fetch failed: unsupported protocol ${url.protocol}`));
    }
    const { signal } = init;
    if (signal?.aborted === true) return Promise.reject(signal.reason);
    const body = requestBody(init.body);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    if (body !== undefined) headers["content-length"] = String(body.byteLength);

    return new Promise<Response>((resolve, reject) => {
      let settled = false;
      const finish = (error: unknown, response?: Response) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener("abort", onAbort);
        if (response !== undefined) resolve(response);
        else reject(error);
      };
      const fail = (cause: unknown) => finish(new TypeError("fetch failed", { cause }));
      const onAbort = () => {
        finish(signal?.reason);
        req.destroy();
      };
      const secure = url.protocol === "https:";
      const req = (secure ? httpsRequest : httpRequest)(
        url,
        { method: init.method ?? "GET", headers, agent: secure ? https : http },
        (res) => {
          readAll(res).then((bytes) => finish(undefined, toResponse(res, bytes, url)), fail);
        },
      );
      req.once("error", fail);
      signal?.addEventListener("abort", onAbort, { once: true });
      req.end(body);
    });
  }

  return Object.assign(fetchOverNode, {
    close() {
      http.destroy();
      https.destroy();
    },
  });
}

function requestBody(body: RequestInit["body"]): Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return Buffer.from(body, "utf8");
  if (body instanceof Uint8Array) return body;
  throw new TypeError("nodeHttpFetch: the body must be a string or a Uint8Array");
}

/** The answer's body, decoded when it came compressed. */
function readAll(res: IncomingMessage): Promise<Buffer> {
  const encoding = String(res.headers["content-encoding"] ?? "")
    .trim()
    .toLowerCase();
  let stream: Readable = res;
  if (encoding === "gzip" || encoding === "x-gzip") stream = res.pipe(createGunzip());
  else if (encoding === "deflate") stream = res.pipe(createInflate());
  else if (encoding === "br") stream = res.pipe(createBrotliDecompress());
  if (stream !== res) res.once("error", (error) => stream.destroy(error));
  // Listeners, not `for await`: an async iterator per answer is 3 KB of garbage.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.once("error", reject);
    res.once("aborted", () => reject(new Error("the answer was cut short")));
    stream.once("end", () =>
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)),
    );
  });
}

function toResponse(res: IncomingMessage, bytes: Buffer, url: URL): Response {
  const status = res.statusCode ?? 0;
  if (status < 200 || status > 599) {
    throw new Error(`invalid HTTP status ${status}`); // rejected as "fetch failed", like undici
  }
  const headers = new Headers();
  const raw = res.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    try {
      headers.append(raw[i] as string, raw[i + 1] as string);
    } catch {
      // A header value fetch would refuse: left out, as it cannot be read through Headers.
    }
  }
  return new BufferedResponse(
    status,
    res.statusMessage ?? "",
    headers,
    url.href,
    bytes,
  ) as unknown as Response;
}

/**
 * The answer, already read: the part of `Response` that graphql-request and the transport
 * use (status, headers, text/json/arrayBuffer, once). Why not `new Response(bytes)`: undici's
 * Response wraps the bytes in a web ReadableStream and reads them back through it, about
 * 9 KB of garbage per answer; this holds the bytes and decodes them once.
 */
class BufferedResponse {
  readonly type = "basic";
  readonly redirected = false;
  readonly ok: boolean;
  private bytes: Buffer | undefined;

  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    readonly url: string,
    bytes: Buffer,
  ) {
    this.ok = status >= 200 && status < 300;
    this.bytes = NULL_BODY.has(status) ? Buffer.alloc(0) : bytes;
  }

  get bodyUsed(): boolean {
    return this.bytes === undefined;
  }

  private take(): Buffer {
    const { bytes } = this;
    if (bytes === undefined) throw new TypeError("Body is unusable: Body has already been read");
    this.bytes = undefined;
    return bytes;
  }

  async text(): Promise<string> {
    return this.take().toString("utf8");
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.take();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
}
