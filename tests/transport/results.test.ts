import { match, P } from "ts-pattern";
import { describe, expect, expectTypeOf, it } from "vitest";
import { ValidationError } from "../../src/components/problems.js";
import {
  graphqlTransport,
  SendError,
  sendOrThrow,
  type SendResult,
  type TransportError,
  type TransportErrorKind,
} from "../../src/transport/index.js";
import { failure, memoryTransport, startPlainTestServer } from "../../src/testing/index.js";
import { customerRequest, instantClock } from "./helpers.js";

const KINDS: readonly TransportErrorKind[] = [
  "validation",
  "mutation",
  "graphql",
  "http",
  "rate_limited",
  "network",
  "timeout",
  "aborted",
];

/** Exhaustive: adding a kind without handling it here fails to compile. */
function describeResult(result: SendResult): string {
  return match(result)
    .with({ ok: true, alreadyExisted: true }, (r) => `existed ${r.event.externalId}`)
    .with({ ok: true }, (r) => `created ${r.event.id}`)
    .with(
      { ok: false, error: { kind: "validation" } },
      (r) => `invalid: ${r.error.problems.length}`,
    )
    .with({ ok: false, error: { kind: "mutation", type: "FORBIDDEN" } }, () => "forbidden")
    .with({ ok: false, error: { kind: "mutation" } }, (r) => `mutation ${r.error.code}`)
    .with({ ok: false, error: { kind: "graphql" } }, (r) => `graphql ${r.error.errors.length}`)
    .with({ ok: false, error: { kind: "http", status: P.number } }, (r) => `http ${r.error.status}`)
    .with({ ok: false, error: { kind: "rate_limited" } }, (r) => `wait ${r.error.resetAt ?? "?"}`)
    .with({ ok: false, error: { kind: "network" } }, () => "network")
    .with({ ok: false, error: { kind: "timeout" } }, (r) => `timeout ${r.error.timeoutMs}`)
    .with({ ok: false, error: { kind: "aborted" } }, () => "aborted")
    .exhaustive();
}

describe("SendResult", () => {
  it("is matched exhaustively by ts-pattern", () => {
    expect(KINDS.map((kind) => describeResult(failure(kind)))).toEqual([
      "invalid: 1",
      "mutation input_validation",
      "graphql 0",
      "http 500",
      "wait ?",
      "network",
      "timeout 10000",
      "aborted",
    ]);
    expectTypeOf<TransportError["kind"]>().toEqualTypeOf<TransportErrorKind>();
  });

  it("every failure says whether to retry and how many attempts were made", () => {
    for (const kind of KINDS) {
      const { error } = failure(kind) as Extract<SendResult, { ok: false }>;
      expect(typeof error.retryable).toBe("boolean");
      expect(typeof error.attempts).toBe("number");
      expect(typeof error.message).toBe("string");
    }
  });
});

describe("sendOrThrow", () => {
  it("returns the success", async () => {
    const result = await sendOrThrow(memoryTransport(), customerRequest());
    expect(result.ok).toBe(true);
  });

  it("throws a SendError holding the error value", async () => {
    const plain = memoryTransport().failNext("rate_limited", { resetAt: "2030-01-01T00:00:00Z" });
    const thrown = await sendOrThrow(plain, customerRequest()).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(SendError);
    const error = thrown as SendError;
    expect(error.kind).toBe("rate_limited");
    expect(error.retryable).toBe(true);
    expect(error.error).toMatchObject({ resetAt: "2030-01-01T00:00:00Z" });
  });

  it("keeps the ValidationError as the cause of a validation failure", async () => {
    const thrown = (await sendOrThrow(memoryTransport(), customerRequest({ title: "" })).catch(
      (e: unknown) => e,
    )) as SendError;
    expect(thrown.kind).toBe("validation");
    expect(thrown.cause).toBeInstanceOf(ValidationError);
    expect(thrown.message).toContain("input.title");
  });
});

describe("the API key never leaks", () => {
  const KEY = "plainApiKey_LEAKME_0123456789abcdef";
  const leaks = (value: unknown) => {
    const seen = JSON.stringify(value, (_k, v: unknown) =>
      v instanceof Error ? { name: v.name, message: v.message, stack: v.stack, cause: v.cause } : v,
    );
    return seen.includes(KEY);
  };

  it("not in a network error whose message and cause quote it", async () => {
    const t = graphqlTransport({
      apiKey: KEY,
      endpoint: "http://127.0.0.1:9/graphql/v1",
      clock: instantClock(),
      retry: { attempts: 2 },
      fetch: async (_url, init) => {
        const auth = new Headers(init?.headers).get("authorization");
        throw new TypeError(`fetch failed with ${auth}`, {
          cause: Object.assign(new Error(`socket hang up (${auth})`), { code: "ECONNRESET" }),
        });
      },
    });
    const result = await t.send(customerRequest());
    expect(result).toMatchObject({ ok: false, error: { kind: "network", code: "ECONNRESET" } });
    expect(leaks(result)).toBe(false);
    expect(JSON.stringify(result)).toContain("[redacted]");
    const thrown = (await sendOrThrow(t, customerRequest()).catch((e: unknown) => e)) as SendError;
    expect(leaks(thrown.message)).toBe(false);
    expect(leaks(thrown.stack)).toBe(false);
    expect(leaks(thrown.error)).toBe(false);
  });

  it("not in errors from a server that echoes it back", async () => {
    const t = graphqlTransport({
      apiKey: KEY,
      clock: instantClock(),
      fetch: async (_url, init) => {
        const auth = new Headers(init?.headers).get("authorization") ?? "";
        const body = {
          errors: [{ message: `bad key ${auth}`, extensions: { code: "UNAUTHENTICATED" } }],
        };
        return new Response(JSON.stringify(body), {
          status: 401,
          headers: { "content-type": "application/json", "apigw-requestid": "r1" },
        });
      },
    });
    const result = await t.send(customerRequest());
    expect(result).toMatchObject({
      ok: false,
      error: { kind: "http", status: 401, requestId: "r1" },
    });
    expect(leaks(result)).toBe(false);
  });

  it("not in a mutation error, nor in a real 401 from the test server", async () => {
    const server = await startPlainTestServer();
    try {
      const t = graphqlTransport({ apiKey: KEY, endpoint: server.url, clock: instantClock() });
      const result = await t.send(customerRequest());
      expect(result).toMatchObject({ ok: false, error: { kind: "http", status: 401 } });
      expect(leaks(result)).toBe(false);
      expect(leaks(server.requests)).toBe(false);
    } finally {
      await server.close();
    }
  });

  it("refuses an empty key without echoing anything", () => {
    expect(() => graphqlTransport({ apiKey: " " })).toThrow(/apiKey must be a non-empty string/);
  });
});
