import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startPlainTestServer, type PlainTestServer } from "../../src/testing/index.js";
import { DOCUMENTS } from "../../src/transport/index.js";

let server: PlainTestServer;
beforeEach(async () => {
  server = await startPlainTestServer({ rateLimit: { limit: 50, windowMs: 60_000 } });
});
afterEach(async () => {
  await server.close();
});

interface Answer {
  status: number;
  headers: Headers;
  json: {
    data?: Record<
      string,
      { error: null | { type: string; code: string; fields: { field: string; type: string }[] } }
    >;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
}

async function post(body: unknown, key: string | null = server.apiKey): Promise<Answer> {
  const response = await fetch(server.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    json: parseJson(await response.text()),
  };
}

function parseJson(text: string): Answer["json"] {
  try {
    return JSON.parse(text) as Answer["json"];
  } catch {
    return {};
  }
}

const customer = (input: Record<string, unknown>) => ({
  query: DOCUMENTS.createCustomerEvent,
  variables: {
    input: {
      customerIdentifier: { emailAddress: "a@b.co" },
      title: "t",
      components: [{ componentText: { text: "x" } }],
      ...input,
    },
  },
  operationName: "createCustomerEvent",
});

const fieldsOf = (a: Answer) => a.json.data?.createCustomerEvent?.error?.fields.map((f) => f.field);

describe("startPlainTestServer", () => {
  it("listens on loopback only, at /graphql/v1", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql\/v1$/);
  });

  it("answers 401 without the key or with a wrong one", async () => {
    expect((await post(customer({}), null)).status).toBe(401);
    const wrong = await post(customer({}), "nope");
    expect(wrong.status).toBe(401);
    expect(wrong.json.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(server.events).toHaveLength(0);
  });

  it("answers Plain-shaped outputs with request id and rate-limit headers", async () => {
    const answer = await post(customer({}));
    expect(answer.status).toBe(200);
    expect(answer.headers.get("apigw-requestid")).toMatch(/^req_/);
    expect(answer.headers.get("x-ratelimit-limit")).toBe("50");
    expect(answer.headers.get("x-ratelimit-remaining")).toBe("49");
    expect(Date.parse(answer.headers.get("x-ratelimit-reset") ?? "")).toBeGreaterThan(Date.now());
    expect(answer.json.data?.createCustomerEvent).toMatchObject({
      customerEvent: { id: expect.stringMatching(/^tev_/), title: "t" },
      error: null,
    });
  });

  it("enforces exactly one key per component and per identifier", async () => {
    const twoKeys = await post(
      customer({ components: [{ componentText: { text: "x" }, componentDivider: {} }] }),
    );
    expect(fieldsOf(twoKeys)).toEqual(["components[0]"]);
    const twoIds = await post(
      customer({ customerIdentifier: { emailAddress: "a@b.co", customerId: "c_1" } }),
    );
    expect(fieldsOf(twoIds)).toEqual(["customerIdentifier"]);
    expect(server.events).toHaveLength(0);
  });

  it("enforces limits and nesting, with field paths and REQUIRED/VALIDATION types", async () => {
    const answer = await post(
      customer({
        title: "",
        components: [
          { componentText: { text: "x".repeat(10_001) } },
          { componentBadge: { badgeLabel: "b".repeat(501) } },
          { componentLinkButton: { linkButtonUrl: "javascript:alert(1)", linkButtonLabel: "go" } },
          { componentRow: { rowMainContent: [], rowAsideContent: [{ componentDivider: {} }] } },
        ],
      }),
    );
    const error = answer.json.data?.createCustomerEvent?.error;
    expect(error).toMatchObject({ type: "VALIDATION", code: "input_validation" });
    expect(error?.fields.map((f) => f.field)).toEqual([
      "title",
      "components[0].componentText.text",
      "components[1].componentBadge.badgeLabel",
      "components[2].componentLinkButton.linkButtonUrl",
      "components[3].componentRow.rowMainContent",
    ]);
  });

  it("enforces nesting: a container in a container is refused by the schema itself", async () => {
    const nested = {
      componentContainer: {
        containerContent: [
          { componentContainer: { containerContent: [{ componentDivider: {} }] } },
        ],
      },
    };
    const answer = await post(customer({ components: [nested] }));
    expect([answer.status, answer.json.errors?.[0]?.extensions?.code]).toEqual([
      400,
      "BAD_USER_INPUT",
    ]);
    const rowInRow = {
      componentRow: {
        rowMainContent: [{ componentRow: { rowMainContent: [], rowAsideContent: [] } }],
        rowAsideContent: [{ componentDivider: {} }],
      },
    };
    expect((await post(customer({ components: [rowInRow] }))).status).toBe(400);
    const ok = {
      componentContainer: {
        containerContent: [
          {
            componentRow: {
              rowMainContent: [{ componentText: { text: "a" } }],
              rowAsideContent: [{ componentBadge: { badgeLabel: "b" } }],
            },
          },
        ],
      },
    };
    expect(
      (await post(customer({ components: [ok] }))).json.data?.createCustomerEvent?.error,
    ).toBeNull();
  });

  it("marks a missing required field REQUIRED", async () => {
    const answer = await post(customer({ components: [{ componentSpacer: {} }] }));
    expect(answer.json.data?.createCustomerEvent?.error?.fields).toEqual([
      {
        field: "components[0].componentSpacer.spacerSize",
        message: "is required",
        type: "REQUIRED",
      },
    ]);
  });

  it("refuses deprecated aliases (stricter than Plain)", async () => {
    const answer = await post(
      customer({ components: [{ componentText: { text: "x", size: "S" } }] }),
    );
    expect(fieldsOf(answer)).toEqual(["components[0].componentText.size"]);
  });

  it("enforces externalId uniqueness", async () => {
    expect(
      (await post(customer({ externalId: "e-1" }))).json.data?.createCustomerEvent?.error,
    ).toBeNull();
    const again = await post(customer({ externalId: "e-1" }));
    expect(again.json.data?.createCustomerEvent?.error).toMatchObject({
      type: "VALIDATION",
      fields: [{ field: "externalId", type: "VALIDATION" }],
    });
    expect(server.events).toHaveLength(1);
  });

  it("answers GraphQL errors with Plain's codes", async () => {
    const parse = await post({ query: "mutation {", variables: {} });
    expect([parse.status, parse.json.errors?.[0]?.extensions?.code]).toEqual([
      400,
      "GRAPHQL_PARSE_FAILED",
    ]);
    const invalid = await post({ query: "mutation { nope }" });
    expect(invalid.json.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const badVars = await post({ ...customer({}), variables: { input: { title: 1 } } });
    expect([badVars.status, badVars.json.errors?.[0]?.extensions?.code]).toEqual([
      400,
      "BAD_USER_INPUT",
    ]);
    const notJson = await post("{");
    expect(notJson.status).toBe(400);
  });

  it("answers 429 with Plain's body over the limit, and resets with the window", async () => {
    await server.close();
    server = await startPlainTestServer({ rateLimit: { limit: 1, windowMs: 100 } });
    expect((await post(customer({}))).status).toBe(200);
    const limited = await post(customer({}));
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({
      errors: [
        {
          message: "Too Many Requests - Rate limit exceeded",
          extensions: { code: "RATE_LIMITED" },
        },
      ],
    });
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    await new Promise((r) =>
      setTimeout(r, Date.parse(limited.headers.get("x-ratelimit-reset")!) - Date.now() + 5),
    );
    expect((await post(customer({}))).status).toBe(200);
  });

  it("can switch rate limiting off", async () => {
    await server.close();
    server = await startPlainTestServer({ rateLimit: false });
    const answer = await post(customer({}));
    expect(answer.headers.get("x-ratelimit-limit")).toBeNull();
  });

  it("injects faults, one per request, before or after storing the event", async () => {
    server.faults.push(
      { kind: "rate_limit", resetInMs: 500, retryAfterSeconds: 1 },
      { kind: "http500" },
      { kind: "internal", after: true },
      { kind: "forbidden" },
    );
    const r1 = await post(customer({}));
    expect([r1.status, r1.headers.get("retry-after")]).toEqual([429, "1"]);
    expect((await post(customer({}))).status).toBe(500);
    const r3 = await post(customer({}));
    expect(r3.json.data?.createCustomerEvent?.error?.type).toBe("INTERNAL");
    expect(server.events).toHaveLength(1); // stored before the fault
    const r4 = await post(customer({}));
    expect(r4.json.data?.createCustomerEvent?.error?.type).toBe("FORBIDDEN");
    expect(server.faults).toHaveLength(0);
    expect(server.requests.map((r) => r.fault?.kind)).toEqual([
      "rate_limit",
      "http500",
      "internal",
      "forbidden",
    ]);
  });

  it("drops the connection", async () => {
    server.faults.push({ kind: "drop", after: true });
    await expect(post(customer({}))).rejects.toThrow();
    expect(server.events).toHaveLength(1);
    expect(server.requests[0]?.status).toBe(0);
  });

  it("answers 404 off the endpoint", async () => {
    expect((await fetch(server.url.replace("/graphql/v1", "/x"))).status).toBe(404);
  });
});
