import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/components/problems.js";
import { DOCUMENTS, dumpTransport, PLAIN_ENDPOINT } from "../../src/transport/index.js";
import { VERSION } from "../../src/version.js";
import { customerRequest, threadRequest } from "./helpers.js";

describe("dumpTransport", () => {
  it("writes and returns the exact body, headers redacted", async () => {
    const written: string[] = [];
    const dump = dumpTransport({ write: (t) => written.push(t), apiKey: "secret-key-123" });
    const request = threadRequest();
    const result = await dump.send(request);
    if (!result.ok) throw new Error("expected success");
    expect(result.dump.url).toBe(PLAIN_ENDPOINT);
    expect(result.dump.headers).toEqual({
      authorization: "Bearer [redacted]",
      "content-type": "application/json",
      accept: "application/graphql-response+json, application/json",
      "user-agent": `plain-events/${VERSION}`,
    });
    expect(JSON.parse(result.dump.bodyText)).toEqual({
      query: DOCUMENTS.createThreadEvent,
      variables: { input: request.input },
      operationName: "createThreadEvent",
    });
    expect(written).toEqual([result.dump.text]);
    expect(result.dump.text).not.toContain("secret-key-123");
    expect(result.dump.text.split("\n")[0]).toBe(`POST ${PLAIN_ENDPOINT}`);
    expect(dump.dumps).toHaveLength(1);
  });

  it("shows the compact bytes with pretty: false", async () => {
    const dump = dumpTransport({ write: false, pretty: false });
    const request = customerRequest();
    const shown = dump.dump(request);
    expect(shown.text.endsWith(`\n\n${shown.bodyText}`)).toBe(true);
    expect(shown.bodyText).toBe(JSON.stringify(shown.body));
  });

  it("selects exactly the documented fields", () => {
    for (const doc of Object.values(DOCUMENTS)) {
      expect(doc).toContain("id title createdAt { iso8601 unixTimestamp }");
      expect(doc).toContain("error { message type code fields { field message type } }");
    }
    expect(DOCUMENTS.createCustomerEvent).toContain("customerId }");
    expect(DOCUMENTS.createThreadEvent).toContain("threadId }");
  });

  it("refuses invalid requests", async () => {
    const dump = dumpTransport({ write: false });
    const bad = customerRequest({ components: [] });
    expect(await dump.send(bad)).toMatchObject({ ok: false, error: { kind: "validation" } });
    expect(() => dump.dump(bad)).toThrow(ValidationError);
  });
});
