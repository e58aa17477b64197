import { isOpenValue } from "./open-value.js";
import { fieldPath, showValue, type Problem } from "./problems.js";

/**
 * Checks one field and returns the value to send. A rule reports what is wrong into `out`
 * (with `path`) instead of throwing, so that one pass finds every problem.
 */
export type Rule<T = unknown> = (value: unknown, path: string, out: Problem[]) => T | undefined;

/** Plain's limits, in one place so that docs, rules and tests agree. */
export const LIMITS = {
  textMax: 10_000,
  labelMax: 500,
  copyValueMax: 1_000,
  cardKeyMax: 500,
  cardTtlMin: 15,
  cardTtlMax: 31_536_000,
  cardsMax: 25,
} as const;

/** Checks a string: a message saying what is wrong with it, or undefined when it is valid. */
export type StringCheck = (value: string) => string | undefined;

// Rules whose field holds a free string (not an enum), the fields a template slot may fill,
// with their string checks: a render fills only strings in, so it calls the check directly.
const STRING_RULES = new WeakMap<Rule, StringCheck>();

/** True when a field with this rule holds a free string (text, label, URL, id, date-time). */
export const takesString = (rule: Rule): boolean => STRING_RULES.has(rule);

/** The check of a string rule, for a value known to be a string. */
export const stringCheckOf = (rule: Rule): StringCheck | undefined => STRING_RULES.get(rule);

/**
 * A rule for a string field: `valid` decides, `wrong` says why not. Open values (template
 * slots) pass: they are checked by the same rule once a render fills them in.
 */
function stringRule(valid: StringCheck, wrong: (value: unknown) => string): Rule<string> {
  const rule: Rule<string> = (value, path, out) => {
    if (isOpenValue(value)) return value as never;
    const message = typeof value === "string" ? valid(value) : wrong(value);
    if (message === undefined) return value as string;
    out.push({ path, message });
    return undefined;
  };
  STRING_RULES.set(rule, valid);
  return rule;
}

/** A string of `min`–`max` characters (UTF-16 code units, as JavaScript counts them). */
export function text(min: number, max: number, what = "text"): Rule<string> {
  return stringRule(
    (value) =>
      // A printable, non-space first character proves the text is not blank without trim().
      min > 0 && !(value.charCodeAt(0) > 32 && value.charCodeAt(0) < 127) && !value.trim()
        ? `must not be ${value ? "blank" : "empty"} (${what} of ${min}–${max} characters)`
        : value.length > max
          ? `is ${value.length} characters long; the limit is ${max}`
          : undefined,
    (value) => `must be a string (${what}), got ${showValue(value)}`,
  );
}

/** A non-empty identifier (Plain's `ID`): a string with something other than spaces. */
export const id: Rule<string> = stringRule(
  (value) => (value.trim() ? undefined : "must be a non-empty ID"),
  (value) => `must be a string ID, got ${showValue(value)}`,
);

/** One of a fixed list of enum values, spelled exactly as Plain spells them. */
export function oneOf<const V extends string>(values: readonly V[]): Rule<V> {
  return (value, path, out) => {
    if (isOpenValue(value) || values.includes(value as V)) return value as V;
    out.push({ path, message: `${showValue(value)} is not one of ${values.join(", ")}` });
    return undefined;
  };
}

// Scheme, then an ASCII host whose last label starts with a letter (never an IPv4 address),
// no port or user info, then a path, query or fragment of printable ASCII. Anything else
// (punycode, ports, IPs, odd characters) goes to the WHATWG parser.
const SIMPLE_URL = /^https?:\/\/(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*(?:[/?#][!-~]*)?$/i;
// Whitespace or control characters anywhere are refused: browsers strip them, which is how
// `java\tscript:` slips past naive checks.
const CONTROL_OR_SPACE = /[\0- \x7f-\x9f]/;

// A punycode label in the host, which the full parser must judge.
const PUNYCODE_HOST = /^https?:\/\/[^/?#]*xn--/i;

/** The common case, decided without the URL parser (a fast, conservative subset). */
export const isSimpleHttpUrl = (value: string): boolean =>
  SIMPLE_URL.test(value) && (!value.includes("--") || !PUNYCODE_HOST.test(value));

/** True for an absolute `http:`/`https:` URL with a host and no spaces or control characters. */
export function isHttpUrl(value: string): boolean {
  if (isSimpleHttpUrl(value)) return true;
  if (!/^https?:\/\//i.test(value) || CONTROL_OR_SPACE.test(value)) return false;
  try {
    return new URL(value).hostname !== "";
  } catch {
    return false;
  }
}

/** An absolute `http:` or `https:` URL with a host. */
export const httpUrl: Rule<string> = stringRule(
  (value) => (isHttpUrl(value) ? undefined : `${showValue(value)} is not an absolute http(s) URL`),
  (value) => `must be an absolute http(s) URL string, got ${showValue(value)}`,
);

// Date and time with an explicit offset, as Plain's own example shows (2024-10-28T18:30:00Z).
const ISO_DATE_TIME =
  /^(\d{4})-(\d\d)-(\d\d)T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/;

/** True for an ISO 8601 date-time with an offset (`Z` or `±hh:mm`) that names a real instant. */
export function isIsoDateTime(value: string): boolean {
  const m = ISO_DATE_TIME.exec(value);
  if (m === null) return false;
  const month = +m[2]!;
  const day = +m[3]!;
  // Day 0 of the next month is the last day of this one.
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= new Date(Date.UTC(+m[1]!, month, 0)).getUTCDate()
  );
}

const dateTimeMessage = (value: unknown) =>
  `${showValue(value)} is not an ISO 8601 date-time with an offset (e.g. 2024-10-28T18:30:00Z)`;

/** An ISO 8601 date-time string (a `Date` is turned into one by the builder before this). */
export const isoDateTime: Rule<string> = stringRule(
  (value) => (isIsoDateTime(value) ? undefined : dateTimeMessage(value)),
  dateTimeMessage,
);

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** True for something@something with no spaces: what `emailAddress` accepts. */
export const isEmailAddress = (value: string): boolean => EMAIL.test(value);

const emailMessage = (value: unknown) => `${showValue(value)} is not an email address`;

/** An email address: something@something, no spaces. Plain checks the rest. */
export const emailAddress: Rule<string> = stringRule(
  (value) => (EMAIL.test(value) ? undefined : emailMessage(value)),
  emailMessage,
);

/** A boolean. */
export const boolean: Rule<boolean> = (value, path, out) => {
  if (typeof value === "boolean") return value;
  out.push({ path, message: `must be true or false, got ${showValue(value)}` });
  return undefined;
};

/** An integer within `min`–`max`. */
export function integer(min: number, max: number): Rule<number> {
  return (value, path, out) => {
    if (Number.isInteger(value) && (value as number) >= min && (value as number) <= max) {
      return value as number;
    }
    out.push({ path, message: `${showValue(value)} is not a whole number from ${min} to ${max}` });
    return undefined;
  };
}

/** True for a plain JSON object (not an array, not null, not a class instance such as Date). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** One field of an input object: its rule, and whether Plain requires it. */
export interface Field {
  readonly rule: Rule;
  readonly required: boolean;
}

export const required = (rule: Rule): Field => ({ rule, required: true });
export const optional = (rule: Rule): Field => ({ rule, required: false });

/** The shape of a GraphQL input object: its fields in the order they are sent. */
export interface ObjectShape {
  readonly fields: Readonly<Record<string, Field>>;
  /** Deprecated aliases Plain still parses, mapped to the field to use instead. Never sent. */
  readonly deprecated?: Readonly<Record<string, string>>;
  /** When set, exactly one of the fields must be given (Plain's "oneOf" identifiers). */
  readonly exactlyOne?: boolean;
}

// Every field, by name, with its rule: Plain's field names carry their component's prefix, so
// a name is enough to find the rule a template slot filled in there must follow.
const FIELD_RULES = new Map<string, Rule>();

/** The rule of a field of any shape built with {@link object}, by the field's name. */
export const ruleOf = (field: string): Rule | undefined => FIELD_RULES.get(field);

/**
 * Checks an input object from a caller (raw JSON) against its shape and returns a copy with
 * the fields in a fixed order. Fields left out (or `null`) are omitted, never sent as `null`;
 * unknown fields and deprecated aliases are reported, not dropped. The builder's own objects
 * take `checkFields` instead.
 */
export function checkObject(
  shape: ObjectShape,
  value: Record<string, unknown>,
  path: string,
  out: Problem[],
): Record<string, unknown> {
  const fields = shape.fields;
  const result: Record<string, unknown> = {};
  let given = 0;
  for (const name in fields) {
    const field = fields[name]!;
    const raw = Object.hasOwn(value, name) ? value[name] : undefined;
    if (raw == null) {
      if (field.required) out.push({ path: fieldPath(path, name), message: "is required" });
      continue;
    }
    given++;
    // Rules only build the path when they report; a nested object comes back as its copy.
    const checked = field.rule(raw, path === "" ? name : `${path}.${name}`, out);
    if (checked !== undefined) result[name] = checked;
  }
  const list = Object.keys(fields).join(", ");
  const aliases = shape.deprecated ?? {};
  for (const key of Object.keys(value)) {
    if (Object.hasOwn(fields, key)) continue;
    const instead = Object.hasOwn(aliases, key) ? aliases[key] : undefined;
    out.push({
      path: fieldPath(path, key),
      message:
        instead === undefined
          ? `is not a field Plain knows here (expected ${list})`
          : `is a deprecated alias; use ${instead} instead`,
    });
  }
  if (shape.exactlyOne && given !== 1) {
    out.push({ path, message: `must have exactly one of ${list}, got ${given || "none"}` });
  }
  return result;
}

// The shape behind each object rule, so that callers can walk nested identifier objects.
const SHAPES = new WeakMap<Rule, ObjectShape>();

/** The shape an object rule checks, or `undefined` for other rules. */
export const shapeOf = (rule: Rule): ObjectShape | undefined => SHAPES.get(rule);

/**
 * Checks an object the builder made itself (fields in order, options left out), in place: no
 * copy and no scan for unknown keys, since there can be none. Specialised to one shape, with
 * field lists and paths worked out once (the builder checks every component under one parent).
 */
export function checkFields(
  shape: ObjectShape,
): (value: Record<string, unknown>, path: string, out: Problem[]) => void {
  const names = Object.keys(shape.fields);
  const fields = Object.values(shape.fields);
  let parent: string | undefined;
  let paths: string[] = [];
  return (value, path, out) => {
    if (path !== parent) paths = names.map((name) => fieldPath((parent = path), name));
    for (let i = 0; i < names.length; i++) {
      const raw = value[names[i]!];
      if (raw == null) {
        if (fields[i]!.required) out.push({ path: paths[i]!, message: "is required" });
        continue;
      }
      // A nested object comes back as the rule's copy, so that the builder never shares it.
      const checked = fields[i]!.rule(raw, paths[i]!, out);
      if (checked !== undefined && checked !== raw) value[names[i]!] = checked;
    }
  };
}

/** The rule for a nested input object (an identifier): checked and copied by `checkObject`. */
export function object(shape: ObjectShape): Rule<Record<string, unknown>> {
  for (const name in shape.fields) FIELD_RULES.set(name, shape.fields[name]!.rule);
  const rule: Rule<Record<string, unknown>> = (value, path, out) => {
    if (isRecord(value)) return checkObject(shape, value, path, out);
    out.push({
      path,
      message: `must be an object with ${Object.keys(shape.fields).join(", ")}, got ${showValue(value)}`,
    });
    return undefined;
  };
  SHAPES.set(rule, shape);
  return rule;
}
