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
  toIsoString,
  type Problem,
  type Rule,
} from "../components/index.js";
import { escapeMarkdown, Markdown } from "./markdown.js";
import { Slot, SlotString, type SlotType } from "./slot.js";

/** One declared parameter of a template. */
export interface ParamInfo {
  readonly name: string;
  readonly type: SlotType;
  readonly description?: string;
}

/**
 * What a template needs to render, worked out once per template: its parameters in order of
 * first use, and the problems it had before any value was given.
 */
export interface Prepared {
  readonly params: ParamInfo[];
  readonly problems: Problem[];
}

/** Collects the slots of open values, in order, into a template's parameter list. */
export function declare(prepared: Prepared, value: unknown, path: string): void {
  if (!isOpenValue(value)) {
    if (Array.isArray(value)) value.forEach((v, i) => declare(prepared, v, `${path}[${i}]`));
    else if (isRecord(value))
      for (const key in value) declare(prepared, value[key], fieldPath(path, key));
    return;
  }
  for (const part of partsOf(value)) {
    if (typeof part === "string") continue;
    const known = prepared.params.find((p) => p.name === part.name) as
      { -readonly [K in keyof ParamInfo]: ParamInfo[K] } | undefined;
    if (known === undefined) {
      prepared.params.push(
        part.description === undefined
          ? { name: part.name, type: part.type }
          : { name: part.name, type: part.type, description: part.description },
      );
      continue;
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
  }
}

const partsOf = (value: object): readonly (string | Slot)[] =>
  value instanceof Slot ? [value] : (value as Markdown<string> | SlotString).parts;

/** A render's parameter values as text, by name, and their Markdown-escaped forms on demand. */
export class Values {
  readonly #escaped = new Map<string, string>();
  constructor(readonly text: Map<string, string>) {}

  /** An open value's text with every slot filled in (escaped in Markdown). */
  join(value: object): string | undefined {
    const markdown = value instanceof Markdown;
    let result = "";
    for (const part of partsOf(value)) {
      if (typeof part === "string") {
        result += part;
        continue;
      }
      let text = this.text.get(part.name);
      if (text === undefined) return undefined;
      if (markdown) {
        const escaped = this.#escaped.get(part.name) ?? escapeMarkdown(text);
        this.#escaped.set(part.name, escaped);
        text = escaped;
      }
      result += text;
    }
    return result;
  }
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
  const text = new Map<string, string>();
  let found = 0;
  for (const { name, type } of prepared.params) {
    const path = fieldPath("params", name);
    if (!Object.hasOwn(params, name)) {
      out.push({ path, message: `is missing: the template's {{${name}}} needs a ${type}` });
      continue;
    }
    found++;
    const value = toText(params[name], type);
    if (typeof value === "string") text.set(name, value);
    else out.push({ path, message: value.error });
  }
  const keys = Object.keys(params);
  if (keys.length !== found) {
    const names = prepared.params.map((p) => p.name);
    for (const key of keys) {
      if (names.includes(key)) continue;
      out.push({
        path: fieldPath("params", key),
        message: `is not a parameter of this template (it takes ${names.join(", ") || "none"})`,
      });
    }
  }
  return new Values(text);
}

const isNumber = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value);

/** One parameter's value as text, checked against its type. */
function toText(value: unknown, type: SlotType): string | { error: string } {
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
  if (type === "string" && !(value instanceof Date)) {
    return typeof value === "string" || isNumber(value)
      ? String(value)
      : { error: `must be a string or a finite number, got ${showValue(value)}` };
  }
  const iso = toIsoString(value);
  return typeof iso === "string" && isIsoDateTime(iso)
    ? iso
    : {
        error: `${showValue(iso)} is not an ISO 8601 date-time with an offset (e.g. 2024-10-28T18:30:00Z)`,
      };
}

// A slot's type that already proves what a field's rule checks: no need to check twice.
const IMPLIED: Partial<Record<SlotType, Rule>> = { url: httpUrl, "date-time": isoDateTime };

/**
 * Fills one open value in and checks it with `rule` at `path`, as direct building would.
 * Returns the text, or undefined when a value is missing or wrong (already reported).
 */
export function fillOpen(
  value: object,
  values: Values,
  rule: Rule | undefined,
  path: string,
  out: Problem[],
): string | undefined {
  const text = values.join(value);
  if (text === undefined || rule === undefined) return text;
  if (value instanceof Slot && IMPLIED[value.type] === rule) return text;
  return rule(text, path, out) === undefined ? undefined : text;
}

/**
 * A copy of a component with every slot filled in, each checked by its field's own rule with
 * the path direct building would report.
 */
export function fill(
  value: unknown,
  values: Values,
  out: Problem[],
  path: string,
  field: string,
): unknown {
  if (isOpenValue(value)) return fillOpen(value, values, ruleOf(field), path, out);
  if (Array.isArray(value)) return value.map((v, i) => fill(v, values, out, `${path}[${i}]`, ""));
  if (!isRecord(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key in value) copy[key] = fill(value[key], values, out, `${path}.${key}`, key);
  return copy;
}
