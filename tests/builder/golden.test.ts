import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { card, cardsResponse, event, md } from "plain-events";

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8"));

// Each fixture is the JSON Plain's documentation shows (with the schema's field names where
// the docs are wrong, e.g. `emailAddress`); the builder code beside it must produce it exactly,
// key order included.
describe("golden fixtures", () => {
  it('reproduces the "API key generated" example', () => {
    const fingerprint = "3b7896975ee9fd15eeb7";
    const roles = ["admin", "billing", "support", "read-only"];
    const request = event("API key generated")
      .text(
        md`New API key was added with the fingerprint **${fingerprint}** with ${roles.length} associated roles.`,
      )
      .spacer("M")
      .button("View in admin", "https://admin.your-app.com")
      .forCustomer({ email: "jane@acme.com" })
      .externalId(`key-${fingerprint}`)
      .build();
    expect(JSON.stringify(request)).toBe(JSON.stringify(fixture("api-key-generated.json")));
  });

  it("reproduces text and plain text in every size and colour", () => {
    const sizes = ["S", "M", "L"] as const;
    const colors = ["NORMAL", "MUTED", "SUCCESS", "WARNING", "ERROR"] as const;
    const request = event("Every text size and colour")
      .each(sizes, (b, size) =>
        b.each(colors, (b2, color) => b2.text(`Text ${size} ${color}`, { size, color })),
      )
      .each(sizes, (b, size) =>
        b.each(colors, (b2, color) => b2.plainText(`Plain text ${size} ${color}`, { size, color })),
      )
      .forThread("th_01HB924RWAW8H3Q8KZDFWYBJHZ")
      .build();
    expect(JSON.stringify(request)).toBe(JSON.stringify(fixture("text-sizes-and-colors.json")));
  });

  it("reproduces rows", () => {
    const request = event("Subscription upgraded")
      .row(
        (main) => main.text("Plan", { color: "MUTED" }).text("**Enterprise**"),
        (aside) => aside.badge("Active", "GREEN"),
      )
      .divider("M")
      .row(
        (main) => main.plainText("Renews"),
        (aside) => aside.dateTime(new Date(Date.UTC(2026, 11, 1, 9))),
      )
      .timestamp("2024-10-28T18:30:00Z")
      .forCustomer({ customerId: "c_01H14DFQ4PDYBH398J1E7YBVS1" })
      .build();
    // A Date becomes its ISO string with milliseconds; the fixture has none, so compare values.
    const expected = fixture("row.json") as { input: { components: unknown[] } };
    expect(request).toEqual({
      ...expected,
      input: {
        ...expected.input,
        components: JSON.parse(
          JSON.stringify(expected.input.components).replace(
            "2026-12-01T09:00:00Z",
            "2026-12-01T09:00:00.000Z",
          ),
        ),
      },
    });
    expect(Object.keys(request.input)).toEqual(Object.keys(expected.input));
  });

  it("reproduces a container in a customer card", () => {
    const usage = card("usage")
      .ttl(300)
      .container((c) =>
        c
          .text("Usage this month", { size: "S", color: "MUTED" })
          .row(
            (main) => main.plainText("Seats"),
            (aside) => aside.plainText("42 / 50"),
          )
          .spacer("S")
          .copyButton("acct_8f3a", "Copy account id")
          .workflowButton("Extend trial", { workflowKey: "extend-trial" })
          .user({ email: "owner@acme.com" }),
      );
    expect(JSON.stringify(cardsResponse([usage]))).toBe(
      JSON.stringify(fixture("container-in-card.json")),
    );
  });
});
