import { OPEN, type OpenValue } from "../components/open-value.js";

/**
 * What a template parameter holds. The same four names are used by template JSON documents.
 *
 * - `string`: text; `render()` also takes a number (written in decimal) or a `Date` (ISO 8601).
 * - `number`: a finite number, written in decimal.
 * - `url`: an absolute http(s) URL.
 * - `date-time`: an ISO 8601 date-time with an offset, or a `Date`.
 */
export type SlotType = "string" | "number" | "url" | "date-time";

/** The slot types, in the order documents list them. */
export const SLOT_TYPES: readonly SlotType[] = ["string", "number", "url", "date-time"];

/** What `slot()` accepts besides the name. */
export interface SlotOptions {
  readonly type?: SlotType;
  /** Shown to whoever fills the template in (and kept in its JSON document). */
  readonly description?: string;
}

/**
 * A named hole in a template, filled in by `render()`. A slot may stand wherever a string
 * goes: the title, text and `md` interpolations, labels, URLs, copy values, tooltips, user
 * and workflow identifiers, date-times and `externalId`.
 */
export class Slot<N extends string = string> implements OpenValue {
  readonly [OPEN]: readonly string[];
  /** The parameter's name, as `render()` expects it. */
  readonly name: N;
  /** What the parameter holds; `render()` checks values against it. */
  readonly type: SlotType;
  /** A note for whoever fills the template in. */
  readonly description: string | undefined;

  constructor(name: N, type: SlotType = "string", description?: string) {
    this.name = name;
    this.type = type;
    this.description = description;
    this[OPEN] = [name];
    Object.freeze(this);
  }

  toString(): string {
    return `{{${this.name}}}`;
  }

  /** @internal a phantom type, so that the slot's name survives in the builder's type. */
  declare readonly __slots?: N;
}

/**
 * Literal text with slots in it, for fields that are not Markdown: `str\`key-${slot("id")}\``.
 * Literal parts are sent as written; values are inserted as given (no escaping).
 */
export class SlotString<N extends string = string> implements OpenValue {
  readonly [OPEN]: readonly string[];
  /** Literal text and the slots between it, in order. */
  readonly parts: readonly (string | Slot)[];

  constructor(parts: readonly (string | Slot)[]) {
    this.parts = parts;
    this[OPEN] = parts.filter((p): p is Slot => typeof p !== "string").map((p) => p.name);
    Object.freeze(this);
  }

  toString(): string {
    return this.parts.map(String).join("");
  }

  /** @internal a phantom type, so that the slot names survive in the builder's type. */
  declare readonly __slots?: N;
}

const SLOT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Valid names that would reach Object.prototype if someone indexed a plain object with them.
const RESERVED = new Set(["__proto__", "constructor", "prototype"]);

/** True for a name `slot()` accepts: a letter or `_`, then letters, digits or `_`. */
export function isSlotName(name: unknown): name is string {
  return typeof name === "string" && SLOT_NAME.test(name) && !RESERVED.has(name);
}

/**
 * Declares a template slot.
 *
 * @param name - The parameter's name: a letter or `_`, then letters, digits or `_`
 *   (`__proto__`, `constructor` and `prototype` are refused).
 * @param options - Its type (`"string"` unless given; or pass the type alone) and a description.
 * @example
 * ```ts
 * event("Deployed").text(md`Version **${slot("version")}** is live`)
 *   .button("Open", slot("url", { type: "url", description: "The release page" }))
 * ```
 */
export function slot<const N extends string>(name: N, options?: SlotType | SlotOptions): Slot<N> {
  if (!isSlotName(name)) {
    throw new TypeError(
      `slot(${JSON.stringify(name)}): a slot name is a letter or "_", then letters, digits or "_" ` +
        `(not __proto__, constructor or prototype)`,
    );
  }
  const { type = "string", description } =
    typeof options === "string" ? { type: options } : (options ?? {});
  if (!SLOT_TYPES.includes(type)) {
    throw new TypeError(
      `slot(${JSON.stringify(name)}): type must be one of ${SLOT_TYPES.join(", ")}`,
    );
  }
  if (description !== undefined && typeof description !== "string") {
    throw new TypeError(`slot(${JSON.stringify(name)}): description must be a string`);
  }
  return new Slot(name, type, description);
}

/** A slot for an absolute http(s) URL. */
slot.url = <const N extends string>(name: N, description?: string): Slot<N> =>
  slot(name, description === undefined ? "url" : { type: "url", description });
/** A slot for a finite number. */
slot.number = <const N extends string>(name: N, description?: string): Slot<N> =>
  slot(name, description === undefined ? "number" : { type: "number", description });
/** A slot for an ISO 8601 date-time (render takes a `Date` too). */
slot.dateTime = <const N extends string>(name: N, description?: string): Slot<N> =>
  slot(name, description === undefined ? "date-time" : { type: "date-time", description });

/**
 * Text with slots in it, for any field that is not Markdown (use `md` for `.text()`).
 *
 * @example
 * ```ts
 * event("Key created").externalId(str`key-${slot("fingerprint")}`)
 *   .button("Open", str`https://admin.example.com/keys/${slot("keyId")}`)
 * ```
 */
export function str<const V extends readonly (string | number | Slot)[]>(
  strings: TemplateStringsArray,
  ...values: V
): SlotString<SlotNames<V[number]>> {
  const parts: (string | Slot)[] = [];
  let text = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) {
    const value: unknown = values[i];
    if (value instanceof Slot) {
      if (text !== "") parts.push(text);
      parts.push(value);
      text = "";
    } else if (typeof value === "string" || typeof value === "number") {
      text += String(value);
    } else {
      throw new TypeError(`str: the value at \${…} #${i + 1} must be a string, number or slot(…)`);
    }
    text += strings[i + 1] ?? "";
  }
  if (text !== "") parts.push(text);
  return new SlotString(parts);
}

type SlotNames<V> = V extends Slot<infer N> ? N : never;

/** A string, or a slot (or `str` text with slots) standing in for one. */
export type Str<N extends string = string> = string | Slot<N> | SlotString<N>;

/** The slot names a value waits for. */
export type SlotsIn<T> = T extends string
  ? never
  : T extends { readonly __slots?: infer N }
    ? Extract<N, string>
    : never;

/** A value `render()` accepts for one parameter; it is checked against the slot's type. */
export type ParamValue = string | number | Date;

/** What `render()` takes: one value for every slot name in `S`, and no others. */
export type TemplateParams<S extends string> = { readonly [N in S]: ParamValue };
