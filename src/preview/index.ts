/**
 * plain-events/preview: see an event before you send it. `renderHtml` draws a self-contained
 * page that looks like the event in Plain's timeline; `renderText` prints it for terminals,
 * logs and snapshot tests. Both read compiled components (Plain's JSON), never builders.
 *
 * @packageDocumentation
 */
export { renderHtml, renderHtmlFragment } from "./html.js";
export { renderText, type TextPreviewOptions } from "./text.js";
export { PREVIEW_CSS } from "./style.js";
export { shouldUseColor, type MaybeTTY } from "./ansi.js";
export { escapeHtml, escapeTerminal } from "./escape.js";
export { parseMarkdown, markdownToPlain, type MdNode } from "./markdown.js";
export type { PreviewInput, PreviewOptions, PreviewSource, PreviewCardEntry } from "./input.js";
