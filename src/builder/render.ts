import {
  COMPONENT_SPECS,
  fieldPath,
  httpUrl,
  isHttpUrl,
  isoDateTime,
  isIsoDateTime,
  isOpenValue,
  isRecord,
  normalizeComponent,
  showValue,
  toIsoString,
  type AnyComponent,
  type ComponentKey,
  type ComponentSpec,
  type Place,
  type Problem,
  type Rule,
} from "../components/index.js";
import { Cell, copierOf, copyJson, KIND_BIT } from "./list.js";
import { escapeMarkdown, Markdown } from "./markdown.js";
import { Slot, SlotString, type SlotType } from "./slot.js";

/** One declared parameter of a prepared template. */
export interface ParamInfo {
  readonly name: string;
  readonly type: SlotType;
  readonly description?: string;
}

/** A parameter with what `resolve()` needs at hand. */
interface ParamSlot {
  readonly name: string;
  readonly type: SlotType;
  /** `params.name`, made once rather than on every render. */
  readonly path: string;
  /** Whether a Markdown field takes its value, so that it is escaped. */
  readonly escape: boolean;
}

/** A literal string, or the index of a parameter whose value goes there. */
type Part = string | number;

/**
 * One place a value goes: the keys from a top-level component (or an event field) down to a
 * string field, the rule that field follows, and whether values are Markdown-escaped.
 */
interface Hole {
  /** Where its filled value is kept in a `Rendered` (holes of event fields have none). */
  readonly index: number;
  readonly keys: readonly (string | number)[];
  readonly path: string;
  readonly parts: readonly Part[];
  readonly markdown: boolean;
  /** The field's own rule; absent for fields nested in an identifier object (see `leaves`). */
  readonly rule: Rule | undefined;
  /**
   * The rule `fill()` runs: the field's rule, unless the hole is one parameter whose type check
   * is that very rule (a `url` slot in a URL field): `resolve()` has checked it already. Set
   * once the parameters' types are known.
   */
  check: Rule | undefined;
}

/** A leaf whose filled copy is checked whole, because its hole sits in a nested object. */
interface Leaf {
  readonly keys: readonly (string | number)[];
  readonly place: Place;
  readonly path: string;
}

/** The holes of one top-level component, and its frozen skeleton. */
interface Patch {
  readonly index: number;
  readonly holes: readonly Hole[];
  readonly leaves: readonly Leaf[];
}

/** An event-level field with slots (title, externalId, timestamp). */
export interface FieldInput {
  readonly name: string;
  readonly value: unknown;
  readonly rule: Rule;
}

// Every component's field rules, so that a filled value is checked by the very rule that
// direct building uses. Rows and containers have no string fields of their own.
const SHAPES: ReadonlyMap<string, ComponentSpec["shape"]> = new Map(
  [...COMPONENT_SPECS].map(([key, spec]) => [key, spec.shape]),
);

/** Where children of a row or container stand. */
const CHILD_PLACE: Readonly<Record<string, Place>> = {
  componentRow: "row",
  componentContainer: "container",
};

/**
 * A template compiled once for many renders: the frozen components with their holes listed,
 * so that `render()` copies only the objects on the way to a hole and checks only the values
 * it fills in.
 */
export class Plan {
  readonly params: readonly ParamInfo[];
  /** Problems with the template itself (a slot declared with two types). */
  readonly problems: readonly Problem[];
  /** Each top-level component's kind, so that the rendered list needs no `Object.keys`. */
  readonly kinds: readonly string[];
  /** True when an event field (title, externalId, timestamp) has slots. */
  readonly hasFields: boolean;
  private readonly slots: readonly ParamSlot[];
  /** True when some value goes into Markdown and needs an escaped form. */
  private readonly escapes: boolean;
  private readonly names: string;
  private readonly index = new Map<string, number>();
  /** How many top-level components a render makes. */
  readonly size: number;
  /** How many component holes a render fills. */
  readonly holes: number;
  private readonly skeleton: readonly AnyComponent[];
  private readonly patches: readonly Patch[];
  private readonly fields: ReadonlyMap<string, Hole>;
  /** How to make each top-level component afresh from the skeleton and a render's values. */
  private readonly makers: readonly Maker[];

  constructor(
    components: readonly AnyComponent[],
    place: Place,
    fields: readonly FieldInput[] = [],
    fieldsFirst: readonly string[] = [],
  ) {
    const params: { name: string; type: SlotType; description?: string }[] = [];
    const problems: Problem[] = [];
    const declare = (s: Slot, path: string): number => {
      let i = this.index.get(s.name);
      if (i === undefined) {
        i = params.length;
        this.index.set(s.name, i);
        params.push(
          s.description === undefined
            ? { name: s.name, type: s.type }
            : { name: s.name, type: s.type, description: s.description },
        );
        return i;
      }
      const known = params[i] as { name: string; type: SlotType; description?: string };
      // "string" is the default; a more precise type given elsewhere wins.
      if (known.type === "string") known.type = s.type;
      else if (s.type !== "string" && s.type !== known.type) {
        problems.push({
          path,
          message: `slot {{${s.name}}} is declared as ${s.type} here and as ${known.type} elsewhere`,
        });
      }
      if (known.description === undefined && s.description !== undefined) {
        known.description = s.description;
      }
      return i;
    };
    const partsOf = (value: unknown, path: string): Part[] => {
      if (value instanceof Slot) return [declare(value, path)];
      const parts = (value as Markdown<string> | SlotString).parts;
      return parts.map((p) => (typeof p === "string" ? p : declare(p, path)));
    };

    // Event fields in the order their params should be listed: those before the components.
    const fieldHoles = new Map<string, Hole>();
    const addField = (f: FieldInput) => {
      if (!isOpenValue(f.value)) return;
      fieldHoles.set(f.name, {
        index: -1,
        keys: [],
        path: f.name,
        parts: partsOf(f.value, f.name),
        markdown: false,
        rule: f.rule,
        check: f.rule,
      });
    };
    for (const f of fields) if (fieldsFirst.includes(f.name)) addField(f);

    const patches: Patch[] = [];
    let holeCount = 0;
    components.forEach((component, index) => {
      const holes: Hole[] = [];
      const leaves: Leaf[] = [];
      const visit = (c: unknown, keys: (string | number)[], path: string, at: Place) => {
        if (!isRecord(c)) return;
        const key = Object.keys(c)[0] as string;
        const body = c[key];
        if (!isRecord(body)) return;
        const childPlace = CHILD_PLACE[key];
        const bodyPath = fieldPath(path, key);
        const shape = SHAPES.get(key);
        let nested = false;
        for (const field of Object.keys(body)) {
          const value = body[field];
          const fieldKeys = [...keys, key, field];
          const p = fieldPath(bodyPath, field);
          if (childPlace !== undefined && Array.isArray(value)) {
            value.forEach((child, i) => visit(child, [...fieldKeys, i], `${p}[${i}]`, childPlace));
          } else if (isOpenValue(value)) {
            holes.push({
              index: holeCount++,
              keys: fieldKeys,
              path: p,
              parts: partsOf(value, p),
              markdown: key === "componentText" && field === "text",
              rule: shape?.fields[field]?.rule,
              check: undefined,
            });
            if (shape?.fields[field] === undefined) nested = true;
          } else if (isRecord(value)) {
            for (const inner of Object.keys(value)) {
              const v = value[inner];
              if (!isOpenValue(v)) continue;
              const q = fieldPath(p, inner);
              holes.push({
                index: holeCount++,
                keys: [...fieldKeys, inner],
                path: q,
                parts: partsOf(v, q),
                markdown: false,
                rule: undefined,
                check: undefined,
              });
              nested = true;
            }
          }
        }
        if (nested) leaves.push({ keys, place: at, path });
      };
      visit(component, [], `components[${index}]`, place);
      if (holes.length > 0) patches.push({ index, holes, leaves });
    });
    for (const f of fields) if (!fieldsFirst.includes(f.name)) addField(f);

    for (const patch of patches) {
      for (const hole of patch.holes) {
        const only = hole.parts.length === 1 ? hole.parts[0] : undefined;
        const type = typeof only === "number" ? params[only]?.type : undefined;
        const implied =
          (type === "url" && hole.rule === httpUrl) ||
          (type === "date-time" && hole.rule === isoDateTime);
        hole.check = implied ? undefined : hole.rule;
      }
    }
    const escapes = params.map(() => false);
    for (const patch of patches) {
      for (const hole of patch.holes) {
        if (!hole.markdown) continue;
        for (const part of hole.parts) if (typeof part === "number") escapes[part] = true;
      }
    }
    this.params = params.map((p) => Object.freeze(p));
    this.problems = problems;
    this.kinds = components.map((c) => Object.keys(c)[0] as string);
    this.hasFields = fieldHoles.size > 0;
    this.slots = params.map((p, i) => ({
      name: p.name,
      type: p.type,
      path: fieldPath("params", p.name),
      escape: escapes[i] === true,
    }));
    this.names = params.map((p) => p.name).join(", ") || "none";
    this.escapes = escapes.includes(true);
    this.skeleton = components;
    this.patches = patches;
    this.fields = fieldHoles;
    this.size = components.length;
    this.holes = holeCount;
    const makers: Maker[] = components.map((c) => makerOf(c, [], [], true));
    for (const patch of patches) {
      makers[patch.index] =
        patch.leaves.length > 0
          ? new Maker(WHOLE, undefined, patch.index, undefined, undefined)
          : makerOf(
              components[patch.index],
              patch.holes.map((h) => [h.keys, h.index] as const),
              [],
              true,
            );
    }
    this.makers = makers;
    Object.freeze(this);
  }

  /**
   * Fills every component hole in and checks it, as `components()` does, but makes nothing
   * yet: the result keeps the filled values, and makes fresh components each time it is
   * compiled. A component checked whole (a slot in an identifier object) is made now.
   */
  fill(values: Values, out: Problem[]): Rendered {
    const strings = new Array<string | undefined>(this.holes);
    let whole: AnyComponent[] | undefined;
    const patches = this.patches;
    for (let p = 0; p < patches.length; p++) {
      const patch = patches[p] as Patch;
      if (patch.leaves.length > 0) {
        whole ??= [];
        whole[patch.index] = this.patched(patch, values, out);
        continue;
      }
      const holes = patch.holes;
      for (let h = 0; h < holes.length; h++) {
        const hole = holes[h] as Hole;
        const value = fill(hole, values);
        if (value === undefined) continue;
        const check = hole.check;
        if (check !== undefined && check(value, hole.path, out) === undefined) continue;
        strings[hole.index] = value;
      }
    }
    return new Rendered(this, strings, whole);
  }

  /** @internal Makes a render's components afresh into `into`, from `at`. */
  make(rendered: Rendered, into: AnyComponent[], at: number): void {
    const makers = this.makers;
    for (let i = 0; i < makers.length; i++) {
      into[at + i] = make(makers[i] as Maker, rendered) as AnyComponent;
    }
  }

  /**
   * Checks `params` against the declared parameters: every one given, none unknown, each of
   * its type. Returns each value as text (and Markdown-escaped where a Markdown field needs it).
   */
  resolve(params: unknown, out: Problem[]): Values | undefined {
    if (!isRecord(params)) {
      out.push({
        path: "params",
        message: `must be an object with a value for each parameter, got ${showValue(params)}`,
      });
      return undefined;
    }
    const list = this.slots;
    const text = new Array<string | undefined>(list.length);
    const escaped = this.escapes ? new Array<string | undefined>(list.length) : text;
    let found = 0;
    for (let i = 0; i < list.length; i++) {
      const info = list[i] as ParamSlot;
      if (!Object.hasOwn(params, info.name)) {
        out.push({
          path: info.path,
          message: `is missing: the template's {{${info.name}}} needs a ${info.type}`,
        });
        continue;
      }
      found++;
      const value = toText(params[info.name], info.type, info.path, out);
      text[i] = value;
      if (info.escape && value !== undefined) escaped[i] = escapeMarkdown(value);
    }
    const keys = Object.keys(params);
    if (keys.length !== found) {
      for (const key of keys) {
        if (this.index.has(key)) continue;
        out.push({
          path: fieldPath("params", key),
          message: `is not a parameter of this template (it takes ${this.names})`,
        });
      }
    }
    return { text, escaped };
  }

  /** The components with every hole filled in and checked. */
  components(values: Values, out: Problem[]): AnyComponent[] {
    const result = this.skeleton.slice();
    for (const patch of this.patches) result[patch.index] = this.patched(patch, values, out);
    return result;
  }

  /** One component with its holes filled in and checked; only the objects on the way are copied. */
  private patched(patch: Patch, values: Values, out: Problem[]): AnyComponent {
    let component = this.skeleton[patch.index] as unknown;
    for (const hole of patch.holes) {
      const value = fill(hole, values);
      if (value === undefined) continue;
      if (hole.rule !== undefined && hole.rule(value, hole.path, out) === undefined) continue;
      component =
        hole.keys.length === 2
          ? setField(component, hole.keys[0] as string, hole.keys[1] as string, value)
          : setIn(component, hole.keys, 0, value);
    }
    for (const leaf of patch.leaves) {
      const checked = normalizeComponent(getIn(component, leaf.keys), leaf.place, leaf.path, out);
      if (checked !== undefined) component = setIn(component, leaf.keys, 0, checked);
    }
    return component as AnyComponent;
  }

  /** True when the event field `name` has slots. */
  hasField(name: string): boolean {
    return this.fields.has(name);
  }

  /** An event field filled in and checked (undefined when its check failed). */
  field(name: string, values: Values, out: Problem[]): string | undefined {
    const hole = this.fields.get(name);
    if (hole === undefined) return undefined;
    const value = fill(hole, values);
    if (value === undefined) return undefined;
    return hole.rule?.(value, hole.path, out) === undefined ? undefined : value;
  }
}

/**
 * A rendered template's components, checked and waiting to be made: what a rendered builder's
 * list holds. Each compile makes fresh objects straight from the frozen skeleton and the filled
 * values, so the output is the caller's own without a second copy.
 */
export class Rendered {
  /** How many top-level components it stands for. */
  readonly size: number;

  constructor(
    readonly plan: Plan,
    /** Each component hole's filled value, by `Hole.index`. */
    readonly strings: readonly (string | undefined)[],
    /** Components checked whole when filled (a slot in an identifier), by index. */
    readonly whole: readonly (AnyComponent | undefined)[] | undefined,
  ) {
    this.size = plan.size;
  }

  /** Makes fresh components into `into`, from `at`. */
  into(into: AnyComponent[], at: number): void {
    this.plan.make(this, into, at);
  }

  /** One cell for each component, each with a fresh component: for the lists' slow paths. */
  cells(): Cell[] {
    const components = new Array<AnyComponent>(this.size);
    this.into(components, 0);
    return components.map((component, i) => {
      const key = this.plan.kinds[i] as ComponentKey;
      return new Cell(
        undefined,
        component,
        key,
        KIND_BIT[key],
        undefined,
        undefined,
        undefined,
        undefined,
      );
    });
  }
}

const CONSTANT = 0;
const HOLE = 1;
const OBJECT = 2;
const ARRAY = 3;
const WHOLE = 4;
const COMPONENT = 5;

/**
 * How to make one value of a rendered component: a constant, a hole's filled value, a fresh
 * object or array made of other makers, a copy of a component checked whole, or a component
 * copied by its kind's copier with its holes set. One class for all, so that making stays
 * monomorphic.
 */
class Maker {
  constructor(
    readonly kind: number,
    /** The constant, or the skeleton's component that `COMPONENT` copies. */
    readonly value: unknown,
    /** The hole's index (`HOLE`) or the component's (`WHOLE`). */
    readonly index: number,
    /** An object's keys in order; a `COMPONENT`'s kind, then the body fields it fills. */
    readonly keys: readonly string[] | undefined,
    /** An object's values or an array's items. */
    readonly parts: readonly Maker[] | undefined,
    /** A `COMPONENT`'s copier, and the hole of each field it fills. */
    readonly copy: ((component: AnyComponent) => AnyComponent) | undefined = undefined,
    readonly holes: readonly number[] | undefined = undefined,
  ) {}
}

function make(maker: Maker, rendered: Rendered): unknown {
  switch (maker.kind) {
    case COMPONENT: {
      const copy = (maker.copy as (component: AnyComponent) => AnyComponent)(
        maker.value as AnyComponent,
      );
      const holes = maker.holes as readonly number[];
      if (holes.length === 0) return copy;
      const keys = maker.keys as readonly string[];
      const body = (copy as unknown as Record<string, Record<string, unknown>>)[
        keys[0] as string
      ] as Record<string, unknown>;
      const strings = rendered.strings;
      for (let i = 0; i < holes.length; i++) {
        body[keys[i + 1] as string] = strings[holes[i] as number];
      }
      return copy;
    }
    case HOLE:
      return rendered.strings[maker.index];
    case OBJECT: {
      const keys = maker.keys as readonly string[];
      const parts = maker.parts as readonly Maker[];
      const object: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) {
        object[keys[i] as string] = make(parts[i] as Maker, rendered);
      }
      return object;
    }
    case ARRAY: {
      const parts = maker.parts as readonly Maker[];
      const array = new Array<unknown>(parts.length);
      for (let i = 0; i < parts.length; i++) array[i] = make(parts[i] as Maker, rendered);
      return array;
    }
    case WHOLE:
      return copyJson((rendered.whole as readonly AnyComponent[])[maker.index]);
    default:
      return maker.value;
  }
}

/** A hole's keys from its top-level component, and its index. */
type HoleAt = readonly [keys: readonly (string | number)[], index: number];

function startsWith(keys: readonly (string | number)[], prefix: readonly (string | number)[]) {
  if (keys.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (keys[i] !== prefix[i]) return false;
  return true;
}

/**
 * The maker for a value of the skeleton at `keys`, with `holes` the holes under it. A
 * component whose holes are all fields of its own body is copied by its kind's copier, then
 * filled in; anything else is made part by part.
 */
function makerOf(
  value: unknown,
  holes: readonly HoleAt[],
  keys: readonly (string | number)[],
  component: boolean,
): Maker {
  if (holes.length > 0 && isOpenValue(value)) {
    const hole = holes.find(([k]) => k.length === keys.length);
    if (hole !== undefined) return new Maker(HOLE, undefined, hole[1], undefined, undefined);
  }
  if (component && isRecord(value) && value.constructor === Object) {
    const kinds = Object.keys(value);
    const kind = kinds[0] as string;
    const copy = kinds.length === 1 ? copierOf(kind) : undefined;
    const body = value[kind];
    if (copy !== undefined && isRecord(body) && body.constructor === Object) {
      const at = [...keys, kind];
      const fields: string[] = [];
      const indexes: number[] = [];
      let flat = true;
      for (const [k, index] of holes) {
        if (k.length === at.length + 1 && typeof k[at.length] === "string") {
          fields.push(k[at.length] as string);
          indexes.push(index);
        } else flat = false;
      }
      if (flat) {
        return new Maker(COMPONENT, value, -1, [kind, ...fields], undefined, copy, indexes);
      }
    }
  }
  if (Array.isArray(value)) {
    const parts = value.map((v: unknown, i) => {
      const at = [...keys, i];
      return makerOf(
        v,
        holes.filter(([k]) => startsWith(k, at)),
        at,
        true,
      );
    });
    return new Maker(ARRAY, undefined, -1, undefined, parts);
  }
  // Only plain JSON is made afresh; slots, Markdown and other class instances are shared, as
  // `copyJson` shares them.
  if (typeof value === "object" && value !== null && value.constructor === Object) {
    const names = Object.keys(value);
    const parts = names.map((name) => {
      const at = [...keys, name];
      return makerOf(
        (value as Record<string, unknown>)[name],
        holes.filter(([k]) => startsWith(k, at)),
        at,
        false,
      );
    });
    return new Maker(OBJECT, undefined, -1, names, parts);
  }
  return new Maker(CONSTANT, value, -1, undefined, undefined);
}

/** Every parameter's value as text, and Markdown-escaped where needed. */
export interface Values {
  readonly text: readonly (string | undefined)[];
  readonly escaped: readonly (string | undefined)[];
}

function fill(hole: Hole, values: Values): string | undefined {
  const source = hole.markdown ? values.escaped : values.text;
  const parts = hole.parts;
  if (parts.length === 1) {
    const only = parts[0] as Part;
    return typeof only === "string" ? only : source[only];
  }
  let result = "";
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as Part;
    if (typeof part === "string") result += part;
    else {
      const value = source[part];
      if (value === undefined) return undefined;
      result += value;
    }
  }
  return result;
}

/** Checks one parameter's value against its type and writes it as text. */
function toText(value: unknown, type: SlotType, path: string, out: Problem[]): string | undefined {
  switch (type) {
    case "string":
      if (typeof value === "string") return value;
      if (typeof value === "number" && Number.isFinite(value)) return String(value);
      if (value instanceof Date) return checkDate(toIsoString(value), path, out);
      out.push({ path, message: `must be a string or a finite number, got ${showValue(value)}` });
      return undefined;
    case "number":
      if (typeof value === "number" && Number.isFinite(value)) return String(value);
      out.push({ path, message: `must be a finite number, got ${showValue(value)}` });
      return undefined;
    case "url":
      if (typeof value === "string" && isHttpUrl(value)) return value;
      out.push({ path, message: `${showValue(value)} is not an absolute http(s) URL` });
      return undefined;
    case "date-time":
      return checkDate(toIsoString(value), path, out);
  }
}

function checkDate(value: unknown, path: string, out: Problem[]): string | undefined {
  if (typeof value === "string" && isIsoDateTime(value)) return value;
  out.push({
    path,
    message: `${showValue(value)} is not an ISO 8601 date-time with an offset (e.g. 2024-10-28T18:30:00Z)`,
  });
  return undefined;
}

/** A copy of `target` with `value` at `keys[from…]`: only the objects on the way are copied. */
function setIn(target: unknown, keys: readonly (string | number)[], from: number, value: unknown) {
  if (from === keys.length) return value;
  const key = keys[from] as string | number;
  if (Array.isArray(target)) {
    const copy = target.slice();
    copy[key as number] = setIn(target[key as number], keys, from + 1, value);
    return copy;
  }
  const source = target as Record<string, unknown>;
  const copy: Record<string, unknown> = { ...source };
  copy[key] = setIn(source[key], keys, from + 1, value);
  return copy;
}

/** `setIn` for the common case: a field of a top-level leaf. */
function setField(component: unknown, key: string, field: string, value: string): unknown {
  const body = { ...((component as Record<string, unknown>)[key] as object) } as Record<
    string,
    unknown
  >;
  body[field] = value;
  const copy: Record<string, unknown> = {};
  copy[key] = body;
  return copy;
}

function getIn(target: unknown, keys: readonly (string | number)[]): unknown {
  let value = target;
  for (const key of keys) value = (value as Record<string | number, unknown>)[key];
  return value;
}
