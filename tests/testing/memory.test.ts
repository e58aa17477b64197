import { describe, expect, it } from "vitest";
import { failure, memoryTransport } from "../../src/testing/index.js";
import { customerRequest, threadRequest } from "../transport/helpers.js";

describe("memoryTransport", () => {
  it("records requests and answers with a tev_ id by default", async () => {
    const plain = memoryTransport();
    const request = customerRequest({ customerIdentifier: { customerId: "c_1" } });
    const result = await plain.send(request);
    expect(result).toMatchObject({
      ok: true,
      alreadyExisted: false,
      event: { id: expect.stringMatching(/^tev_/), customerId: "c_1", title: "API key generated" },
    });
    expect(plain.requests).toEqual([request]);
    expect(plain.sent).toEqual([request]);
    expect(plain.results).toEqual([result]);
  });

  it("answers from the queue first, then the responder", async () => {
    const plain = memoryTransport()
      .failNext("http", { status: 503 })
      .enqueue(failure("timeout"))
      .respondWith(() => failure("mutation", { type: "FORBIDDEN", code: "forbidden" }));
    const kinds = [];
    for (let i = 0; i < 3; i++) {
      const r = await plain.send(threadRequest());
      kinds.push(r.ok ? "ok" : r.error.kind);
    }
    expect(kinds).toEqual(["http", "timeout", "mutation"]);
    expect(plain.requests).toHaveLength(3);
    expect(plain.sent).toHaveLength(0);
  });

  it("refuses invalid requests like the real transport, recording nothing", async () => {
    const plain = memoryTransport();
    const result = await plain.send(threadRequest({ threadId: "" }));
    expect(result).toMatchObject({ ok: false, error: { kind: "validation", attempts: 0 } });
    expect(plain.requests).toHaveLength(0);
    expect(plain.results).toHaveLength(1);
  });

  it("refuses a second externalId, as Plain does, unless told not to", async () => {
    const request = customerRequest({ externalId: "same" });
    const strict = memoryTransport();
    await strict.send(request);
    expect(await strict.send(request)).toMatchObject({
      ok: false,
      error: { kind: "mutation", fields: [{ field: "externalId" }] },
    });
    const lax = memoryTransport({ uniqueExternalIds: false });
    await lax.send(request);
    expect((await lax.send(request)).ok).toBe(true);
  });

  it("honours an aborted signal and forgets everything on reset", async () => {
    const plain = memoryTransport();
    expect(await plain.send(customerRequest(), { signal: AbortSignal.abort() })).toMatchObject({
      ok: false,
      error: { kind: "aborted" },
    });
    await plain.send(customerRequest());
    plain.reset();
    expect([plain.requests.length, plain.sent.length, plain.results.length]).toEqual([0, 0, 0]);
  });
});
