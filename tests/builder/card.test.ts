import { describe, expect, it } from "vitest";
import { card, cardsResponse, hiddenCard, ValidationError } from "plain-events";

describe("customer cards", () => {
  it("accepts a TTL of 15 to 31,536,000 seconds", () => {
    expect(card("k").ttl(15).text("x").build().timeToLiveSeconds).toBe(15);
    expect(card("k").ttl(31_536_000).text("x").build().timeToLiveSeconds).toBe(31_536_000);
    for (const bad of [14, 31_536_001, 1.5, Number.NaN]) {
      expect(() => card("k").ttl(bad).text("x").build()).toThrow(
        /timeToLiveSeconds: .* is not a whole number from 15 to 31536000/,
      );
    }
  });

  it("omits timeToLiveSeconds when no TTL is set", () => {
    expect(card("k").text("x").build()).toEqual({
      key: "k",
      components: [{ componentText: { text: "x" } }],
    });
  });

  it("checks the key pattern and length", () => {
    expect(() => card("has space").text("x").build()).toThrow(/key: "has space" is not a card key/);
    expect(() => card("a".repeat(501)).text("x").build()).toThrow(/the limit is 500/);
    expect(card("a-Z_0".repeat(100)).text("x").build().key).toHaveLength(500);
  });

  it("hides a card with components: null", () => {
    expect(cardsResponse([hiddenCard("beta")])).toEqual({
      cards: [{ key: "beta", components: null }],
    });
  });

  it("checks that every requested key comes back, once", () => {
    const a = card("a").text("x");
    expect(() => cardsResponse([a], { requestedKeys: ["a", "b"] })).toThrow(
      /no card for the requested key "b"/,
    );
    expect(() => cardsResponse([a, a])).toThrow(/cards\[1\]\.key: "a" appears twice/);
    const many = Array.from({ length: 26 }, (_, i) => card(`c${i}`).text("x"));
    expect(() => cardsResponse(many)).toThrow(/at most 25/);
  });

  it("reports every invalid card with its index", () => {
    try {
      cardsResponse([card("ok").text("x"), card("bad").button("x", "nope"), card("empty")]);
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).problems.map((p) => p.path)).toEqual([
        "cards[1].components[0].componentLinkButton.linkButtonUrl",
        "cards[2].components",
      ]);
    }
  });
});
