import { isOpenValue, OPEN, type OpenValue } from "../components/open-value.js";
import type { Slot } from "./slot.js";

/** @internal The source of Markdown with no open slots, else undefined: one cheap test. */
export let closedSource: (markdown: Markdown<string>) => string | undefined;

/**
 * Markdown text built with {@link md}. Literal parts are Markdown as written; interpolated
 * values have been escaped. A `Markdown` that holds slots is open until a template renders it.
 */
export class Markdown<N extends string = never> {
  // Private, not frozen: freezing every md`…` value cost more than building it.
  readonly #parts: readonly (string | Slot)[];

  static {
    closedSource = (markdown) => {
      const parts = markdown.#parts;
      if (parts.length === 1 && typeof parts[0] === "string") return parts[0];
      return isOpenValue(markdown) ? undefined : parts.join("");
    };
  }

  constructor(parts: readonly (string | Slot)[]) {
    this.#parts = parts;
    // Plain Markdown (one literal part) is the common case and needs no slot scan.
    if (parts.length > 1 || typeof parts[0] !== "string") {
      const open = parts.filter((p): p is Slot => typeof p !== "string").map((p) => p.name);
      if (open.length > 0) {
        Object.defineProperty(this, OPEN, { value: Object.freeze(open), enumerable: false });
      }
    }
  }

  /** Literal Markdown and, for templates, the slots whose values will be escaped in. */
  get parts(): readonly (string | Slot)[] {
    return this.#parts;
  }

  /** The Markdown source. Throws when slots are still open. */
  toString(): string {
    const source = closedSource(this);
    if (source !== undefined) return source;
    throw new TypeError(
      `this Markdown still has open slots (${(this as unknown as OpenValue)[OPEN].join(", ")}); render the template first`,
    );
  }

  /** @internal a phantom type, so that the slot names survive in the type. */
  declare readonly __slots?: N;
}

/** Markdown that `md` inserts as written, without escaping. Made by {@link md.raw}. */
class RawMarkdown {
  constructor(readonly source: string) {
    Object.freeze(this);
  }
}

/** What `md` accepts between `${…}`. */
export type MarkdownValue =
  string | number | bigint | boolean | Markdown<string> | RawMarkdown | Slot;

type SlotsOfValues<V> = V extends Slot<infer N> ? N : V extends Markdown<infer N> ? N : never;

// Characters that open or close the Markdown Plain renders (emphasis, code, links, images,
// HTML, strikethrough, tables), plus `&` for entities and `@` for email autolinks.
const INLINE = /[\\`*_[\]()<>~|&@]/g;
// Constructs that only count at the start of a line: headings, quotes, lists, setext rules.
const LINE_START = /(^|\n)([ \t]*)([#>+=-]|\d+[.)])/g;
// Bare-URL autolinks (GFM): break `://` and `www.` so that no link is made.
const AUTOLINK = /:\/\/|\bwww\./gi;

// Every character any of the three patterns above needs: when none is present, escaping
// changes nothing. (`.`, `)` and `:` cover the numbered lists, `www.` and `://`.)
const MAY_NEED_ESCAPE = /[\\`*_[\]()<>~|&@#>+=\-.:]/;
// The three patterns without their global flag, to test before each replace: a `-` or `.`
// inside a name ("Item 3-4") then costs three quick tests instead of three replaces.
const ANY_INLINE = new RegExp(INLINE.source);
const ANY_AUTOLINK = new RegExp(AUTOLINK.source, "i");
const ANY_LINE_START = new RegExp(LINE_START.source);

/**
 * Escapes a value so that Markdown shows it as written: no emphasis, links, HTML or lists.
 *
 * @example
 * ```ts
 * escapeMarkdown("**hi** [x](javascript:alert(1))") // "\*\*hi\*\* \[x\]\(javascript:alert\(1\)\)"
 * ```
 */
export function escapeMarkdown(value: string): string {
  // Most values (ids, names, numbers) hold none of these; skip the three replaces for them.
  if (!MAY_NEED_ESCAPE.test(value)) return value;
  let escaped = ANY_INLINE.test(value) ? value.replace(INLINE, "\\$&") : value;
  if (ANY_AUTOLINK.test(escaped)) {
    escaped = escaped.replace(AUTOLINK, (m) => (m === "://" ? "\\://" : `${m.slice(0, 3)}\\.`));
  }
  if (ANY_LINE_START.test(escaped)) {
    escaped = escaped.replace(LINE_START, (_m, start: string, indent: string, mark: string) => {
      return `${start}${indent}${mark.length > 1 ? mark.slice(0, -1) + "\\" + mark.slice(-1) : "\\" + mark}`;
    });
  }
  return escaped;
}

/** A non-negative integer: written as digits alone, which never need escaping (no regex). */
export const isDigitsOnly = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0;

function toPart(value: unknown, index: number): string | Slot {
  if (typeof value === "string") return escapeMarkdown(value);
  if (isDigitsOnly(value)) return String(value);
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
    return escapeMarkdown(String(value));
  }
  if (value instanceof RawMarkdown) return value.source;
  if (isOpenValue(value)) return value as Slot;
  throw new TypeError(
    `md: the value at \${…} #${index + 1} is ${value === null ? "null" : typeof value}; ` +
      "interpolate a string, number, boolean, md`…`, md.raw(…) or slot(…)",
  );
}

/**
 * A tagged template for Markdown text. Interpolated values are escaped, so user data cannot
 * add links, emphasis or HTML; the literal parts are Markdown as written.
 *
 * @example
 * ```ts
 * event("API key generated").text(md`Fingerprint **${fingerprint}**, ${roles.length} roles`)
 * ```
 */
export function md<const V extends readonly MarkdownValue[]>(
  strings: TemplateStringsArray,
  ...values: V
): Markdown<SlotsOfValues<V[number]>> {
  const parts: (string | Slot)[] = [];
  let text = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) {
    const value: unknown = values[i];
    if (value instanceof Markdown) {
      // Nested md: splice its parts in, keeping its slots open.
      for (const part of value.parts) {
        if (typeof part === "string") text += part;
        else (parts.push(text, part), (text = ""));
      }
    } else {
      const part = toPart(value, i);
      if (typeof part === "string") text += part;
      else (parts.push(text, part), (text = ""));
    }
    text += strings[i + 1] ?? "";
  }
  if (parts.length === 0) return new Markdown([text]);
  parts.push(text);
  return new Markdown(parts.filter((p, i) => p !== "" || (i === 0 && parts.length === 1)));
}

/**
 * Inserts Markdown as written, without escaping: an explicit opt-in for trusted Markdown.
 *
 * @example
 * ```ts
 * md`${md.raw("**trusted**")} and ${userInput}`
 * ```
 */
md.raw = function raw(source: string): RawMarkdown {
  if (typeof source !== "string") {
    throw new TypeError(`md.raw: expected a string of Markdown, got ${typeof source}`);
  }
  return new RawMarkdown(source);
};

export type { RawMarkdown };
