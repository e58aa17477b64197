import { describe, expect, it } from "vitest";
import { event, type EventRequest } from "plain-events";
import { memoryTransport } from "plain-events/testing";

describe("what a transport checks before sending", () => {
  const valid = event("Deployed").text("v1.2.3 is live").forThread("th_1");

  it("sends an event with a target, built and checked once by the builder", async () => {
    const plain = memoryTransport();
    expect((await plain.send(valid)).ok).toBe(true);
    expect(plain.sent).toHaveLength(1);
  });

  it("still checks what your own request source returns", async () => {
    const plain = memoryTransport();
    const built = valid.build();
    // A request built earlier and changed since: a source of your own may hand back anything.
    (built.input as { title: string }).title = " ";
    const result = await plain.send({ build: (): EventRequest => built });
    expect(result).toMatchObject({ ok: false, error: { kind: "validation", attempts: 0 } });
    expect(plain.sent).toHaveLength(0);
  });

  it("still checks a plain request object", async () => {
    const plain = memoryTransport();
    const built = valid.build();
    (built.input.components as unknown[]).push({
      componentLinkButton: { linkButtonUrl: "javascript:x" },
    });
    const result = await plain.send(built);
    expect(result).toMatchObject({ ok: false, error: { kind: "validation" } });
    expect(plain.sent).toHaveLength(0);
  });
});
