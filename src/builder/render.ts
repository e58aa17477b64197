import {
  fieldPath,
  httpUrl,
  isHttpUrl,
  isIsoDateTime,
  isoDateTime,
  isOpenValue,
  isRecord,
  ruleOf,
  showValue,
  stringCheckOf,
  toIsoString,
  type Problem,
  type Rule,
  type StringCheck,
} from "../components/index.js";
import type { Cell } from "./list.js";
import { escapeMarkdown, isDigitsOnly, Markdown } from "./markdown.js";
import { Slot, SlotString, type SlotType } from "./slot.js";

// A slot's type that already proves what a field's rule checks: no need to check twice.
const IMPLIED: Partial<Record<SlotType, Rule>> = { url: httpUrl, "date-time": isoDateTime };

/** One declared parameter of a template. */
export interface ParamInfo {
  readonly name: string;
  readonly type: SlotType;
  readonly description?: string;
}

/** Where a slot's value goes: the keys down to a string field, and what it is made of. */
export interface Hole {
  /** The index of its component among the template's cells; -1 for the builder's own fields. */
  readonly cell: number;
  readonly keys: readonly (string | number)[];
  /** Literal text, and the indexes of the parameters whose values go between it. */
  readonly parts: readonly (string | number)[];
  /** Values are escaped as `md` escapes them (the field is Markdown). */
  readonly markdown: boolean;
  /** The field's check; absent where the slot's type already proves it (a url slot in a URL). */
  readonly check: StringCheck | undefined;
  readonly path: string;
}

/**
 * What a template needs to render, worked out once per template: its parameters in order of
 * first use, the problems it had before any value was given, and its components' holes.
 */
export interface Prepared {
  readonly params: ParamInfo[];
  readonly problems: Problem[];
  /** Every hole in the components, in payload order. */
  readonly holes: Hole[];
  /** The template's cells, in order, splices opened: each render walks them. */
  readonly cells: readonly Cell[];
  /** Holes in the builder's own fields (an event's title, externalId, timestamp), by name. */
  readonly fields: Map<string, Hole>;
}

/**
 * Collects the slots of a value, in order, into a template's parameters and `holes`. `cell`
 * is the component's index (-1 for an event's own fields); `keys` lead from it to the value.
 */
export function declare(
  prepared: Prepared,
  value: unknown,
  path: string,
  cell: number,
  holes: Hole[],
  keys: readonly (string | number)[] = [],
  rule?: Rule,
): void {
  if (!isOpenValue(value)) {
    if (Array.isArray(value)) {
      value.forEach((v, i) => declare(prepared, v, `${path}[${i}]`, cell, holes, [...keys, i]));
    } else if (isRecord(value)) {
      for (const key in value) {
        const at = fieldPath(path, key);
        declare(prepared, value[key], at, cell, holes, [...keys, key], ruleOf(key));
      }
    }
    return;
  }
  const parts = partsOf(value).map((part) => {
    if (typeof part === "string") return part;
    const index = prepared.params.findIndex((p) => p.name === part.name);
    const known = prepared.params[index] as
      { -readonly [K in keyof ParamInfo]: ParamInfo[K] } | undefined;
    if (known === undefined) {
      prepared.params.push(
        part.description === undefined
          ? { name: part.name, type: part.type }
          : { name: part.name, type: part.type, description: part.description },
      );
      return prepared.params.length - 1;
    }
    // "string" is the default; a more precise type given elsewhere wins.
    if (known.type === "string") known.type = part.type;
    else if (part.type !== "string" && part.type !== known.type) {
      prepared.problems.push({
        path,
        message: `slot {{${part.name}}} is declared as ${part.type} here and as ${known.type} elsewhere`,
      });
    }
    if (known.description === undefined && part.description !== undefined) {
      known.description = part.description;
    }
    return index;
  });
  const implied = value instanceof Slot && IMPLIED[value.type] === rule;
  holes.push({
    cell,
    keys,
    parts,
    markdown: value instanceof Markdown,
    check: implied || rule === undefined ? undefined : (stringCheckOf(rule) ?? checkWith(rule)),
    path,
  });
}

// Rules of fields that take more than strings still check a filled-in string.
const checkWith =
  (rule: Rule): StringCheck =>
  (value) => {
    const out: Problem[] = [];
    rule(value, "", out);
    return out[0]?.message;
  };

const partsOf = (value: object): readonly (string | Slot)[] =>
  value instanceof Slot ? [value] : (value as Markdown<string> | SlotString).parts;

/** A render's parameter values as text, by parameter index, and their escaped forms. */
export interface Values {
  readonly text: (string | undefined)[];
  readonly escaped: (string | undefined)[];
}

/** A hole's text with every slot filled in and checked; undefined when it cannot be made. */
export function fillHole(hole: Hole, values: Values, out: Problem[]): string | undefined {
  let result = "";
  const parts = hole.parts;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (typeof part === "string") {
      result += part;
      continue;
    }
    const text = values.text[part];
    if (text === undefined) return undefined;
    result += hole.markdown ? (values.escaped[part] ??= escapeMarkdown(text)) : text;
  }
  const message = hole.check?.(result);
  if (message === undefined) return result;
  out.push({ path: hole.path, message });
  return undefined;
}

/**
 * Checks `params` against the template's parameters: every one given, none unknown, each of
 * its type. Returns each value as text.
 */
export function resolve(prepared: Prepared, params: unknown, out: Problem[]): Values | undefined {
  if (!isRecord(params)) {
    out.push({
      path: "params",
      message: `must be an object with a value for each parameter, got ${showValue(params)}`,
    });
    return undefined;
  }
  const list = prepared.params;
  const text = new Array<string | undefined>(list.length);
  const escaped = new Array<string | undefined>(list.length);
  let found = 0;
  for (let i = 0; i < list.length; i++) {
    const { name, type } = list[i]!;
    const value = params[name];
    // One lookup in the common case. Names such as "toString" find a function on the
    // prototype; no parameter takes a function, so only then is `hasOwn` worth asking.
    if ((value === undefined || typeof value === "function") && !Object.hasOwn(params, name)) {
      out.push({
        path: fieldPath("params", name),
        message: `is missing: the template's {{${name}}} needs a ${type}`,
      });
      continue;
    }
    found++;
    const valueText = toText(value, type);
    if (typeof valueText !== "string") {
      out.push({ path: fieldPath("params", name), message: valueText.error });
      continue;
    }
    text[i] = valueText;
    if (isDigitsOnly(value)) escaped[i] = valueText;
  }
  let given = 0;
  for (const _ in params) given++;
  if (given !== found) {
    const names = list.map((p) => p.name);
    for (const key of Object.keys(params)) {
      if (names.includes(key)) continue;
      out.push({
        path: fieldPath("params", key),
        message: `is not a parameter of this template (it takes ${names.join(", ") || "none"})`,
      });
    }
  }
  return { text, escaped };
}

const isNumber = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value);

/** One parameter's value as text, checked against its type. */
function toText(value: unknown, type: SlotType): string | { error: string } {
  // Strings first: they are most parameters.
  if (type === "string" && !(value instanceof Date)) {
    return typeof value === "string"
      ? value
      : isNumber(value)
        ? String(value)
        : { error: `must be a string or a finite number, got ${showValue(value)}` };
  }
  if (type === "url") {
    return typeof value === "string" && isHttpUrl(value)
      ? value
      : { error: `${showValue(value)} is not an absolute http(s) URL` };
  }
  if (type === "number") {
    return isNumber(value)
      ? String(value)
      : { error: `must be a finite number, got ${showValue(value)}` };
  }
  const iso = toIsoString(value);
  return typeof iso === "string" && isIsoDateTime(iso)
    ? iso
    : {
        error: `${showValue(iso)} is not an ISO 8601 date-time with an offset (e.g. 2024-10-28T18:30:00Z)`,
      };
}
