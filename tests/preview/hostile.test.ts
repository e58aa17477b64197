import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EventComponentInput, EventRequest } from "plain-events";
import { escapeHtml, escapeTerminal, renderHtml, renderText } from "plain-events/preview";
import { HOSTILE } from "./fixtures.js";

/** One of every component, with `s` in every string field. */
function everywhere(s: string): EventComponentInput[] {
  const leaves: EventComponentInput[] = [
    { componentText: { text: s } },
    { componentText: { text: `**${s}** _${s}_ [${s}](${s}) [x](https://ok.example/${s})` } },
    { componentPlainText: { plainText: s } },
    { componentLinkButton: { linkButtonUrl: s, linkButtonLabel: s } },
    { componentCopyButton: { copyButtonValue: s, copyButtonTooltipLabel: s } },
    { componentBadge: { badgeLabel: s, badgeColor: "RED" } },
    {
      componentWorkflowButton: {
        workflowButtonLabel: s,
        workflowButtonWorkflowIdentifier: { workflowKey: s },
      },
    },
    {
      componentWorkflowButton: {
        workflowButtonLabel: s,
        workflowButtonWorkflowIdentifier: { workflowId: s },
      },
    },
    { componentDateTime: { dateTimeIso8601: s } },
    { componentUser: { userIdentifier: { emailAddress: s } } },
    { componentUser: { userIdentifier: { machineUserId: s } } },
  ];
  const asRow = leaves.filter((c) => !("componentRow" in c)) as never[];
  return [
    ...leaves,
    { componentRow: { rowMainContent: asRow, rowAsideContent: asRow } },
    { componentContainer: { containerContent: asRow } },
  ];
}

function request(s: string): EventRequest {
  return {
    operation: "createCustomerEvent",
    input: {
      customerIdentifier: { emailAddress: "a@b.c" },
      title: s,
      components: everywhere(s),
      timestamp: s,
    },
  };
}

// Everything the renderer itself writes. Anything else in a page came from a payload.
const TAGS = new Set(
  "html head meta title style body main article section header div span p code h1 h2 time a button hr strong em svg path rect".split(
    " ",
  ),
);
const ATTRIBUTES = new Set(
  "lang charset http-equiv content name class data-frame data-component data-size data-color data-spacing data-slot data-identifier data-copy-value data-tooltip data-blocked-url data-workflow-id data-workflow-key href target rel title type aria-hidden aria-label datetime viewbox width height focusable fill stroke stroke-width stroke-linecap stroke-linejoin d x y rx".split(
    " ",
  ),
);

/** Checks the page's structure: only our tags, only our attributes, every value quoted. */
function assertOnlyOwnMarkup(html: string): void {
  const body = html.replace(/<style>[\s\S]*?<\/style>/, "<style></style>");
  const textOnly = body.replace(/<[^<>]*>/g, "");
  // A payload's `<` or `>` would survive as a raw character outside any tag.
  expect(textOnly).not.toMatch(/[<>]/);
  for (const [, tag = "", attrs = ""] of body.matchAll(/<\/?([a-zA-Z0-9]+)([^<>]*)>/g)) {
    expect(TAGS, `tag <${tag}>`).toContain(tag.toLowerCase());
    // Attributes: name="value" with no quote inside the value, or a bare name.
    const rest = attrs
      .replace(/\s([a-zA-Z-]+)="[^"]*"/g, (_m, name: string) => {
        expect(ATTRIBUTES, `attribute ${name} on <${tag}>`).toContain(name.toLowerCase());
        return "";
      })
      .replace(/\/$/, "");
    expect(rest.trim(), `unquoted leftovers in <${tag}${attrs}>`).toBe("");
  }
  for (const [, href = ""] of body.matchAll(/\shref="([^"]*)"/g)) {
    expect(href).toMatch(/^https?:\/\//);
  }
}

describe("hostile input", () => {
  it.each(HOSTILE)("HTML shows %j as text, with no markup of its own", (s) => {
    const html = renderHtml(request(s), { timeZone: "UTC" });
    assertOnlyOwnMarkup(html);
    expect(html).not.toMatch(/<script|<img|<svg onload|onmouseover="/i);
    expect(html).not.toMatch(/href="(?!https?:)/i);
  });

  it("escapes all five HTML specials, in text and in attributes alike", () => {
    expect(escapeHtml(`&<>"'`)).toBe("&amp;&lt;&gt;&quot;&#39;");
    const html = renderHtml([{ componentCopyButton: { copyButtonValue: `"'<>&` } }]);
    expect(html).toContain('data-copy-value="&quot;&#39;&lt;&gt;&amp;"');
    expect(html).toContain('<span class="copy-value">&quot;&#39;&lt;&gt;&amp;</span>');
  });

  it("never turns a non-http(s) URL into an href", () => {
    for (const url of [
      "javascript:alert(1)",
      " javascript:alert(1)",
      "java\nscript:alert(1)",
      "vbscript:msgbox(1)",
      "data:text/html,x",
      "//evil.example/",
      "/relative",
      "https:/missing-slash",
      "https://exa mple.com",
      "\u0000https://a.example",
    ]) {
      const html = renderHtml([
        { componentLinkButton: { linkButtonUrl: url, linkButtonLabel: "Go" } },
        { componentText: { text: `[Go](${url})` } },
      ]);
      expect(html, url).not.toContain("href=");
    }
  });

  it("neutralises entity tricks: an encoded payload stays encoded", () => {
    const html = renderHtml([{ componentPlainText: { plainText: "&lt;script&gt;" } }]);
    expect(html).toContain("&amp;lt;script&amp;gt;");
  });

  it("contains bidi overrides in HTML (unicode-bidi: isolate) and shows them in the terminal", () => {
    expect(renderHtml([])).toContain("unicode-bidi: isolate");
    expect(renderText([{ componentPlainText: { plainText: "a\u202eb" } }], { color: false })).toBe(
      "a<U+202E>b",
    );
  });

  it("never lets a payload write a terminal control sequence", () => {
    for (const s of HOSTILE) {
      const out = renderText(request(s), { color: false, timeZone: "UTC" });
      expect(out, JSON.stringify(s)).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    }
    expect(escapeTerminal("\u001b[31mred\u0007\u009b")).toBe("␛[31mred␇\uFFFD");
  });

  it("keeps arbitrary strings in every field to text (property)", () => {
    const hostileChars = fc.constantFrom(..."<>\"'&=/ \\*_[]():\n\t\u0000\u001b\u202ejavascript");
    const strings = fc.oneof(
      fc.string({ unit: "grapheme-composite", maxLength: 40 }),
      fc.string({ unit: hostileChars, maxLength: 40 }),
      fc.constantFrom(...HOSTILE),
    );
    fc.assert(
      fc.property(strings, (s) => {
        assertOnlyOwnMarkup(renderHtml(request(s), { timeZone: "UTC" }));
        const text = renderText(request(s), { color: true, timeZone: "UTC" });
        // Only our own SGR sequences: ESC [ digits ; m.
        expect(text.replace(/\u001b\[[0-9;]*m/g, "")).not.toMatch(
          /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/,
        );
      }),
      { numRuns: 100 },
    );
  });
});
