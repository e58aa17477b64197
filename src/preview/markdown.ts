/**
 * The Markdown subset Plain renders in text components: bold (`**`/`__`), italic (`*`/`_`),
 * links (`[label](url)`) and backslash escapes. Everything else is text. The parser returns a
 * tree; the HTML and terminal renderers escape every text node, so no source can add markup.
 */

/** One node of parsed Markdown. */
export type MdNode =
  | { readonly type: "text"; readonly value: string }
  | { readonly type: "strong"; readonly children: readonly MdNode[] }
  | { readonly type: "em"; readonly children: readonly MdNode[] }
  | { readonly type: "link"; readonly href: string; readonly children: readonly MdNode[] };

// CommonMark: a backslash escapes any ASCII punctuation character, and nothing else.
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const MAY_HOLD_SYNTAX = /[\\*_[]/;
// Deeper nesting than this is shown as text: it keeps hostile input from exhausting the stack.
const MAX_DEPTH = 16;

const isSpace = (c: string | undefined) => c === undefined || /\s/u.test(c);
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Parses Plain's Markdown subset. Never throws; anything that is not syntax stays text. */
export function parseMarkdown(source: string): MdNode[] {
  if (!MAY_HOLD_SYNTAX.test(source)) return source === "" ? [] : [{ type: "text", value: source }];
  return parse(source, 0, source.length, false, 0);
}

/** The text of a Markdown tree, without markup (link labels only). */
export function markdownToPlain(nodes: readonly MdNode[]): string {
  return nodes.map((n) => (n.type === "text" ? n.value : markdownToPlain(n.children))).join("");
}

function parse(s: string, from: number, to: number, inLink: boolean, depth: number): MdNode[] {
  const out: MdNode[] = [];
  let text = "";
  const flush = () => {
    if (text !== "") out.push({ type: "text", value: text });
    text = "";
  };
  let i = from;
  while (i < to) {
    const c = s[i] as string;
    if (c === "\\" && i + 1 < to && ASCII_PUNCTUATION.test(s[i + 1] as string)) {
      text += s[i + 1];
      i += 2;
      continue;
    }
    if (depth < MAX_DEPTH && c === "[" && !inLink) {
      const link = matchLink(s, i, to);
      if (link !== undefined) {
        flush();
        out.push({
          type: "link",
          href: unescape(s.slice(link.urlStart, link.urlEnd)),
          children: parse(s, i + 1, link.labelEnd, true, depth + 1),
        });
        i = link.end;
        continue;
      }
    }
    if (depth < MAX_DEPTH && (c === "*" || c === "_") && canOpen(s, i, to, c)) {
      const run = runLength(s, i, to, c);
      if (run >= 2) {
        const close = findCloser(s, i + 2, to, c, 2);
        if (close !== undefined) {
          flush();
          out.push({ type: "strong", children: parse(s, i + 2, close, inLink, depth + 1) });
          i = close + 2;
          continue;
        }
      }
      const close = findCloser(s, i + 1, to, c, 1);
      if (close !== undefined) {
        flush();
        out.push({ type: "em", children: parse(s, i + 1, close, inLink, depth + 1) });
        i = close + 1;
        continue;
      }
    }
    text += c;
    i += 1;
  }
  flush();
  return out;
}

function runLength(s: string, i: number, to: number, c: string): number {
  let n = 0;
  while (i + n < to && s[i + n] === c) n++;
  return n;
}

// An opener must be followed by a non-space; `_` inside a word (snake_case) opens nothing.
function canOpen(s: string, i: number, to: number, c: string): boolean {
  const run = runLength(s, i, to, c);
  if (i + run >= to || isSpace(s[i + run])) return false;
  return c === "*" || !isWordChar(s[i - 1]);
}

/**
 * Finds the closing delimiter of `width` characters (1 or 2) for an opener that ends at
 * `from`: the end of a run preceded by a non-space. Runs of the other width are nested
 * emphasis and are stepped over; escapes are skipped.
 */
function findCloser(
  s: string,
  from: number,
  to: number,
  c: string,
  width: number,
): number | undefined {
  let i = from;
  while (i < to) {
    const ch = s[i];
    if (ch === "\\") {
      i += 2;
      continue;
    }
    if (ch !== c) {
      i += 1;
      continue;
    }
    const run = runLength(s, i, to, c);
    const end = i + run;
    const fits = width === 2 ? run >= 2 : run % 2 === 1;
    const rightOk = c === "*" || !isWordChar(s[end]);
    if (fits && i > from && !isSpace(s[i - 1]) && rightOk) return end - width;
    i = end;
  }
  return undefined;
}

/** `[label](url)`: brackets balance in the label, parentheses balance in the URL. */
function matchLink(
  s: string,
  open: number,
  to: number,
): { labelEnd: number; urlStart: number; urlEnd: number; end: number } | undefined {
  let depth = 0;
  let i = open;
  let labelEnd = -1;
  for (; i < to; i++) {
    const ch = s[i];
    if (ch === "\\") i++;
    else if (ch === "[") depth++;
    else if (ch === "]" && --depth === 0) {
      labelEnd = i;
      break;
    }
  }
  if (labelEnd < 0 || s[labelEnd + 1] !== "(") return undefined;
  const urlStart = labelEnd + 2;
  let parens = 0;
  for (i = urlStart; i < to; i++) {
    const ch = s[i] as string;
    if (ch === "\\") i++;
    else if (/\s/u.test(ch)) return undefined;
    else if (ch === "(") parens++;
    else if (ch === ")") {
      if (parens === 0) return { labelEnd, urlStart, urlEnd: i, end: i + 1 };
      parens--;
    }
  }
  return undefined;
}

function unescape(s: string): string {
  return s.replace(/\\([!-/:-@[-`{-~])/g, "$1");
}
