import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { startPlainTestServer } from "../../src/testing/index.js";
import { dumpTransport, graphqlTransport } from "../../src/transport/index.js";
import { nodeHttpFetch } from "../../src/transport/node-fetch.js";
import { customerRequest } from "./helpers.js";

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

async function rawServer(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  cleanup.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

function ownFetch() {
  const fetch = nodeHttpFetch();
  cleanup.push(() => fetch.close());
  return fetch;
}

describe("nodeHttpFetch (the backfill's fetch)", () => {
  it("sends through graphqlTransport exactly the bytes dumpTransport shows", async () => {
    const server = await startPlainTestServer();
    cleanup.push(() => server.close());
    const t = graphqlTransport({ apiKey: server.apiKey, endpoint: server.url, fetch: ownFetch() });
    const requests = Array.from({ length: 10 }, () => customerRequest());
    const results = await Promise.all(requests.map((r) => t.send(r)));
    expect(results.every((r) => r.ok && !r.alreadyExisted)).toBe(true);
    expect(server.events).toHaveLength(10);
    const dump = dumpTransport({ write: false, endpoint: server.url });
    const sent = new Set(server.requests.map((r) => r.body));
    for (const request of requests) expect(sent.has(dump.dump(request).bodyText)).toBe(true);
    expect(server.requests[0]?.headers).toMatchObject({
      authorization: "[redacted]",
      "content-type": "application/json",
    });
    // A rerun meets its external ids: the rate-limit headers and errors decode as with fetch.
    const again = await t.send(requests[0] as (typeof requests)[0]);
    expect(again.ok).toBe(false);
    expect(t.rateLimit.limit).toBeGreaterThan(0);
  });

  it("answers with status, headers and a body that reads once", async () => {
    const url = await rawServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        res.writeHead(201, { "content-type": "application/json", "x-echo": req.method ?? "" });
        res.end(JSON.stringify({ got: body, length: req.headers["content-length"] }));
      });
    });
    const response = await ownFetch()(url, { method: "POST", body: "héllo" });
    expect(response.status).toBe(201);
    expect(response.ok).toBe(true);
    expect(response.headers.get("x-echo")).toBe("POST");
    expect(await response.json()).toEqual({ got: "héllo", length: "6" });
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it("decodes a gzip answer", async () => {
    const url = await rawServer((_req, res) => {
      res.writeHead(200, { "content-encoding": "gzip", "content-type": "application/json" });
      res.end(gzipSync('{"ok":true}'));
    });
    expect(await (await ownFetch()(url, { method: "POST", body: "{}" })).text()).toBe(
      '{"ok":true}',
    );
  });

  it("rejects like fetch: a refused connection carries its code", async () => {
    const url = await rawServer(() => undefined);
    cleanup.splice(0).forEach((f) => void f()); // close it: the port now refuses
    await new Promise((resolve) => setTimeout(resolve, 20));
    const error = await ownFetch()(url, { method: "POST", body: "{}" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe("fetch failed");
    expect(((error as Error).cause as { code?: string }).code).toBe("ECONNREFUSED");
  });

  it("aborts with the signal, and the transport reports a timeout", async () => {
    const url = await rawServer(() => undefined); // never answers
    const controller = new AbortController();
    const pending = ownFetch()(url, { method: "POST", body: "{}", signal: controller.signal });
    controller.abort(new Error("stop"));
    await expect(pending).rejects.toThrow("stop");
    const t = graphqlTransport({
      apiKey: "k",
      endpoint: url,
      fetch: ownFetch(),
      retry: false,
      timeoutMs: 50,
    });
    expect(await t.send(customerRequest())).toMatchObject({
      ok: false,
      error: { kind: "timeout" },
    });
  });
});
