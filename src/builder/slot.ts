import { OPEN, type OpenValue } from "../components/open-value.js";

/**
 * A named hole in a template, filled in by `render()`. A slot may stand wherever a string
 * goes: the title, text and `md` interpolations, labels, URLs, copy values, tooltips, user
 * and workflow identifiers, date-times and `externalId`.
 */
export class Slot<N extends string = string> implements OpenValue {
  readonly [OPEN]: readonly string[];
  /** The parameter's name, as `render()` expects it. */
  readonly name: N;

  constructor(name: N) {
    this.name = name;
    this[OPEN] = [name];
    Object.freeze(this);
  }

  toString(): string {
    return `{{${this.name}}}`;
  }
}

const SLOT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Declares a template slot.
 *
 * @param name - The parameter's name: a letter or `_`, then letters, digits or `_`.
 * @example
 * ```ts
 * event("Deployed").text(md`Version **${slot("version")}** is live`)
 * ```
 */
export function slot<const N extends string>(name: N): Slot<N> {
  if (typeof name !== "string" || !SLOT_NAME.test(name)) {
    throw new TypeError(
      `slot(${JSON.stringify(name)}): a slot name is a letter or "_", then letters, digits or "_"`,
    );
  }
  return new Slot(name);
}

/** A string, or a slot standing in for one. */
export type Str<N extends string = string> = string | Slot<N>;

/** The slot names a value waits for. */
export type SlotsIn<T> = T extends { readonly [OPEN]: readonly (infer N)[] } ? N & string : never;
