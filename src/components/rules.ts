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

// Rules whose field holds a free string (not an enum): the fields a template slot may fill.
const STRING_RULES = new WeakSet<Rule>();
// The shape behind each object rule, so that callers can walk nested identifier objects.
const OBJECT_SHAPES = new WeakMap<Rule, ObjectShape>();

function stringRule<T>(rule: Rule<T>): Rule<T> {
  STRING_RULES.add(rule);
  return rule;
}

/** True when a field with this rule holds a free string (text, label, URL, id, date-time). */
export function takesString(rule: Rule): boolean {
  return STRING_RULES.has(rule);
}

/** The shape an object rule checks, or `undefined` for other rules. */
export function shapeOf(rule: Rule): ObjectShape | undefined {
  return OBJECT_SHAPES.get(rule);
}

/** A string of `min`–`max` characters (UTF-16 code units, as JavaScript counts them). */
export function text(min: number, max: number, what = "text"): Rule<string> {
  return stringRule((value, path, out) => {
    if (isOpenValue(value)) return value as never;
    if (typeof value !== "string") {
      out.push({ path, message: `must be a string (${what}), got ${showValue(value)}` });
      return undefined;
    }
    // A first character that is printable ASCII and not a space proves the text is not blank,
    // without trim() copying it (the common case on the builder's hot path).
    const first = value.charCodeAt(0);
    if (min > 0 && !(first > 32 && first < 127) && value.trim().length === 0) {
      out.push({
        path,
        message:
          value.length === 0
            ? `must not be empty (${what} of ${min}–${max} characters)`
            : `must not be blank (${what} of ${min}–${max} characters)`,
      });
      return undefined;
    }
    if (value.length > max) {
      out.push({
        path,
        message: `is ${value.length} characters long; the limit is ${max}`,
      });
      return undefined;
    }
    return value;
  });
}

/** A non-empty identifier (Plain's `ID`): a string with something other than spaces. */
export const id: Rule<string> = stringRule((value, path, out) => {
  if (isOpenValue(value)) return value as never;
  if (typeof value !== "string") {
    out.push({ path, message: `must be a string ID, got ${showValue(value)}` });
    return undefined;
  }
  if (value.trim().length === 0) {
    out.push({ path, message: "must be a non-empty ID" });
    return undefined;
  }
  return value;
});

/** One of a fixed list of enum values, spelled exactly as Plain spells them. */
export function oneOf<const V extends string>(values: readonly V[]): Rule<V> {
  const allowed = new Set<unknown>(values);
  const list = values.join(", ");
  return (value, path, out) => {
    if (isOpenValue(value)) return value as never;
    if (!allowed.has(value)) {
      out.push({ path, message: `${showValue(value)} is not one of ${list}` });
      return undefined;
    }
    return value as V;
  };
}

/** An absolute `http:` or `https:` URL with a host. */
export const httpUrl: Rule<string> = stringRule((value, path, out) => {
  if (isOpenValue(value)) return value as never;
  if (typeof value !== "string") {
    out.push({ path, message: `must be an absolute http(s) URL string, got ${showValue(value)}` });
    return undefined;
  }
  if (!isHttpUrl(value)) {
    out.push({ path, message: `${showValue(value)} is not an absolute http(s) URL` });
    return undefined;
  }
  return value;
});

// Whitespace or control characters anywhere are refused: browsers strip them, which is how
// `java\tscript:` slips past naive checks.
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f]/;

/**
 * The common case, decided without parsing: an ASCII host whose last label starts with a letter
 * (so never an IPv4 address, which the full parser must judge), no port, no user info, no
 * punycode label (`xn--`), then nothing, or `/`, `?` or `#` and printable ASCII.
 *
 * The same language as
 * `/^https?:\/\/(?![^/?#]*xn--)(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*(?:[/?#][\u0021-\u007e]*)?$/i`,
 * scanned by hand: that regex cost more than the rest of a link button's checks together.
 */
export function isSimpleHttpUrl(value: string): boolean {
  const n = value.length;
  // "http" in any case, an optional "s", then "://".
  if (n < 8 || (value.charCodeAt(0) | 32) !== 104 || (value.charCodeAt(1) | 32) !== 116) {
    return false;
  }
  if ((value.charCodeAt(2) | 32) !== 116 || (value.charCodeAt(3) | 32) !== 112) return false;
  let i = 4;
  if ((value.charCodeAt(i) | 32) === 115) i++;
  if (value.charCodeAt(i) !== 58 || value.charCodeAt(i + 1) !== 47) return false;
  if (value.charCodeAt(i + 2) !== 47) return false;
  i += 3;
  // The host: labels of letters, digits and "-", split by single dots; the last one starts
  // with a letter. `labelStart` is where the current label began.
  let labelStart = i;
  for (; i < n; i++) {
    const c = value.charCodeAt(i);
    const lower = c | 32;
    if ((lower >= 97 && lower <= 122) || (c >= 48 && c <= 57)) continue;
    if (c === 45) {
      // A second dash after "xn": a punycode label, which the full parser must judge.
      if (
        value.charCodeAt(i - 1) === 45 &&
        (value.charCodeAt(i - 2) | 32) === 110 &&
        (value.charCodeAt(i - 3) | 32) === 120
      ) {
        return false;
      }
    } else if (c === 46) {
      if (i === labelStart) return false;
      labelStart = i + 1;
    } else {
      break;
    }
  }
  // The last label: not empty, and starting with a letter.
  if (i === labelStart) return false;
  const first = value.charCodeAt(labelStart) | 32;
  if (first < 97 || first > 122) return false;
  if (i === n) return true;
  const sep = value.charCodeAt(i);
  if (sep !== 47 && sep !== 63 && sep !== 35) return false;
  for (i++; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

/** True for an absolute `http:`/`https:` URL with a host and no spaces or control characters. */
export function isHttpUrl(value: string): boolean {
  if (isSimpleHttpUrl(value)) return true;
  if (value.length === 0 || CONTROL_OR_SPACE.test(value)) return false;
  const lower = value.slice(0, 8).toLowerCase();
  if (!lower.startsWith("http://") && !lower.startsWith("https://")) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}

// Date and time with an explicit offset, as Plain's own example shows (2024-10-28T18:30:00Z).
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/;

/** True for an ISO 8601 date-time with an offset (`Z` or `±hh:mm`) that names a real instant. */
export function isIsoDateTime(value: string): boolean {
  const m = ISO_DATE_TIME.exec(value);
  if (m === null) return false;
  const [, y, mo, d, h, mi, s, oh, om] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  if (day > daysInMonth) return false;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return false;
  if (oh !== undefined && (Number(oh) > 23 || Number(om) > 59)) return false;
  return true;
}

/** An ISO 8601 date-time string (a `Date` is turned into one by the builder before this). */
export const isoDateTime: Rule<string> = stringRule((value, path, out) => {
  if (isOpenValue(value)) return value as never;
  if (typeof value !== "string" || !isIsoDateTime(value)) {
    out.push({
      path,
      message: `${showValue(value)} is not an ISO 8601 date-time with an offset (e.g. 2024-10-28T18:30:00Z)`,
    });
    return undefined;
  }
  return value;
});

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** True for something@something with no spaces: what `emailAddress` accepts. */
export function isEmailAddress(value: string): boolean {
  return EMAIL.test(value);
}

/** An email address: something@something, no spaces. Plain checks the rest. */
export const emailAddress: Rule<string> = stringRule((value, path, out) => {
  if (isOpenValue(value)) return value as never;
  if (typeof value !== "string" || !EMAIL.test(value)) {
    out.push({ path, message: `${showValue(value)} is not an email address` });
    return undefined;
  }
  return value;
});

/** A boolean. */
export const boolean: Rule<boolean> = (value, path, out) => {
  if (typeof value !== "boolean") {
    out.push({ path, message: `must be true or false, got ${showValue(value)}` });
    return undefined;
  }
  return value;
};

/** An integer within `min`–`max`. */
export function integer(min: number, max: number): Rule<number> {
  return (value, path, out) => {
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      out.push({
        path,
        message: `${showValue(value)} is not a whole number from ${min} to ${max}`,
      });
      return undefined;
    }
    return value;
  };
}

/** True for a plain JSON object (not an array, not null, not a class instance such as Date). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
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

/**
 * The paths of an object's fields under one parent path. The builder checks every component
 * under the same parent, so remembering the last parent makes paths free on the hot path.
 */
function fieldPaths(names: readonly string[]): (parent: string) => readonly string[] {
  let lastParent: string | undefined;
  let lastPaths: readonly string[] = [];
  return (parent) => {
    if (parent !== lastParent) {
      lastPaths = names.map((name) => fieldPath(parent, name));
      lastParent = parent;
    }
    return lastPaths;
  };
}

/**
 * Checks the fields of an object the builder made itself: fields in order, options left out
 * entirely. No copy and no scan for unknown keys, since there can be none. The object must
 * still be the builder's own (not yet frozen): nested copies are written back into it.
 */
export function checkFields(
  shape: ObjectShape,
): (value: Record<string, unknown>, path: string, out: Problem[]) => void {
  const names = Object.keys(shape.fields);
  const fields = names.map((name) => shape.fields[name] as Field);
  const paths = fieldPaths(names);
  return (value, path, out) => {
    let at: readonly string[] | undefined;
    for (let i = 0; i < names.length; i++) {
      const field = fields[i] as Field;
      const raw = value[names[i] as string];
      if (raw === undefined || raw === null) {
        if (field.required)
          out.push({ path: (at ??= paths(path))[i] as string, message: "is required" });
        continue;
      }
      // Rules only read the path when they report, so the lookup is cheap either way. A rule
      // that copies (a nested identifier object, say) hands back its copy, which replaces the
      // caller's own object so that the builder never shares it.
      const checked = field.rule(raw, (at ??= paths(path))[i] as string, out);
      if (checked !== raw && checked !== undefined) value[names[i] as string] = checked;
    }
  };
}

/**
 * Checks an input object against its shape and returns a copy with the fields in a fixed
 * order. Fields left out (or `null`) are omitted, never sent as `null`. Unknown fields and
 * deprecated aliases are problems, not silently dropped.
 */
export function object(shape: ObjectShape): Rule<Record<string, unknown>> {
  const names = Object.keys(shape.fields);
  const list = names.join(", ");
  const paths = fieldPaths(names);
  const rule: Rule<Record<string, unknown>> = (value, path, out) => {
    if (!isRecord(value)) {
      out.push({ path, message: `must be an object with ${list}, got ${showValue(value)}` });
      return undefined;
    }
    const result: Record<string, unknown> = {};
    const at = paths(path);
    let given = 0;
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      const field = shape.fields[name] as Field;
      const raw = Object.hasOwn(value, name) ? value[name] : undefined;
      if (raw === undefined || raw === null) {
        if (field.required) out.push({ path: at[i] as string, message: "is required" });
        continue;
      }
      given++;
      const checked = field.rule(raw, at[i] as string, out);
      if (checked !== undefined) result[name] = checked;
    }
    for (const key of Object.keys(value)) {
      if (Object.hasOwn(shape.fields, key)) continue;
      const instead =
        shape.deprecated !== undefined && Object.hasOwn(shape.deprecated, key)
          ? shape.deprecated[key]
          : undefined;
      out.push({
        path: fieldPath(path, key),
        message:
          instead === undefined
            ? `is not a field Plain knows here (expected ${list})`
            : `is a deprecated alias; use ${instead} instead`,
      });
    }
    if (shape.exactlyOne === true && given !== 1) {
      out.push({
        path,
        message: `must have exactly one of ${list}, got ${given === 0 ? "none" : given}`,
      });
    }
    return result;
  };
  OBJECT_SHAPES.set(rule, shape);
  return rule;
}
