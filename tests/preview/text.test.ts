import { describe, expect, it } from "vitest";
import type { EventComponentInput } from "plain-events";
import { renderText, shouldUseColor } from "plain-events/preview";
import { richRequest, usageCard } from "./fixtures.js";

const plain = (...components: EventComponentInput[]) =>
  renderText(components, { color: false, timeZone: "UTC", locale: "en-US" });
const ESC = "\u001b";

describe("renderText", () => {
  it("draws a whole event: title, time, rows side by side, containers boxed", () => {
    expect(renderText(richRequest, { color: false, timeZone: "UTC", locale: "en-US" }))
      .toBe(`● Payment failed · Oct 28, 2024, 6:30 PM UTC
│ Payment of €1,250.00 for invoice INV-2041 (https://billing.example.com/invoices/2041) failed twice.
│ Card declined                  (Past due)
│ insufficient_funds (code 51)
│ ────────────────────────────────────────
│ Plan   (Enterprise)
│ Next retry   Oct 29, 2024, 9:00 AM UTC
│ Account owner   owner@acme.com (user)
│
│ ┌───────────────────────────────────────────────┐
│ │ Retry status                                  │
│ │ Attempt 3 of 4 succeeded                      │
│ │ Card expires this month                       │
│ │ Dunning email bounced                         │
│ │ Customer id   [⧉ cus_8f3a21] Copy customer id │
│ └───────────────────────────────────────────────┘
│
│ (Retrying)
│ (Card on file)
│ (Manual)
│
│ [Open in billing ↗] https://billing.example.com/customers/cus_8f3a21
│ [▶ Extend grace period] workflowKey extend-grace`);
  });

  it("draws a card entry under its key", () => {
    expect(renderText(usageCard, { color: false })).toBe(`■ usage
│ ┌───────────────────────────────────────────┐
│ │ Usage this month                          │
│ │ Seats   42 / 50                           │
│ │                                           │
│ │ [⧉ acct_8f3a] Copy account id             │
│ │ [▶ Extend trial] workflowKey extend-trial │
│ │ owner@acme.com (user)                     │
│ └───────────────────────────────────────────┘`);
    expect(renderText({ key: "gone", components: null }, { color: false })).toBe(
      "■ gone\n│ (hidden card: components is null)",
    );
  });

  it("prints no header and no gutter for a bare component array", () => {
    expect(plain({ componentPlainText: { plainText: "hello" } })).toBe("hello");
    expect(plain()).toBe("(no components)");
  });

  it("is deterministic: no time unless one is given", () => {
    const a = renderText(richRequest.input.components, { color: false });
    expect(a).not.toMatch(/^●/);
    expect(renderText(richRequest.input.components, { color: false })).toBe(a);
  });

  it("applies Markdown: links show their URL, unsafe links are flagged", () => {
    expect(
      plain({ componentText: { text: "**a** *b* [c](https://c.example) [d](javascript:x)" } }),
    ).toBe("a b c (https://c.example) d (not a link: javascript:x)");
  });

  it("renders every leaf", () => {
    expect(
      plain({ componentSpacer: { spacerSize: "XS" } }, { componentSpacer: { spacerSize: "XL" } }),
    ).toBe("\n\n");
    expect(plain({ componentDivider: { dividerSpacingSize: "XL" } })).toBe(`\n${"─".repeat(40)}\n`);
    expect(
      plain({ componentLinkButton: { linkButtonUrl: "ftp://x", linkButtonLabel: "Get" } }),
    ).toBe("[Get] (not a link: ftp://x)");
    expect(plain({ componentCopyButton: { copyButtonValue: "v" } })).toBe("[⧉ v]");
    expect(
      plain({
        componentWorkflowButton: {
          workflowButtonLabel: "Run",
          workflowButtonWorkflowIdentifier: { workflowId: "wf_1" },
        },
      }),
    ).toBe("[▶ Run] workflowId wf_1");
    expect(plain({ componentDateTime: { dateTimeIso8601: "2024-02-30T00:00:00Z" } })).toBe(
      "2024-02-30T00:00:00Z (not an ISO 8601 date-time)",
    );
    expect(plain({ componentUser: { userIdentifier: { userId: "u_1" } } })).toBe("u_1 (user)");
    expect(plain({ componentUser: { userIdentifier: { machineUserId: "m_1" } } })).toBe(
      "m_1 (machine user)",
    );
  });

  it("keeps multi-line text aligned inside boxes and rows", () => {
    expect(
      plain({
        componentContainer: {
          containerContent: [
            {
              componentRow: {
                rowMainContent: [{ componentPlainText: { plainText: "one\ntwo lines" } }],
                rowAsideContent: [{ componentPlainText: { plainText: "x" } }],
              },
            },
          ],
        },
      }),
    ).toBe(`┌───────────────┐
│ one         x │
│ two lines     │
└───────────────┘`);
  });

  it("stacks a row whose main content is too wide to share a line", () => {
    const long = "m".repeat(70);
    expect(
      plain({
        componentRow: {
          rowMainContent: [{ componentPlainText: { plainText: long } }],
          rowAsideContent: [{ componentPlainText: { plainText: "aside" } }],
        },
      }),
    ).toBe(`${long}\n  aside`);
  });

  it("measures wide characters so boxes stay square", () => {
    expect(
      plain({
        componentContainer: { containerContent: [{ componentPlainText: { plainText: "日本" } }] },
      }),
    ).toBe(`┌──────┐
│ 日本 │
└──────┘`);
  });
});

describe("renderText colours", () => {
  const colored = (c: EventComponentInput) => renderText([c], { color: true });

  it("colours text by Plain's colour and bolds L", () => {
    expect(colored({ componentText: { text: "ok", textColor: "SUCCESS" } })).toBe(
      `${ESC}[32mok${ESC}[39m`,
    );
    expect(colored({ componentText: { text: "bad", textColor: "ERROR" } })).toBe(
      `${ESC}[31mbad${ESC}[39m`,
    );
    expect(colored({ componentText: { text: "hm", textColor: "WARNING" } })).toBe(
      `${ESC}[33mhm${ESC}[39m`,
    );
    expect(colored({ componentText: { text: "psst", textColor: "MUTED" } })).toBe(
      `${ESC}[90mpsst${ESC}[39m`,
    );
    expect(colored({ componentText: { text: "Big", textSize: "L" } })).toBe(
      `${ESC}[1mBig${ESC}[22m`,
    );
    expect(colored({ componentText: { text: "**b** _i_" } })).toBe(
      `${ESC}[1mb${ESC}[22m ${ESC}[3mi${ESC}[23m`,
    );
  });

  it("draws badges on their colour", () => {
    expect(colored({ componentBadge: { badgeLabel: "Paid", badgeColor: "GREEN" } })).toBe(
      `${ESC}[30;42m Paid ${ESC}[39;49m`,
    );
    expect(colored({ componentBadge: { badgeLabel: "x", badgeColor: "BLUE" } })).toContain(
      "[30;44m",
    );
  });

  it("styles each line on its own, so gutters and borders stay uncoloured", () => {
    const out = renderText(
      { components: () => [{ componentText: { text: "**a\nb**" } }], title: "T" },
      { color: true },
    );
    expect(out.split("\n")).toEqual([
      `● ${ESC}[1mT${ESC}[22m`,
      `${ESC}[2m│${ESC}[22m ${ESC}[1ma${ESC}[22m`,
      `${ESC}[2m│${ESC}[22m ${ESC}[1mb${ESC}[22m`,
    ]);
  });

  it("writes no escape codes at all without colour", () => {
    expect(renderText(richRequest, { color: false, timeZone: "UTC" })).not.toContain(ESC);
  });
});

describe("shouldUseColor", () => {
  it("follows an explicit choice first", () => {
    expect(shouldUseColor(true, { isTTY: false }, { NO_COLOR: "1" })).toBe(true);
    expect(shouldUseColor(false, { isTTY: true }, { FORCE_COLOR: "1" })).toBe(false);
  });

  it("then NO_COLOR, then FORCE_COLOR, then whether the stream is a TTY", () => {
    expect(shouldUseColor(undefined, { isTTY: true }, { NO_COLOR: "1" })).toBe(false);
    expect(shouldUseColor(undefined, { isTTY: false }, { FORCE_COLOR: "1" })).toBe(true);
    expect(shouldUseColor(undefined, { isTTY: false }, { FORCE_COLOR: "0" })).toBe(false);
    expect(shouldUseColor(undefined, { isTTY: true }, {})).toBe(true);
    expect(shouldUseColor(undefined, { isTTY: false }, {})).toBe(false);
    expect(shouldUseColor(undefined, undefined, {})).toBe(false);
  });
});
