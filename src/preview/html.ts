/**
 * The HTML preview: one self-contained page that looks like an event in Plain's timeline (or
 * a customer card). Every payload string goes through `escapeHtml`, every attribute is quoted,
 * and a URL becomes an `href` only when it is an absolute http(s) URL. The page also carries a
 * Content-Security-Policy that allows no script and no network at all, as a second wall.
 */
import { isHttpUrl } from "../components/rules.js";
import { formatTime } from "./datetime.js";
import { escapeHtml as esc } from "./escape.js";
import {
  readInput,
  type PreviewDocument,
  type PreviewInput,
  type PreviewOptions,
} from "./input.js";
import type { MdNode } from "./markdown.js";
import type { ViewNode } from "./model.js";
import { PREVIEW_CSS } from "./style.js";

type TimeOptions = Pick<PreviewOptions, "locale" | "timeZone">;

const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const icon = (body: string, size = 12) =>
  `<svg viewBox="0 0 16 16" width="${size}" height="${size}" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;
const ICON_EXTERNAL = icon('<path d="M6 4h6v6M12 4 4.5 11.5"/>');
const ICON_COPY = icon(
  '<rect x="5.5" y="5.5" width="8" height="8" rx="1.5"/><path d="M10.5 3.5v-.5a1 1 0 0 0-1-1H3a1 1 0 0 0-1 1v6.5a1 1 0 0 0 1 1h.5"/>',
);
const ICON_WORKFLOW = icon('<path d="M9 1.5 3.5 9H8l-1 5.5L12.5 7H8z"/>');
const ICON_EVENT = icon('<path d="M2 8h3l2-5 2 10 2-5h3"/>', 14);

/**
 * Renders components as one self-contained HTML page (inline CSS, no scripts, no external
 * assets) that looks like the event in Plain's timeline, or like a customer card.
 *
 * Accepts a component array, a request (`{ operation, input }`), a card entry, or a builder
 * (anything with `components()`). Components are read as Plain would read them: text is
 * Markdown (bold, italic, links), everything else is shown as written.
 *
 * @example
 * ```ts
 * writeFileSync("preview.html", renderHtml(request, { timeZone: "Europe/London" }));
 * ```
 */
export function renderHtml(input: PreviewInput, options: PreviewOptions = {}): string {
  const doc = readInput(input, options);
  const pageTitle = `${doc.title ?? (doc.frame === "card" ? "Customer card" : "Event")} · Plain preview`;
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(pageTitle)}</title>`,
    `<style>${PREVIEW_CSS}</style>`,
    "</head>",
    "<body>",
    renderFrame(doc, options),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/**
 * The preview's markup without the page around it, for pages that show several previews.
 * Include {@link PREVIEW_CSS} once in such a page.
 */
export function renderHtmlFragment(input: PreviewInput, options: PreviewOptions = {}): string {
  return renderFrame(readInput(input, options), options);
}

function renderFrame(doc: PreviewDocument, options: TimeOptions): string {
  const content = doc.hidden
    ? '<p class="empty">Hidden card (<code>components: null</code>)</p>'
    : doc.nodes.length === 0
      ? '<p class="empty">No components</p>'
      : renderList(doc.nodes, options);
  if (doc.frame === "card") {
    return (
      '<main class="sidebar"><section class="customer-card" data-frame="card">' +
      `<header class="card-header"><h2 class="card-title">${esc(doc.title ?? "Customer card")}</h2></header>` +
      `<div class="card-content stack">${content}</div></section></main>`
    );
  }
  let header = "";
  if (doc.title !== undefined) header += `<h1 class="event-title">${esc(doc.title)}</h1>`;
  if (doc.time !== undefined) {
    const t = formatTime(doc.time, options);
    header += `<time class="event-time${t.valid ? "" : " is-invalid"}" datetime="${esc(t.iso)}">${esc(t.text)}</time>`;
  }
  return (
    '<main class="timeline"><article class="event" data-frame="event">' +
    `<div class="event-rail"><span class="event-icon">${ICON_EVENT}</span></div>` +
    '<div class="event-body">' +
    (header === "" ? "" : `<header class="event-header">${header}</header>`) +
    `<div class="event-content stack">${content}</div></div></article></main>`
  );
}

function renderList(nodes: readonly ViewNode[], options: TimeOptions): string {
  return nodes.map((n) => renderNode(n, options)).join("");
}

function renderNode(node: ViewNode, options: TimeOptions): string {
  switch (node.kind) {
    case "text":
      return (
        `<div class="c c-text size-${node.size} color-${node.color}" data-component="componentText" ` +
        `data-size="${node.size}" data-color="${node.color}">${renderMarkdown(node.markdown)}</div>`
      );
    case "plainText":
      return (
        `<div class="c c-plain-text size-${node.size} color-${node.color}" data-component="componentPlainText" ` +
        `data-size="${node.size}" data-color="${node.color}">${esc(node.text)}</div>`
      );
    case "spacer":
      return `<div class="c c-spacer spacer-${node.size}" data-component="componentSpacer" data-size="${node.size}" aria-hidden="true"></div>`;
    case "divider":
      return `<hr class="c c-divider spacing-${node.size}" data-component="componentDivider" data-spacing="${node.size}">`;
    case "linkButton":
      return node.safe
        ? `<div class="c c-inline"><a class="c-button c-link-button" data-component="componentLinkButton" href="${esc(node.url)}" ` +
            `target="_blank" rel="noopener noreferrer nofollow" title="${esc(node.url)}">` +
            `<span>${esc(node.label)}</span>${ICON_EXTERNAL}</a></div>`
        : `<div class="c c-inline"><span class="c-button c-link-button is-blocked" data-component="componentLinkButton" ` +
            `data-blocked-url="${esc(node.url)}" title="Not an http(s) URL: ${esc(node.url)}">` +
            `<span>${esc(node.label)}</span></span></div>`;
    case "copyButton": {
      const tooltip = node.tooltip ?? "Copy";
      return (
        `<div class="c c-inline"><button type="button" class="c-button c-copy-button" data-component="componentCopyButton" ` +
        `data-copy-value="${esc(node.value)}" data-tooltip="${esc(tooltip)}" title="${esc(tooltip)}" aria-label="${esc(tooltip)}">` +
        `${ICON_COPY}<span class="copy-value">${esc(node.value)}</span></button></div>`
      );
    }
    case "badge":
      return (
        `<div class="c c-inline"><span class="c-badge badge-${node.color}" data-component="componentBadge" ` +
        `data-color="${node.color}">${esc(node.label)}</span></div>`
      );
    case "workflowButton": {
      const wf = node.workflow;
      const attr =
        wf === undefined
          ? ""
          : ` data-${wf.by === "workflowId" ? "workflow-id" : "workflow-key"}="${esc(wf.value)}"`;
      const title = wf === undefined ? "Runs a workflow" : `Runs workflow ${wf.value}`;
      return (
        `<div class="c c-inline"><button type="button" class="c-button c-workflow-button" data-component="componentWorkflowButton"${attr} ` +
        `title="${esc(title)}">${ICON_WORKFLOW}<span>${esc(node.label)}</span></button></div>`
      );
    }
    case "dateTime": {
      const t = formatTime(node.date ?? node.iso, options);
      return (
        `<div class="c c-datetime${t.valid ? "" : " is-invalid"}" data-component="componentDateTime">` +
        `<time datetime="${esc(t.iso)}">${esc(t.text)}</time></div>`
      );
    }
    case "user": {
      const kind = node.by === "machineUserId" ? "Machine user" : "User";
      const initial = /[\p{L}\p{N}]/u.exec(node.id)?.[0]?.toUpperCase() ?? "?";
      return (
        `<div class="c c-user" data-component="componentUser"${node.by === undefined ? "" : ` data-identifier="${node.by}"`}>` +
        `<span class="avatar" aria-hidden="true">${esc(initial)}</span>` +
        `<span class="user-id">${esc(node.id)}</span><span class="user-kind">${kind}</span></div>`
      );
    }
    case "row":
      return (
        '<div class="c c-row" data-component="componentRow">' +
        `<div class="row-main stack" data-slot="main">${renderList(node.main, options)}</div>` +
        `<div class="row-aside stack" data-slot="aside">${renderList(node.aside, options)}</div></div>`
      );
    case "container":
      return `<div class="c c-container stack" data-component="componentContainer">${renderList(node.content, options)}</div>`;
    case "unknown":
      return `<div class="c c-unknown" data-component="unknown">Unknown component ${esc(node.key)}: ${esc(node.reason)}</div>`;
  }
}

function renderMarkdown(nodes: readonly MdNode[]): string {
  let out = "";
  for (const n of nodes) {
    switch (n.type) {
      case "text":
        out += esc(n.value);
        break;
      case "strong":
        out += `<strong>${renderMarkdown(n.children)}</strong>`;
        break;
      case "em":
        out += `<em>${renderMarkdown(n.children)}</em>`;
        break;
      case "link":
        out += isHttpUrl(n.href)
          ? `<a href="${esc(n.href)}" target="_blank" rel="noopener noreferrer nofollow">${renderMarkdown(n.children)}</a>`
          : `<span class="md-link-blocked" data-blocked-url="${esc(n.href)}" title="Not an http(s) URL: ${esc(n.href)}">${renderMarkdown(n.children)}</span>`;
        break;
    }
  }
  return out;
}
