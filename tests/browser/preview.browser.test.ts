import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import type { EventComponentInput, EventRequest } from "plain-events";
import { renderHtml } from "plain-events/preview";
import { HOSTILE, richRequest, usageCard } from "../preview/fixtures.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `[browser tests skipped] no Chromium at ${CHROMIUM}. Install it (apt-get install -y chromium) ` +
      "or set CHROMIUM_PATH.",
  );
}

const OUT = new URL("./out/", import.meta.url);
const DOCS_PNG = new URL("../../docs/preview.png", import.meta.url);
const UTC = { timeZone: "UTC", locale: "en-US" } as const;

interface Loaded {
  page: Page;
  dialogs: string[];
  consoleErrors: string[];
}

describe.skipIf(!hasChromium)("HTML preview in Chromium", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
      ],
    });
    mkdirSync(OUT, { recursive: true });
    mkdirSync(new URL(".", DOCS_PNG), { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Opens a page on the HTML, recording any dialog (alert) and console error it causes. */
  async function open(html: string, width = 760): Promise<Loaded> {
    const page = await browser.newPage({ viewport: { width, height: 600 }, deviceScaleFactor: 2 });
    const dialogs: string[] = [];
    const consoleErrors: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(String(e)));
    // Nothing may leave the page: no fonts, images or scripts from anywhere.
    await page.route("**/*", (route) => route.abort());
    await page.setContent(html, { waitUntil: "load" });
    return { page, dialogs, consoleErrors };
  }

  describe("a rich event", () => {
    let loaded: Loaded;
    beforeAll(async () => {
      loaded = await open(renderHtml(richRequest, UTC));
    });
    afterAll(async () => {
      await loaded.page.close();
    });

    it("renders cleanly and saves screenshots", async () => {
      const { page, consoleErrors, dialogs } = loaded;
      expect(consoleErrors).toEqual([]);
      expect(dialogs).toEqual([]);
      // The event with a margin of page around it, as it sits in the timeline.
      const box = (await page.locator("main").boundingBox())!;
      const margin = 20;
      const shot = await page.screenshot({
        clip: {
          x: box.x - margin,
          y: box.y - margin,
          width: box.width + 2 * margin,
          height: box.height + 2 * margin,
        },
        animations: "disabled",
      });
      writeFileSync(new URL("event.png", OUT), shot);
      writeFileSync(DOCS_PNG, shot);
      expect(shot.length).toBeGreaterThan(10_000);
    });

    it("shows the title and the time", async () => {
      const { page } = loaded;
      await expect(page.locator(".event-title").textContent()).resolves.toBe("Payment failed");
      await expect(page.locator(".event-time").getAttribute("datetime")).resolves.toBe(
        "2024-10-28T18:30:00.000Z",
      );
      await expect(page.locator(".event-time").textContent()).resolves.toBe(
        "Oct 28, 2024, 6:30 PM UTC",
      );
    });

    it("colours each badge as Plain does", async () => {
      const colors = await loaded.page.$$eval('[data-component="componentBadge"]', (els) =>
        els.map((el) => {
          const s = getComputedStyle(el);
          return [el.getAttribute("data-color"), s.backgroundColor, s.color, s.borderRadius];
        }),
      );
      expect(colors).toEqual([
        ["RED", "rgb(254, 226, 226)", "rgb(153, 27, 27)", "999px"],
        ["BLUE", "rgb(219, 234, 254)", "rgb(30, 64, 175)", "999px"],
        ["YELLOW", "rgb(254, 249, 195)", "rgb(133, 77, 14)", "999px"],
        ["GREEN", "rgb(220, 252, 231)", "rgb(22, 101, 52)", "999px"],
        ["GREY", "rgb(240, 241, 243)", "rgb(69, 76, 86)", "999px"],
      ]);
    });

    it("colours text by Plain's text colours", async () => {
      const colors = await loaded.page.$$eval('[data-component="componentText"]', (els) =>
        Object.fromEntries(
          els.map((el) => [el.getAttribute("data-color"), getComputedStyle(el).color]),
        ),
      );
      expect(colors).toMatchObject({
        SUCCESS: "rgb(26, 127, 55)",
        WARNING: "rgb(154, 103, 0)",
        ERROR: "rgb(207, 34, 46)",
        MUTED: "rgb(107, 114, 128)",
      });
    });

    it("gives link buttons and Markdown links their hrefs", async () => {
      const { page } = loaded;
      await expect(
        page.locator('[data-component="componentLinkButton"]').getAttribute("href"),
      ).resolves.toBe("https://billing.example.com/customers/cus_8f3a21");
      await expect(page.locator(".c-text a").getAttribute("href")).resolves.toBe(
        "https://billing.example.com/invoices/2041",
      );
      await expect(page.locator(".c-text a").textContent()).resolves.toBe("INV-2041");
      const button = page.locator('[data-component="componentCopyButton"]');
      await expect(button.getAttribute("data-copy-value")).resolves.toBe("cus_8f3a21");
      await expect(button.getAttribute("title")).resolves.toBe("Copy customer id");
    });

    it("puts each row's aside to the right of its main content, on the same line", async () => {
      const rows = await loaded.page.$$eval('[data-component="componentRow"]', (els) =>
        els.map((row) => {
          const main = row.querySelector('[data-slot="main"]')!.getBoundingClientRect();
          const aside = row.querySelector('[data-slot="aside"]')!.getBoundingClientRect();
          const box = row.getBoundingClientRect();
          return { main, aside, box };
        }),
      );
      expect(rows.length).toBe(5);
      for (const { main, aside, box } of rows) {
        expect(aside.left).toBeGreaterThanOrEqual(main.right);
        expect(aside.top).toBeLessThan(main.bottom);
        // The aside hugs the right edge of the row.
        expect(box.right - aside.right).toBeLessThan(1);
      }
    });

    it("draws the container as a bordered card", async () => {
      const style = await loaded.page
        .locator('[data-component="componentContainer"]')
        .evaluate((el) => {
          const s = getComputedStyle(el);
          return [s.borderTopWidth, s.borderTopStyle, s.borderTopLeftRadius];
        });
      expect(style).toEqual(["1px", "solid", "8px"]);
    });

    it("spaces spacers by size", async () => {
      const heights = await loaded.page.$$eval('[data-component="componentSpacer"]', (els) =>
        els.map((el) => [el.getAttribute("data-size"), el.getBoundingClientRect().height]),
      );
      expect(heights).toEqual([
        ["M", 16],
        ["S", 8],
        ["M", 16],
      ]);
    });
  });

  it("renders a customer card", async () => {
    const { page, consoleErrors } = await open(renderHtml(usageCard, UTC), 420);
    expect(consoleErrors).toEqual([]);
    await expect(page.locator(".card-title").textContent()).resolves.toBe("usage");
    const card = await page.locator(".customer-card").boundingBox();
    expect(card?.width).toBe(340);
    const row = await page.$eval('[data-component="componentRow"]', (el) => {
      const main = el.querySelector('[data-slot="main"]')!.getBoundingClientRect();
      const aside = el.querySelector('[data-slot="aside"]')!.getBoundingClientRect();
      return { mainRight: main.right, asideLeft: aside.left, sameLine: aside.top < main.bottom };
    });
    expect(row.asideLeft).toBeGreaterThanOrEqual(row.mainRight);
    expect(row.sameLine).toBe(true);
    writeFileSync(new URL("card.png", OUT), await page.locator("main").screenshot());
    await page.close();
  });

  describe("hostile input", () => {
    const components: EventComponentInput[] = HOSTILE.flatMap((s): EventComponentInput[] => [
      { componentText: { text: s } },
      { componentText: { text: `[${s}](${s})` } },
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
      { componentUser: { userIdentifier: { emailAddress: s } } },
    ]);
    const request: EventRequest = {
      operation: "createThreadEvent",
      input: { threadId: "th_1", title: '<script>alert("title")</script>', components },
    };
    const html = renderHtml(request, UTC);

    async function assertInert(loaded: Loaded) {
      const { page, dialogs, consoleErrors } = loaded;
      // A blocked inline script would show up as a CSP console error; an executed one as a dialog.
      expect(dialogs).toEqual([]);
      expect(consoleErrors).toEqual([]);
      const injected = await page.evaluate(() => ({
        scripts: document.querySelectorAll("script, img, iframe, object, embed, form, link").length,
        handlers: [...document.querySelectorAll("*")].filter((el) =>
          [...el.attributes].some((a) => a.name.startsWith("on")),
        ).length,
        hrefs: [...document.querySelectorAll("[href]")].map((el) => el.getAttribute("href")),
        svgs: [...document.querySelectorAll("svg")].filter(
          (el) => el.closest("button, a, .event-icon") === null,
        ).length,
        text: document.body.innerText,
        title: document.title,
      }));
      expect(injected.scripts).toBe(0);
      expect(injected.handlers).toBe(0);
      expect(injected.svgs).toBe(0);
      for (const href of injected.hrefs) expect(href).toMatch(/^https?:\/\//);
      // The payloads are there, as text.
      expect(injected.title).toBe('<script>alert("title")</script> · Plain preview');
      for (const s of [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "javascript:alert(1)",
      ]) {
        expect(injected.text).toContain(s);
      }
    }

    it("shows every payload as text; nothing runs and nothing is injected", async () => {
      const loaded = await open(html);
      await assertInert(loaded);
      writeFileSync(new URL("hostile.png", OUT), await loaded.page.screenshot({ fullPage: true }));
      await loaded.page.close();
    });

    it("stays inert without its Content-Security-Policy: escaping alone holds", async () => {
      const withoutCsp = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, "");
      expect(withoutCsp).not.toContain("Content-Security-Policy");
      const loaded = await open(withoutCsp);
      await assertInert(loaded);
      await loaded.page.close();
    });
  });
});
