import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startPlainTestServer, type PlainTestServer } from "../../src/testing/index.js";
import {
  dumpTransport,
  graphqlTransport,
  type GraphQLTransportOptions,
  type SendResult,
  type TransportErrorKind,
} from "../../src/transport/index.js";
import { VERSION } from "../../src/version.js";
import { customerRequest, instantClock, threadRequest } from "./helpers.js";

let server: PlainTestServer;
beforeEach(async () => {
  server = await startPlainTestServer();
});
afterEach(async () => {
  await server.close();
});

function transport(options: Partial<GraphQLTransportOptions> = {}) {
  const clock = instantClock();
  const t = graphqlTransport({
    apiKey: server.apiKey,
    endpoint: server.url,
    clock,
    timeoutMs: 2_000,
    ...options,
  });
  return Object.assign(t, { sleeps: clock.sleeps });
}

function errorKind(result: SendResult): TransportErrorKind | "ok" {
  return result.ok ? "ok" : result.error.kind;
}

describe("graphqlTransport against the test server: success", () => {
  it("creates a customer event", async () => {
    const request = customerRequest();
    const result = await transport().send(request);
    expect(result).toMatchObject({ ok: true, alreadyExisted: false, attempts: 1 });
    if (!result.ok || result.alreadyExisted) throw new Error("expected a created event");
    expect(result.event.id).toMatch(/^tev_[0-9A-Z]{26}$/);
    expect(result.event).toMatchObject({
      operation: "createCustomerEvent",
      title: "API key generated",
      customerId: expect.stringMatching(/^c_/),
      createdAt: { iso8601: expect.any(String), unixTimestamp: expect.any(String) },
    });
    expect(result.requestId).toBe(server.requests[0]?.requestId);
    expect(server.events).toHaveLength(1);
    expect(server.events[0]?.input).toEqual(request.input);
  });

  it("creates a thread event", async () => {
    const result = await transport().send(threadRequest());
    expect(result).toMatchObject({
      ok: true,
      event: { operation: "createThreadEvent", threadId: "th_01H8TEST", title: "Deploy finished" },
    });
    expect(server.events[0]?.operation).toBe("createThreadEvent");
  });

  it("builds a request source before sending", async () => {
    const request = customerRequest();
    const result = await transport().send({ build: () => request });
    expect(result.ok).toBe(true);
  });

  it("sends the headers Plain expects and exactly the body dumpTransport shows", async () => {
    const request = customerRequest();
    await transport({ headers: { "x-trace": "abc", "User-Agent": "my-app/2" } }).send(request);
    const received = server.requests[0];
    expect(received?.authorized).toBe(true);
    expect(received?.headers).toMatchObject({
      authorization: "[redacted]",
      "content-type": "application/json",
      "user-agent": `my-app/2 plain-events/${VERSION}`,
      "x-trace": "abc",
    });
    const dump = dumpTransport({ write: false, endpoint: server.url }).dump(request);
    expect(received?.body).toBe(dump.bodyText);
    expect(JSON.parse(received?.body ?? "")).toEqual({
      query: expect.stringContaining("mutation createCustomerEvent"),
      variables: { input: request.input },
      operationName: "createCustomerEvent",
    });
  });
});

describe("graphqlTransport: every error kind", () => {
  it("validation: nothing is sent", async () => {
    const bad = customerRequest({ components: [{ componentText: { text: "" } }] });
    const result = await transport().send(bad);
    expect(result).toMatchObject({
      ok: false,
      error: { kind: "validation", retryable: false, attempts: 0 },
    });
    if (result.ok || result.error.kind !== "validation") throw new Error("unreachable");
    expect(result.error.problems[0]?.path).toBe("input.components[0].componentText.text");
    expect(server.requests).toHaveLength(0);
  });

  it("validation: a builder that throws ValidationError", async () => {
    const { ValidationError } = await import("../../src/components/problems.js");
    const result = await transport().send({
      build: () => {
        throw new ValidationError("event", [{ path: "title", message: "is required" }]);
      },
    });
    expect(errorKind(result)).toBe("validation");
  });

  it("mutation: FORBIDDEN names the permission and is not retried", async () => {
    await server.close();
    server = await startPlainTestServer({ permissions: ["threadEvent:create"] });
    const t = transport();
    const result = await t.send(customerRequest());
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: "mutation",
        type: "FORBIDDEN",
        code: "forbidden",
        retryable: false,
        attempts: 1,
        message: expect.stringContaining("customerEvent:create"),
      },
    });
    expect((await t.send(threadRequest())).ok).toBe(true);
  });

  it("mutation: a duplicate externalId on a first attempt is a VALIDATION error", async () => {
    const t = transport();
    const request = customerRequest();
    expect((await t.send(request)).ok).toBe(true);
    const again = await t.send(request);
    expect(again).toMatchObject({
      ok: false,
      error: {
        kind: "mutation",
        type: "VALIDATION",
        fields: [{ field: "externalId", type: "VALIDATION" }],
      },
    });
    expect(server.events).toHaveLength(1);
  });

  it("graphql: a document Plain's schema refuses (GRAPHQL_VALIDATION_FAILED, HTTP 400)", async () => {
    // A request the local rules accept but the schema does not: a component key the schema lacks
    // cannot be built, so break the document instead, through a custom fetch.
    const t = transport({
      fetch: (url, init) =>
        fetch(url, {
          ...init,
          body: String(init?.body).replace("customerId }", "customerId nope }"),
        }),
    });
    const result = await t.send(customerRequest());
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: "graphql",
        status: 400,
        retryable: false,
        errors: [{ code: "GRAPHQL_VALIDATION_FAILED" }],
      },
    });
  });

  it("graphql: INTERNAL_SERVER_ERROR is retried", async () => {
    server.faults.push({ kind: "graphql_internal" });
    const result = await transport().send(customerRequest());
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    server.faults.push(...Array.from({ length: 4 }, () => ({ kind: "graphql_internal" as const })));
    const failed = await transport().send(customerRequest());
    expect(failed).toMatchObject({
      ok: false,
      error: { kind: "graphql", retryable: true, attempts: 4 },
    });
  });

  it("http: 401 without the right key, never retried", async () => {
    const t = transport({ apiKey: "not-the-key" });
    const result = await t.send(customerRequest());
    expect(result).toMatchObject({
      ok: false,
      error: { kind: "http", status: 401, retryable: false, attempts: 1 },
    });
    expect(server.requests).toHaveLength(1);
  });

  it("http: 403 and 400 without GraphQL errors are final", async () => {
    server.faults.push({ kind: "http", status: 403 }, { kind: "http", status: 400 });
    expect(await transport().send(customerRequest())).toMatchObject({
      ok: false,
      error: { kind: "http", status: 403, retryable: false, attempts: 1 },
    });
    expect(await transport().send(customerRequest())).toMatchObject({
      ok: false,
      error: { kind: "http", status: 400, retryable: false, attempts: 1 },
    });
  });

  it("http: 5xx is retried until the attempts run out", async () => {
    server.faults.push({ kind: "http500" }, { kind: "http500" }, { kind: "http", status: 503 });
    const t = transport({ retry: { attempts: 3 } });
    const result = await t.send(customerRequest());
    expect(result).toMatchObject({
      ok: false,
      error: { kind: "http", status: 503, retryable: true, attempts: 3 },
    });
    expect(t.sleeps).toHaveLength(2);
    expect(server.events).toHaveLength(0);
  });

  it("rate_limited: reported with its reset time when retries are off", async () => {
    server.faults.push({ kind: "rate_limit", resetInMs: 5_000 });
    const result = await transport({ retry: false }).send(customerRequest());
    expect(result).toMatchObject({
      ok: false,
      error: { kind: "rate_limited", status: 429, retryable: true, attempts: 1 },
    });
    if (result.ok || result.error.kind !== "rate_limited") throw new Error("unreachable");
    expect(Date.parse(result.error.resetAt ?? "")).toBeGreaterThan(Date.now());
  });

  it("network: connection refused, retried, then reported", async () => {
    const url = server.url;
    await server.close();
    const result = await graphqlTransport({
      apiKey: "k",
      endpoint: url,
      clock: instantClock(),
      retry: { attempts: 2 },
    }).send(customerRequest());
    expect(result).toMatchObject({
      ok: false,
      error: { kind: "network", code: "ECONNREFUSED", retryable: true, attempts: 2 },
    });
    server = await startPlainTestServer();
  });

  it("timeout: an attempt slower than timeoutMs", async () => {
    server.faults.push({ kind: "delay", ms: 300 });
    const result = await transport({ timeoutMs: 50, retry: false }).send(customerRequest());
    expect(result).toMatchObject({
      ok: false,
      error: { kind: "timeout", timeoutMs: 50, retryable: true, attempts: 1 },
    });
  });

  it("aborted: the caller's signal, during an attempt, never retried", async () => {
    server.faults.push({ kind: "delay", ms: 300 });
    const controller = new AbortController();
    const pending = transport().send(customerRequest(), { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect(await pending).toMatchObject({
      ok: false,
      error: { kind: "aborted", retryable: false, attempts: 1 },
    });
  });

  it("aborted: a signal already aborted sends nothing", async () => {
    const result = await transport().send(customerRequest(), { signal: AbortSignal.abort() });
    expect(result).toMatchObject({ ok: false, error: { kind: "aborted", attempts: 0 } });
    expect(server.requests).toHaveLength(0);
  });

  it("aborted: during the wait between retries", async () => {
    server.faults.push({ kind: "http500" });
    const controller = new AbortController();
    const t = graphqlTransport({
      apiKey: server.apiKey,
      endpoint: server.url,
      retry: { baseDelayMs: 10_000, maxDelayMs: 10_000 },
      random: () => 0.99,
    });
    const pending = t.send(customerRequest(), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toMatchObject({ ok: false, error: { kind: "aborted", attempts: 1 } });
  });
});

describe("graphqlTransport: faults and retries", () => {
  it.each([
    [{ kind: "http500" }, 2],
    [{ kind: "internal" }, 2],
    [{ kind: "graphql_internal" }, 2],
    [{ kind: "drop" }, 2],
    [{ kind: "rate_limit", resetInMs: 200 }, 2],
    [{ kind: "delay", ms: 20 }, 1],
  ] as const)("%o → success after %i attempt(s)", async (fault, attempts) => {
    server.faults.push(fault);
    const t = transport();
    const result = await t.send(customerRequest());
    expect(result).toMatchObject({ ok: true, attempts });
    expect(server.events).toHaveLength(1);
    expect(server.requests).toHaveLength(attempts);
  });

  it("a 429 waits until x-ratelimit-reset, not a random backoff", async () => {
    server.faults.push({ kind: "rate_limit", resetInMs: 30_000 });
    const t = transport();
    expect((await t.send(customerRequest())).ok).toBe(true);
    expect(t.sleeps).toHaveLength(1);
    expect(t.sleeps[0]).toBeGreaterThan(25_000);
  });

  it("a 429 honours Retry-After when present", async () => {
    server.faults.push({ kind: "rate_limit", resetInMs: 30_000, retryAfterSeconds: 2 });
    const t = transport({ random: () => 0 });
    expect((await t.send(customerRequest())).ok).toBe(true);
    expect(t.sleeps[0]).toBeGreaterThan(1_000);
    expect(t.sleeps[0]).toBeLessThanOrEqual(2_000);
  });

  it("gives up on a 429 whose reset is beyond maxElapsedMs", async () => {
    server.faults.push({ kind: "rate_limit", resetInMs: 120_000 });
    const result = await transport({ retry: { maxElapsedMs: 10_000 } }).send(customerRequest());
    expect(result).toMatchObject({ ok: false, error: { kind: "rate_limited", attempts: 1 } });
  });

  it("backs off exponentially with full jitter", async () => {
    server.faults.push({ kind: "http500" }, { kind: "http500" }, { kind: "http500" });
    const t = transport({ random: () => 0.5, retry: { baseDelayMs: 100, maxDelayMs: 300 } });
    expect(await t.send(customerRequest())).toMatchObject({ ok: true, attempts: 4 });
    expect(t.sleeps).toEqual([50, 100, 150]);
  });

  it("never retries VALIDATION", async () => {
    const t = transport();
    const request = customerRequest();
    await t.send(request);
    expect(await t.send(request)).toMatchObject({ ok: false, error: { attempts: 1 } });
    expect(t.sleeps).toHaveLength(0);
  });
});

describe("graphqlTransport: idempotent retries", () => {
  it("a drop after the event was stored: one event, reported as already existing", async () => {
    server.faults.push({ kind: "drop", after: true });
    const request = customerRequest();
    const result = await transport().send(request);
    expect(result).toMatchObject({
      ok: true,
      alreadyExisted: true,
      attempts: 2,
      event: {
        operation: "createCustomerEvent",
        externalId: request.input.externalId,
        title: request.input.title,
      },
    });
    expect(server.events).toHaveLength(1);
  });

  it("a timeout after the event was stored: the same", async () => {
    server.faults.push({ kind: "delay", ms: 300, after: true });
    const result = await transport({ timeoutMs: 50 }).send(threadRequest({ externalId: "th-e-1" }));
    expect(result).toMatchObject({
      ok: true,
      alreadyExisted: true,
      event: { threadId: "th_01H8TEST" },
    });
    expect(server.events).toHaveLength(1);
  });

  it("an INTERNAL answer after the event was stored: the same", async () => {
    server.faults.push({ kind: "internal", after: true });
    expect(await transport().send(customerRequest())).toMatchObject({ alreadyExisted: true });
    expect(server.events).toHaveLength(1);
  });

  it("a drop before the event was stored: created on the retry", async () => {
    server.faults.push({ kind: "drop" });
    expect(await transport().send(customerRequest())).toMatchObject({
      ok: true,
      alreadyExisted: false,
      attempts: 2,
    });
    expect(server.events).toHaveLength(1);
  });

  it("without an externalId there is no duplicate to detect: Plain may hold two", async () => {
    server.faults.push({ kind: "drop", after: true });
    const { externalId: _, ...input } = customerRequest().input;
    expect(await transport().send({ operation: "createCustomerEvent", input })).toMatchObject({
      ok: true,
      alreadyExisted: false,
    });
    expect(server.events).toHaveLength(2);
  });

  it("uses a custom duplicate rule", async () => {
    server.faults.push({ kind: "drop", after: true });
    const t = transport({ isDuplicateExternalId: () => false });
    expect(await t.send(customerRequest())).toMatchObject({
      ok: false,
      error: { kind: "mutation", type: "VALIDATION" },
    });
  });
});

describe("graphqlTransport: pacing and concurrency", () => {
  it("waits for the window instead of collecting 429s", async () => {
    await server.close();
    server = await startPlainTestServer({ rateLimit: { limit: 3, windowMs: 150 } });
    const t = graphqlTransport({ apiKey: server.apiKey, endpoint: server.url });
    const results = await Promise.all(Array.from({ length: 8 }, () => t.send(customerRequest())));
    expect(results.every((r) => r.ok && r.attempts === 1)).toBe(true);
    expect(server.requests.filter((r) => r.status === 429)).toHaveLength(0);
    expect(server.events).toHaveLength(8);
    expect(t.rateLimit).toMatchObject({ limit: 3, inFlight: 0, waiting: 0 });
  });

  it("sequential sends pace too, and the snapshot follows the headers", async () => {
    await server.close();
    server = await startPlainTestServer({ rateLimit: { limit: 2, windowMs: 100 } });
    const t = graphqlTransport({ apiKey: server.apiKey, endpoint: server.url });
    expect(t.rateLimit).toEqual({ waiting: 0, inFlight: 0 });
    for (let i = 0; i < 5; i++) expect((await t.send(customerRequest())).ok).toBe(true);
    expect(server.requests.filter((r) => r.status === 429)).toHaveLength(0);
    expect(t.rateLimit.limit).toBe(2);
  });

  it("without pacing, the same burst meets 429s (and retries them)", async () => {
    await server.close();
    server = await startPlainTestServer({ rateLimit: { limit: 3, windowMs: 150 } });
    const t = graphqlTransport({ apiKey: server.apiKey, endpoint: server.url, pacing: false });
    const results = await Promise.all(Array.from({ length: 6 }, () => t.send(customerRequest())));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(server.requests.filter((r) => r.status === 429).length).toBeGreaterThan(0);
  });

  it("200 concurrent sends: every event arrives exactly once", async () => {
    await server.close();
    server = await startPlainTestServer({ rateLimit: false });
    const t = graphqlTransport({ apiKey: server.apiKey, endpoint: server.url });
    const requests = Array.from({ length: 200 }, (_, i) =>
      customerRequest({ externalId: `bulk-${i}`, title: `Event ${i}` }),
    );
    const results = await Promise.all(requests.map((r) => t.send(r)));
    expect(results.filter((r) => r.ok)).toHaveLength(200);
    expect(server.events).toHaveLength(200);
    const ids = new Set(server.events.map((e) => e.input.externalId));
    expect(ids.size).toBe(200);
    const eventIds = new Set(results.map((r) => (r.ok ? r.event.id : undefined)));
    expect(eventIds.size).toBe(200);
  });

  it("200 concurrent sends with faults mixed in: still exactly once", async () => {
    await server.close();
    server = await startPlainTestServer({ rateLimit: false });
    server.faults.push(
      { kind: "drop", after: true },
      { kind: "http500", after: true },
      { kind: "internal" },
      { kind: "drop" },
      { kind: "graphql_internal", after: true },
    );
    const t = transport();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => t.send(customerRequest({ externalId: `mix-${i}` }))),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    // Which request meets which fault depends on arrival order; every "after" fault stores an
    // event whose sender must end with alreadyExisted (one sender may meet two of them).
    const existed = results.filter((r) => r.ok && r.alreadyExisted).length;
    expect(existed).toBeGreaterThanOrEqual(1);
    expect(existed).toBeLessThanOrEqual(3);
    expect(server.events).toHaveLength(200);
    expect(new Set(server.events.map((e) => e.input.externalId)).size).toBe(200);
  });
});
