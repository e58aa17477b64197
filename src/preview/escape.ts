/**
 * Escaping for the two outputs. Every payload string passes through one of these on its way
 * out; nothing from a payload reaches the page or the terminal unescaped.
 */

const HTML_SPECIAL = /[&<>"']/g;
const HTML_ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
// C0 controls other than tab and newline, and DEL: not allowed in HTML text.
const HTML_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/**
 * Escapes text for HTML element content and for quoted attribute values alike: all five of
 * `& < > " '`, so the same function is safe in both places.
 */
export function escapeHtml(value: string): string {
  return value
    .replace(/\r\n?/g, "\n")
    .replace(HTML_CONTROLS, "\uFFFD")
    .replace(HTML_SPECIAL, (c) => HTML_ENTITIES[c] ?? c);
}

// Bidirectional formatting characters can reorder what a terminal shows (a "Trojan Source"
// trick), so they are shown by name. In HTML they are contained by `unicode-bidi: isolate`.
const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// C0 controls (except newline), DEL and C1 controls: ESC alone could recolour the terminal,
// move the cursor, set the window title or write a hyperlink.
const TERMINAL_CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

/**
 * Makes a payload string safe to print on a terminal: control characters become visible
 * (ESC prints as `␛`, tab as `␉`) and bidi overrides print as `<U+202E>`.
 */
export function escapeTerminal(value: string): string {
  return value
    .replace(/\r\n/g, "\n")
    .replace(TERMINAL_CONTROLS, (c) => {
      const code = c.charCodeAt(0);
      if (code < 0x20) return String.fromCharCode(0x2400 + code);
      return code === 0x7f ? "\u2421" : "\uFFFD";
    })
    .replace(BIDI, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}>`);
}
