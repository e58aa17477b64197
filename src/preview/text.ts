/**
 * The terminal preview: the same event as lines of text, for logs, CLIs and snapshot tests.
 * Output depends only on the input and the options (no clock, no terminal size), and every
 * payload string passes through `escapeTerminal`, so a payload cannot move the cursor,
 * recolour the terminal or reorder what is shown.
 */
import { isHttpUrl } from "../components/rules.js";
import { painter, shouldUseColor, visibleWidth, type Painter } from "./ansi.js";
import { formatTime } from "./datetime.js";
import { escapeTerminal as clean } from "./escape.js";
import { readInput, type PreviewInput, type PreviewOptions } from "./input.js";
import type { MdNode } from "./markdown.js";
import type { ViewNode } from "./model.js";

/** Options of {@link renderText}. */
export interface TextPreviewOptions extends PreviewOptions {
  /**
   * ANSI colours and styles. Defaults to {@link shouldUseColor}: off with `NO_COLOR`, on with
   * `FORCE_COLOR`, otherwise on when `process.stdout` is a TTY. Pass `false` for logs and tests.
   */
  readonly color?: boolean | undefined;
}

interface Ctx {
  readonly paint: Painter;
  readonly locale: string | undefined;
  readonly timeZone: string | undefined;
}

const DIVIDER_WIDTH = 40;
// A row whose main column is wider than this is drawn with the aside below it.
const ROW_MAIN_MAX = 60;
const ROW_GAP = "   ";

/**
 * Renders components as text for a terminal or a log: title and time, then one block per
 * component (Markdown applied, buttons with their URLs, rows side by side, containers boxed).
 *
 * @example
 * ```ts
 * console.log(renderText(request, { timeZone: "UTC" }));
 * // ● API key generated · Oct 28, 2024, 6:30 PM UTC
 * // │ New API key was added with the fingerprint 3b7896975ee9fd15eeb7 …
 * ```
 */
export function renderText(input: PreviewInput, options: TextPreviewOptions = {}): string {
  const doc = readInput(input, options);
  const ctx: Ctx = {
    paint: painter(shouldUseColor(options.color)),
    locale: options.locale,
    timeZone: options.timeZone,
  };
  const p = ctx.paint;
  const body = doc.hidden
    ? [p.dim("(hidden card: components is null)")]
    : doc.nodes.length === 0
      ? [p.dim("(no components)")]
      : renderList(doc.nodes, ctx);

  const header: string[] = [];
  if (doc.title !== undefined) header.push(p.bold(clean(doc.title)));
  if (doc.time !== undefined) {
    const t = formatTime(doc.time, ctx);
    header.push(
      t.valid ? p.dim(clean(t.text)) : p.text("ERROR", `${clean(t.text)} (invalid time)`),
    );
  }
  if (header.length === 0 && doc.frame === "event") return trimLines(body).join("\n");
  const mark = doc.frame === "card" ? "■" : "●";
  const lines = [
    `${mark} ${header.join(p.dim(" · "))}`,
    ...body.map((l) => (l === "" ? p.dim("│") : `${p.dim("│")} ${l}`)),
  ];
  return trimLines(lines).join("\n");
}

function trimLines(lines: readonly string[]): string[] {
  return lines.map((l) => l.trimEnd());
}

function renderList(nodes: readonly ViewNode[], ctx: Ctx): string[] {
  return nodes.flatMap((n) => renderNode(n, ctx));
}

// Styles apply line by line, so that a gutter or box border added later is never coloured.
const perLine = (s: string, style: (s: string) => string) => s.split("\n").map(style).join("\n");

function renderNode(node: ViewNode, ctx: Ctx): string[] {
  const p = ctx.paint;
  switch (node.kind) {
    case "text":
    case "plainText": {
      const raw = node.kind === "text" ? renderMarkdown(node.markdown, p) : clean(node.text);
      const sized = node.size === "L" ? perLine(raw, p.bold) : raw;
      return perLine(sized, (l) => p.text(node.color, l)).split("\n");
    }
    case "spacer":
      return node.size === "L" || node.size === "XL" ? ["", ""] : [""];
    case "divider": {
      const rule = p.dim("─".repeat(DIVIDER_WIDTH));
      return node.size === "L" || node.size === "XL" ? ["", rule, ""] : [rule];
    }
    case "linkButton":
      return node.safe
        ? [`${p.bold(`[${clean(node.label)} ↗]`)} ${p.underline(clean(node.url))}`]
        : [
            `${p.bold(`[${clean(node.label)}]`)} ${p.text("ERROR", `(not a link: ${clean(node.url)})`)}`,
          ];
    case "copyButton": {
      const button = p.bold(`[⧉ ${clean(node.value)}]`);
      return [node.tooltip === undefined ? button : `${button} ${p.dim(clean(node.tooltip))}`];
    }
    case "badge":
      return [p.color ? p.badge(node.color, ` ${clean(node.label)} `) : `(${clean(node.label)})`];
    case "workflowButton": {
      const button = p.bold(`[▶ ${clean(node.label)}]`);
      const wf = node.workflow;
      return [wf === undefined ? button : `${button} ${p.dim(`${wf.by} ${clean(wf.value)}`)}`];
    }
    case "dateTime": {
      const t = formatTime(node.date ?? node.iso, ctx);
      return [
        t.valid ? clean(t.text) : p.text("ERROR", `${clean(t.text)} (not an ISO 8601 date-time)`),
      ];
    }
    case "user": {
      const kind = node.by === "machineUserId" ? "machine user" : "user";
      return [
        node.id === ""
          ? p.dim("(user without identifier)")
          : `${clean(node.id)} ${p.dim(`(${kind})`)}`,
      ];
    }
    case "row":
      return row(renderList(node.main, ctx), renderList(node.aside, ctx));
    case "container":
      return box(renderList(node.content, ctx), p);
    case "unknown":
      return [p.text("ERROR", `! unknown component ${clean(node.key)}: ${node.reason}`)];
  }
}

function padEnd(s: string, width: number): string {
  return s + " ".repeat(Math.max(0, width - visibleWidth(s)));
}

function padStart(s: string, width: number): string {
  return " ".repeat(Math.max(0, width - visibleWidth(s))) + s;
}

/** Main content on the left, aside on the right (right-aligned), as Plain lays rows out. */
function row(main: string[], aside: string[]): string[] {
  const mainWidth = Math.max(0, ...main.map(visibleWidth));
  if (mainWidth > ROW_MAIN_MAX) return [...main, ...aside.map((l) => `  ${l}`)];
  const asideWidth = Math.max(0, ...aside.map(visibleWidth));
  const lines: string[] = [];
  for (let i = 0; i < Math.max(main.length, aside.length); i++) {
    lines.push(padEnd(main[i] ?? "", mainWidth) + ROW_GAP + padStart(aside[i] ?? "", asideWidth));
  }
  return lines;
}

function box(content: string[], p: Painter): string[] {
  const width = Math.max(0, ...content.map(visibleWidth));
  const edge = "─".repeat(width + 2);
  return [
    p.dim(`┌${edge}┐`),
    ...content.map((l) => `${p.dim("│")} ${padEnd(l, width)} ${p.dim("│")}`),
    p.dim(`└${edge}┘`),
  ];
}

function renderMarkdown(nodes: readonly MdNode[], p: Painter): string {
  let out = "";
  for (const n of nodes) {
    switch (n.type) {
      case "text":
        out += clean(n.value);
        break;
      case "strong":
        out += perLine(renderMarkdown(n.children, p), p.bold);
        break;
      case "em":
        out += perLine(renderMarkdown(n.children, p), p.italic);
        break;
      case "link": {
        const label = perLine(renderMarkdown(n.children, p), p.underline);
        out += isHttpUrl(n.href)
          ? `${label} ${p.dim(`(${clean(n.href)})`)}`
          : `${label} ${p.text("ERROR", `(not a link: ${clean(n.href)})`)}`;
        break;
      }
    }
  }
  return out;
}
