import { describe, expect, it } from "vitest";
import { escapeMarkdown, event, md } from "plain-events";

const textOf = (b: { components(): unknown[] }) =>
  (b.components()[0] as { componentText: { text: string } }).componentText.text;

describe("md", () => {
  it("keeps literal Markdown and escapes interpolated values", () => {
    const name = "**evil** [click](https://evil.example) <b>x</b> _i_ `c` ~~s~~";
    const text = textOf(event("t").text(md`Hello **${name}**`));
    expect(text).toBe(
      "Hello **\\*\\*evil\\*\\* \\[click\\]\\(https\\://evil.example\\) \\<b\\>x\\</b\\> \\_i\\_ \\`c\\` \\~\\~s\\~\\~**",
    );
  });

  it("breaks bare-URL and email autolinks and line-start constructs", () => {
    expect(escapeMarkdown("see www.evil.com")).toBe("see www\\.evil.com");
    expect(escapeMarkdown("mail jane@acme.com")).toBe("mail jane\\@acme.com");
    expect(escapeMarkdown("# heading\n> quote\n- item\n1. one")).toBe(
      "\\# heading\n\\> quote\n\\- item\n1\\. one",
    );
  });

  it("leaves ordinary text readable", () => {
    expect(escapeMarkdown("key-3b7896975ee9fd15eeb7 has 4 roles.")).toBe(
      "key-3b7896975ee9fd15eeb7 has 4 roles.",
    );
  });

  it("interpolates numbers, booleans and bigints as text", () => {
    expect(textOf(event("t").text(md`${4} roles, ${true}, ${10n}`))).toBe("4 roles, true, 10");
  });

  it("inserts raw Markdown only through the explicit md.raw opt-in, and nests md", () => {
    const bold = md`**${"a*b"}**`;
    expect(textOf(event("t").text(md`${md.raw("[docs](https://plain.com)")} and ${bold}`))).toBe(
      "[docs](https://plain.com) and **a\\*b**",
    );
  });

  it("treats a plain string passed to .text() as Markdown as written", () => {
    expect(textOf(event("t").text("**bold** [link](https://x.io)"))).toBe(
      "**bold** [link](https://x.io)",
    );
  });

  it("refuses values that would print as 'undefined' or '[object Object]'", () => {
    expect(() => md`${undefined as never}`).toThrow(/the value at \$\{…\} #1 is undefined/);
    expect(() => md`a ${"ok"} ${{} as never}`).toThrow(/#2 is object/);
    expect(() => md.raw(5 as never)).toThrow(TypeError);
  });
});
