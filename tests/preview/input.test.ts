import { describe, expect, it } from "vitest";
import { card, event, md } from "plain-events";
import { renderHtml, renderText } from "plain-events/preview";
import { richComponents, richRequest, usageCard } from "./fixtures.js";

const opts = { color: false, timeZone: "UTC", locale: "en-US" } as const;

describe("what a preview accepts", () => {
  const built = event("Refund issued")
    .text(md`Refunded **${"€20"}** to ${"jane@acme.com"}`)
    .badge("Refunded", "GREEN");

  it("an event builder: its components and its title", () => {
    expect(renderText(built, opts)).toBe(
      "● Refund issued\n│ Refunded €20 to jane@acme.com\n│ (Refunded)",
    );
  });

  it("a targeted event and the request it builds, identically", () => {
    const targeted = built.forThread("th_1").timestamp("2024-10-28T18:30:00Z");
    // The builder has no time of its own; the request carries its timestamp.
    expect(renderText(targeted, { ...opts, time: "2024-10-28T18:30:00Z" })).toBe(
      renderText(targeted.build(), opts),
    );
  });

  it("a request, a plain component array, and raw JSON", () => {
    expect(renderText(richRequest, opts)).toContain("● Payment failed");
    expect(renderText(richComponents, opts)).toBe(
      renderText(richRequest, { ...opts, title: undefined })
        .replace(/^.*\n/, "")
        .replace(/^│ ?/gm, ""),
    );
    expect(renderText(JSON.parse(JSON.stringify(richRequest)), opts)).toBe(
      renderText(richRequest, opts),
    );
  });

  it("a card builder and a card entry, drawn as customer cards", () => {
    const usage = card("usage").text("**42** seats").badge("Enterprise", "BLUE");
    expect(renderText(usage, opts)).toBe("■ usage\n│ 42 seats\n│ (Enterprise)");
    expect(renderText(usage.build(), opts)).toBe(renderText(usage, opts));
    expect(renderHtml(usage)).toContain('data-frame="card"');
    expect(renderHtml(usageCard, { frame: "event" })).toContain('data-frame="event"');
  });

  it("an invalid builder throws its ValidationError, naming every problem", () => {
    const bad = event("Broken").button("Open", "javascript:alert(1)");
    expect(() => renderText(bad)).toThrow(/linkButtonUrl/);
  });

  it("anything else is a TypeError that lists what is accepted", () => {
    expect(() => renderText({} as never)).toThrow(
      /expected a component array, a request \{ operation, input \}/,
    );
    expect(() => renderHtml(null as never)).toThrow(TypeError);
  });
});
