import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeMarkdown, md } from "plain-events";
import { markdownToPlain, parseMarkdown, type MdNode } from "plain-events/preview";

const text = (value: string): MdNode => ({ type: "text", value });

describe("parseMarkdown (Plain's subset)", () => {
  it.each([
    ["plain", [text("plain")]],
    ["**bold**", [{ type: "strong", children: [text("bold")] }]],
    ["__bold__", [{ type: "strong", children: [text("bold")] }]],
    ["*italic*", [{ type: "em", children: [text("italic")] }]],
    ["_italic_", [{ type: "em", children: [text("italic")] }]],
    ["***both***", [{ type: "strong", children: [{ type: "em", children: [text("both")] }] }]],
    [
      "*a **b** c*",
      [
        {
          type: "em",
          children: [text("a "), { type: "strong", children: [text("b")] }, text(" c")],
        },
      ],
    ],
    [
      "[Docs](https://plain.com/docs)",
      [{ type: "link", href: "https://plain.com/docs", children: [text("Docs")] }],
    ],
    [
      "[**x**](https://a.example/(b))",
      [
        {
          type: "link",
          href: "https://a.example/(b)",
          children: [{ type: "strong", children: [text("x")] }],
        },
      ],
    ],
  ] satisfies [string, MdNode[]][])("%s", (source, expected) => {
    expect(parseMarkdown(source)).toEqual(expected);
  });

  it.each([
    ["snake_case_name", "snake_case_name"],
    ["2 * 3 * 4", "2 * 3 * 4"],
    ["** not bold **", "** not bold **"],
    ["**unclosed", "**unclosed"],
    ["[not a link] (x)", "[not a link] (x)"],
    ["[space](https://a.example/ b)", "[space](https://a.example/ b)"],
    ["`code` and ~~strike~~ and # heading", "`code` and ~~strike~~ and # heading"],
    ["\\*\\*not bold\\*\\*", "**not bold**"],
    ["a \\q b \\\\ c", "a \\q b \\ c"],
  ])("leaves %j as text", (source, shown) => {
    const nodes = parseMarkdown(source);
    expect(nodes.every((n) => n.type === "text")).toBe(true);
    expect(markdownToPlain(nodes)).toBe(shown);
  });

  it("does not nest links", () => {
    const [link] = parseMarkdown("[a [b](https://b.example)](https://a.example)");
    expect(link).toMatchObject({ type: "link", href: "https://a.example" });
    expect(JSON.stringify(link)).not.toContain('"type":"link","href":"https://b');
  });

  it("survives deep nesting and long runs without throwing", () => {
    const deep = "*".repeat(5000) + "x" + "*".repeat(5000);
    expect(() => parseMarkdown(deep)).not.toThrow();
    expect(() => parseMarkdown("[".repeat(3000) + "x" + "](y)".repeat(3000))).not.toThrow();
  });

  it("shows any escapeMarkdown output as exactly the original text, with no markup", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-composite", maxLength: 60 }), (value) => {
        const nodes = parseMarkdown(escapeMarkdown(value));
        expect(nodes.every((n) => n.type === "text")).toBe(true);
        expect(markdownToPlain(nodes)).toBe(value);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps md`…` markup while showing interpolated values as written", () => {
    const user = "**admin** [x](javascript:alert(1)) snake_case";
    const nodes = parseMarkdown(String(md`Role **${user}** changed`));
    expect(nodes).toEqual([
      text("Role "),
      { type: "strong", children: [text(user)] },
      text(" changed"),
    ]);
  });
});
