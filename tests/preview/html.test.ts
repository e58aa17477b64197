import { describe, expect, it } from "vitest";
import type { EventComponentInput } from "plain-events";
import { renderHtml, renderHtmlFragment } from "plain-events/preview";
import { richComponents, richRequest, usageCard } from "./fixtures.js";

const UTC = { timeZone: "UTC", locale: "en-US" } as const;
/** The markup of the components alone, without the event frame around them. */
const body = (...components: EventComponentInput[]) => {
  const html = renderHtmlFragment(components, UTC);
  const start = html.indexOf('stack">') + 'stack">'.length;
  return html.slice(start, html.lastIndexOf("</div></div></article>"));
};

describe("renderHtml: the page", () => {
  const html = renderHtml(richRequest, UTC);

  it("is one self-contained document: inline CSS, no scripts, no external assets", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("<style>");
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/\bsrc=/);
  });

  it("forbids scripts and network with a Content-Security-Policy", () => {
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`,
    );
  });

  it("shows the title and the request's timestamp in the viewer's time zone", () => {
    expect(html).toContain("<title>Payment failed · Plain preview</title>");
    expect(html).toContain('<h1 class="event-title">Payment failed</h1>');
    expect(html).toContain(
      '<time class="event-time" datetime="2024-10-28T18:30:00.000Z">Oct 28, 2024, 6:30 PM UTC</time>',
    );
    const tokyo = renderHtml(richRequest, { timeZone: "Asia/Tokyo", locale: "en-GB" });
    expect(tokyo).toContain('datetime="2024-10-28T18:30:00.000Z">29 Oct 2024, 03:30 GMT+9</time>');
  });

  it("lets options override the title and time", () => {
    const page = renderHtml(richComponents, { ...UTC, title: "Other", time: new Date(0) });
    expect(page).toContain('<h1 class="event-title">Other</h1>');
    expect(page).toContain('datetime="1970-01-01T00:00:00.000Z">Jan 1, 1970, 12:00 AM UTC</time>');
  });

  it("shows no header for a bare component array", () => {
    expect(renderHtml(richComponents, UTC)).not.toContain('<header class="event-header"');
  });

  it("marks an invalid time instead of guessing", () => {
    expect(renderHtml([], { time: "yesterday" })).toContain(
      '<time class="event-time is-invalid" datetime="yesterday">yesterday</time>',
    );
  });

  it("rejects an unknown time zone loudly", () => {
    expect(() => renderHtml(richRequest, { timeZone: "Mars/Olympus" })).toThrow(RangeError);
  });

  it("draws a card entry as a customer card titled with its key", () => {
    const card = renderHtml(usageCard, UTC);
    expect(card).toContain('<section class="customer-card" data-frame="card">');
    expect(card).toContain('<h2 class="card-title">usage</h2>');
    expect(renderHtml({ key: "gone", components: null })).toContain("Hidden card");
  });

  it("says so when there is nothing to show", () => {
    expect(renderHtml([])).toContain('<p class="empty">No components</p>');
  });
});

describe("renderHtml: components", () => {
  it("renders text in every size and colour, with Markdown", () => {
    for (const size of ["S", "M", "L"] as const) {
      for (const color of ["NORMAL", "MUTED", "SUCCESS", "WARNING", "ERROR"] as const) {
        expect(
          body({ componentText: { text: "**a** _b_", textSize: size, textColor: color } }),
        ).toBe(
          `<div class="c c-text size-${size} color-${color}" data-component="componentText" data-size="${size}" data-color="${color}"><strong>a</strong> <em>b</em></div>`,
        );
      }
    }
  });

  it("defaults text to M and NORMAL, as Plain does", () => {
    expect(body({ componentText: { text: "x" } })).toContain('data-size="M" data-color="NORMAL"');
  });

  it("renders Markdown links as links only for http(s) URLs", () => {
    expect(body({ componentText: { text: "[Docs](https://plain.com/docs?a=1&b=2)" } })).toContain(
      '<a href="https://plain.com/docs?a=1&amp;b=2" target="_blank" rel="noopener noreferrer nofollow">Docs</a>',
    );
    expect(body({ componentText: { text: "[x](javascript:alert(1))" } })).toContain(
      '<span class="md-link-blocked" data-blocked-url="javascript:alert(1)" title="Not an http(s) URL: javascript:alert(1)">x</span>',
    );
  });

  it("renders plain text as written", () => {
    expect(
      body({ componentPlainText: { plainText: "**not bold** <b>", plainTextSize: "S" } }),
    ).toBe(
      '<div class="c c-plain-text size-S color-NORMAL" data-component="componentPlainText" data-size="S" data-color="NORMAL">**not bold** &lt;b&gt;</div>',
    );
  });

  it("renders spacers and dividers in every size", () => {
    for (const size of ["XS", "S", "M", "L", "XL"] as const) {
      expect(body({ componentSpacer: { spacerSize: size } })).toBe(
        `<div class="c c-spacer spacer-${size}" data-component="componentSpacer" data-size="${size}" aria-hidden="true"></div>`,
      );
      expect(body({ componentDivider: { dividerSpacingSize: size } })).toBe(
        `<hr class="c c-divider spacing-${size}" data-component="componentDivider" data-spacing="${size}">`,
      );
    }
    expect(body({ componentDivider: {} })).toContain('data-spacing="S"');
  });

  it("renders badges in their colours", () => {
    for (const color of ["GREY", "GREEN", "YELLOW", "RED", "BLUE"] as const) {
      expect(body({ componentBadge: { badgeLabel: "Paid", badgeColor: color } })).toBe(
        `<div class="c c-inline"><span class="c-badge badge-${color}" data-component="componentBadge" data-color="${color}">Paid</span></div>`,
      );
    }
    expect(body({ componentBadge: { badgeLabel: "x" } })).toContain('data-color="GREY"');
  });

  it("renders a link button as an <a href> that opens a new tab", () => {
    const html = body({
      componentLinkButton: {
        linkButtonUrl: "https://a.example/x?y=1&z=2",
        linkButtonLabel: "Open",
      },
    });
    expect(html).toMatch(
      /^<div class="c c-inline"><a class="c-button c-link-button" data-component="componentLinkButton" href="https:\/\/a\.example\/x\?y=1&amp;z=2" target="_blank" rel="noopener noreferrer nofollow" title="https:\/\/a\.example\/x\?y=1&amp;z=2"><span>Open<\/span><svg /,
    );
  });

  it("renders a copy button with its value and tooltip", () => {
    const html = body({
      componentCopyButton: { copyButtonValue: "cus_1", copyButtonTooltipLabel: "Copy id" },
    });
    expect(html).toContain(
      '<button type="button" class="c-button c-copy-button" data-component="componentCopyButton" data-copy-value="cus_1" data-tooltip="Copy id" title="Copy id" aria-label="Copy id">',
    );
    expect(html).toContain('<span class="copy-value">cus_1</span></button>');
    expect(body({ componentCopyButton: { copyButtonValue: "v" } })).toContain('title="Copy"');
  });

  it("renders a workflow button with its workflow id or key", () => {
    expect(
      body({
        componentWorkflowButton: {
          workflowButtonLabel: "Refund",
          workflowButtonWorkflowIdentifier: { workflowId: "wf_1" },
        },
      }),
    ).toContain(
      'data-component="componentWorkflowButton" data-workflow-id="wf_1" title="Runs workflow wf_1">',
    );
    expect(
      body({
        componentWorkflowButton: {
          workflowButtonLabel: "Refund",
          workflowButtonWorkflowIdentifier: { workflowKey: "refund" },
        },
      }),
    ).toContain('data-workflow-key="refund"');
  });

  it("renders a date-time in the viewer's time zone", () => {
    const c = { componentDateTime: { dateTimeIso8601: "2024-10-28T18:30:00+01:00" } };
    expect(body(c)).toBe(
      '<div class="c c-datetime" data-component="componentDateTime"><time datetime="2024-10-28T17:30:00.000Z">Oct 28, 2024, 5:30 PM UTC</time></div>',
    );
    expect(renderHtmlFragment([c], { timeZone: "America/New_York", locale: "en-US" })).toContain(
      ">Oct 28, 2024, 1:30 PM EDT</time>",
    );
    expect(body({ componentDateTime: { dateTimeIso8601: "not a date" } })).toContain(
      'class="c c-datetime is-invalid"',
    );
  });

  it("renders users with their identifier", () => {
    expect(body({ componentUser: { userIdentifier: { emailAddress: "jane@acme.com" } } })).toBe(
      '<div class="c c-user" data-component="componentUser" data-identifier="emailAddress"><span class="avatar" aria-hidden="true">J</span><span class="user-id">jane@acme.com</span><span class="user-kind">User</span></div>',
    );
    expect(body({ componentUser: { userIdentifier: { machineUserId: "mu_9" } } })).toContain(
      '<span class="user-id">mu_9</span><span class="user-kind">Machine user</span>',
    );
  });

  it("renders a row with main and aside content", () => {
    expect(
      body({
        componentRow: {
          rowMainContent: [{ componentPlainText: { plainText: "Plan" } }],
          rowAsideContent: [{ componentBadge: { badgeLabel: "Pro", badgeColor: "BLUE" } }],
        },
      }),
    ).toMatch(
      /^<div class="c c-row" data-component="componentRow"><div class="row-main stack" data-slot="main"><div [^>]*>Plan<\/div><\/div><div class="row-aside stack" data-slot="aside"><div class="c c-inline"><span [^>]*>Pro<\/span><\/div><\/div><\/div>$/,
    );
  });

  it("renders a container as a card holding its content", () => {
    expect(
      body({
        componentContainer: { containerContent: [{ componentPlainText: { plainText: "in" } }] },
      }),
    ).toMatch(
      /^<div class="c c-container stack" data-component="componentContainer"><div [^>]*>in<\/div><\/div>$/,
    );
  });

  it("shows unknown or malformed components instead of failing", () => {
    const odd = [
      { componentCarousel: {} },
      { a: 1, b: 2 },
      null,
    ] as unknown as EventComponentInput[];
    const html = body(...odd);
    expect(html).toContain("Unknown component componentCarousel: not a component Plain knows");
    expect(html).toContain("Unknown component a, b: a component has exactly one key");
    expect(html).toContain("Unknown component object: not a component object");
  });

  it("ignores invalid enum values rather than putting them in class names", () => {
    const odd = { componentBadge: { badgeLabel: "x", badgeColor: 'RED" onclick="x' } };
    expect(body(odd as unknown as EventComponentInput)).toContain('class="c-badge badge-GREY"');
  });

  it("stops at a nesting depth no valid payload reaches (cycles included)", () => {
    const loop: { componentContainer: { containerContent: unknown[] } } = {
      componentContainer: { containerContent: [] },
    };
    loop.componentContainer.containerContent.push(loop);
    expect(body(loop as unknown as EventComponentInput)).toContain("nested too deeply");
  });
});
