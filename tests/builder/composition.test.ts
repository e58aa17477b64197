import { describe, expect, it } from "vitest";
import { event, fragment, card, type EventComponentInput } from "plain-events";

const any = (value: unknown) => value as never;

describe("composition", () => {
  const footer = fragment().divider("M").button("Open dashboard", "https://app.example.com");

  it("adds fragments, raw JSON, another builder's components and nested arrays in order", () => {
    const other = event("other").badge("Other", "BLUE");
    const raw: EventComponentInput = { componentText: { text: "raw", textSize: "S" } };
    const components = event("t")
      .add(footer, raw, [other.components(), [null, undefined, false]])
      .components();
    expect(components).toEqual([
      { componentDivider: { dividerSpacingSize: "M" } },
      {
        componentLinkButton: {
          linkButtonUrl: "https://app.example.com",
          linkButtonLabel: "Open dashboard",
        },
      },
      { componentText: { text: "raw", textSize: "S" } },
      { componentBadge: { badgeLabel: "Other", badgeColor: "BLUE" } },
    ]);
  });

  it("adds a whole builder", () => {
    const base = event("base").text("a");
    expect(event("t").add(base).add(card("k").text("b")).components()).toHaveLength(2);
  });

  it("validates raw JSON and normalizes key order, nulls and nothing else", () => {
    const components = event("t")
      .add({ componentText: { textColor: "MUTED", text: "x", textSize: null } } as never)
      .components();
    expect(JSON.stringify(components)).toBe('[{"componentText":{"text":"x","textColor":"MUTED"}}]');
  });

  it("rejects invalid raw JSON with paths, never dropping anything silently", () => {
    const problems = event("t")
      .text("ok")
      .add(
        any({ componentText: { text: "x", size: "L" } }),
        any({ componentButton: { label: "x" } }),
        any({ componentText: { text: "a" }, componentSpacer: { spacerSize: "M" } }),
        any({
          componentLinkButton: { linkButtonUrl: "https://x.io", linkButtonLabel: "x", extra: 1 },
        }),
        any("a string"),
        any({
          componentRow: {
            rowMainContent: [{ componentContainer: { containerContent: [] } }],
            rowAsideContent: [{ componentText: { text: "x" } }],
          },
        }),
      )
      .problems();
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ["components[1].componentText.size", "is a deprecated alias; use textSize instead"],
      ["components[2].componentButton", "is not a Plain component"],
      [
        "components[3]",
        "must have exactly one key naming its kind, got 2 (componentText, componentSpacer)",
      ],
      [
        "components[4].componentLinkButton.extra",
        "is not a field Plain knows here (expected linkButtonUrl, linkButtonLabel)",
      ],
      ["components[5]", 'must be a component object, got "a string"'],
      [
        "components[6].componentRow.rowMainContent[0].componentContainer",
        "cannot stand inside a row",
      ],
    ]);
  });

  it("rejects prototype-polluting keys in raw JSON", () => {
    const polluted = JSON.parse('{"componentText":{"text":"x","__proto__":{"polluted":true}}}');
    const problems = event("t").add(polluted).problems();
    expect(problems[0]).toMatchObject({
      path: "components[0].componentText.__proto__",
      message: "is not a field Plain knows here (expected text, textSize, textColor)",
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("enforces nesting at run time for fragments and callbacks", () => {
    const withContainer = fragment().container((c) => c.text("x"));
    const withRow = fragment().row(
      (m) => m.text("a"),
      (a) => a.text("b"),
    );
    const problems = event("t")
      .container((c) => c.add(any(withContainer)))
      .row(
        (m) => m.add(any(withRow)),
        (a) => a.text("x"),
      )
      .row(
        // Untyped JavaScript can still call .container() inside a row; it is refused at run time.
        (m) =>
          (m as unknown as { container(f: (c: unknown) => unknown): never }).container((c) => c),
        (a) => a.text("x"),
      )
      .problems();
    expect(problems.map((p) => p.path)).toEqual([
      "components[0].componentContainer.containerContent[0].componentContainer",
      "components[1].componentRow.rowMainContent[0].componentRow",
      "components[2].componentRow.rowMainContent[0].componentContainer",
    ]);
    expect(problems.every((p) => /cannot stand inside a (row|container)/.test(p.message))).toBe(
      true,
    );
  });

  it("lets containers hold rows, and events hold containers", () => {
    const components = event("t")
      .container((c) =>
        c
          .row(
            (m) => m.text("a"),
            (a) => a.text("b"),
          )
          .add(fragment().text("c")),
      )
      .components();
    expect(components[0]).toHaveProperty("componentContainer.containerContent.length", 2);
  });

  it("builds row sides from fragments and raw arrays as well as callbacks", () => {
    const side = fragment().text("a");
    const row = event("t")
      .row(side, [{ componentBadge: { badgeLabel: "b" } }])
      .components()[0];
    expect(row).toEqual({
      componentRow: {
        rowMainContent: [{ componentText: { text: "a" } }],
        rowAsideContent: [{ componentBadge: { badgeLabel: "b" } }],
      },
    });
  });

  it("treats only null, undefined and false as absent in when()", () => {
    const on = (value: unknown) =>
      event("t").when(
        value,
        (b) => b.text("yes"),
        (b) => b.text("no"),
      );
    expect(on(0).components()[0]).toEqual({ componentText: { text: "yes" } });
    expect(on("").components()[0]).toEqual({ componentText: { text: "yes" } });
    expect(on(null).components()[0]).toEqual({ componentText: { text: "no" } });
    expect(on(undefined).components()[0]).toEqual({ componentText: { text: "no" } });
    expect(on(false).components()[0]).toEqual({ componentText: { text: "no" } });
    expect(
      event("t")
        .text("x")
        .when(false, (b) => b.text("y"))
        .components(),
    ).toHaveLength(1);
  });

  it("passes the present value to when()", () => {
    const user: { email: string } | null = { email: "a@b.co" };
    const b = event("t").when(user, (b2, u) => b2.user({ email: u.email }));
    expect(b.components()[0]).toEqual({
      componentUser: { userIdentifier: { emailAddress: "a@b.co" } },
    });
  });

  it("folds each() over items with their index", () => {
    const lines = ["a", "b", "c"];
    const b = event("t").each(lines, (acc, line, i) => acc.plainText(`${i}:${line}`));
    expect(
      b
        .components()
        .map(
          (c) => (c as { componentPlainText: { plainText: string } }).componentPlainText.plainText,
        ),
    ).toEqual(["0:a", "1:b", "2:c"]);
    expect(
      event("t")
        .text("x")
        .each([], (acc) => acc.text("never"))
        .components(),
    ).toHaveLength(1);
  });
});
