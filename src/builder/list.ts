import {
  ALLOWED,
  type AnyComponent,
  type ComponentKey,
  type Place,
  type Problem,
} from "../components/index.js";
import type { Rendered } from "./render.js";

/** Flags a cell carries for everything up to it, so that compiling can skip whole passes. */
export const HAS_PROBLEMS = 1;
export const HAS_SLOTS = 2;
export const HAS_SPLICE = 4;
/** A rendered template's components, made only when the list is compiled (see `Rendered`). */
export const HAS_LAZY = 8;

// One bit per kind, so that adding a fragment checks its nesting in O(1).
export const KIND_BIT = Object.fromEntries(ALLOWED.event.map((key, i) => [key, 1 << i])) as Record<
  ComponentKey,
  number
>;
export const ALLOWED_BITS = Object.fromEntries(
  Object.entries(ALLOWED).map(([place, keys]) => [
    place,
    keys.reduce((bits, key) => bits | KIND_BIT[key], 0),
  ]),
) as Record<Place, number>;

/**
 * One cell of a persistent, append-only list of components. Each builder call adds one cell
 * that points at the previous one, so appending is O(1) and every older builder keeps its own
 * view: this is what makes branching a base event into variants safe.
 *
 * A class rather than object literals: every cell has the same shape, which keeps the hot
 * path monomorphic.
 */
export class Cell {
  /** How many components the list holds up to and including this cell. */
  readonly size: number;
  /** Bits of the component kinds up to and including this cell (see `KIND_BIT`). */
  readonly kinds: number;
  /** `HAS_PROBLEMS | HAS_SLOTS | HAS_SPLICE | HAS_LAZY` for this cell and every cell before it. */
  readonly flags: number;

  constructor(
    readonly prev: Cell | undefined,
    /** The component this cell adds (best effort when it has problems). */
    readonly component: AnyComponent | undefined,
    /** Its kind, for nesting checks when a fragment is added somewhere else. */
    readonly key: ComponentKey | undefined,
    kindBit: number,
    /** What is wrong with it, with paths relative to the component itself. */
    readonly problems: readonly Problem[] | undefined,
    /** Slot names the component waits for. */
    readonly slots: readonly string[] | undefined,
    /** A whole other list (a fragment or builder), appended in O(1). */
    readonly splice: Cell | undefined,
    /**
     * A rendered template's components, checked but not made yet: compiling makes fresh ones
     * straight from the template and the values, so a render costs one copy, not two.
     */
    readonly lazy: Rendered | undefined,
  ) {
    const own =
      (problems === undefined ? 0 : HAS_PROBLEMS) |
      (slots === undefined ? 0 : HAS_SLOTS) |
      (splice === undefined ? 0 : HAS_SPLICE | splice.flags) |
      (lazy === undefined ? 0 : HAS_LAZY);
    this.size =
      (prev === undefined ? 0 : prev.size) +
      (splice !== undefined ? splice.size : lazy !== undefined ? lazy.size : 1);
    this.kinds = (prev?.kinds ?? 0) | kindBit | (splice?.kinds ?? 0);
    this.flags = (prev?.flags ?? 0) | own;
  }
}

/** Visits every component cell in order, first to last, with its index in the whole list. */
export function forEachCell(last: Cell | undefined, visit: (cell: Cell, index: number) => void) {
  if (last === undefined) return;
  // Collect the chain backwards into an array first: an explicit loop, not recursion, so that
  // a chain of 100,000 calls cannot overflow the stack.
  const chain: Cell[] = new Array<Cell>();
  for (let cell: Cell | undefined = last; cell !== undefined; cell = cell.prev) chain.push(cell);
  let index = 0;
  for (let i = chain.length - 1; i >= 0; i--) {
    const cell = chain[i] as Cell;
    if (cell.splice !== undefined) {
      const offset = index;
      forEachCell(cell.splice, (inner, j) => visit(inner, offset + j));
      index += cell.splice.size;
    } else if (cell.lazy !== undefined) {
      // The slow paths (problems, slots, nesting checks) see a rendered template as the cells
      // it stands for, each with its own fresh component.
      for (const inner of cell.lazy.cells()) visit(inner, index++);
    } else {
      visit(cell, index++);
    }
  }
}

/**
 * A deep copy of component JSON. Cells share their components between builders (that is what
 * makes appending O(1)), so every compile hands out copies: a caller who changes its payload
 * changes no builder. Copying is several times cheaper than freezing.
 */
export function copyJson<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = copyJson(value[i]);
    return copy as T;
  }
  // Slots and Markdown are frozen class instances, shared safely; only plain JSON is copied.
  if ((value as object).constructor !== Object) return value;
  const copy: Record<string, unknown> = {};
  for (const key in value) copy[key] = copyJson((value as Record<string, unknown>)[key]);
  return copy as T;
}

type Body = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each copier knows its kind
type Copy = (component: any) => unknown;

/** A list of components, each copied by `copyComponent`; anything else by `copyJson`. */
function copyChildren(value: unknown): unknown {
  if (!Array.isArray(value)) return copyJson(value);
  const copy = new Array<unknown>(value.length);
  for (let i = 0; i < value.length; i++) copy[i] = copyComponent(value[i] as AnyComponent);
  return copy;
}

/** A copy of a body whose one field `field` holds an object or list, copied by `copy`. */
function copyNested(body: Body, field: string, copy: (value: unknown) => unknown): Body {
  const result = { ...body };
  if (result[field] !== undefined) result[field] = copy(result[field]);
  return result;
}

/**
 * One copier a kind, each with its own object literals, so that every copy site sees only its
 * kind's few shapes and V8 clones them in one step: about three times faster than `copyJson`,
 * which one site runs for every shape. Each is `copyJson` for a checked component: a leaf's
 * body holds only strings (or shared slots), so a shallow copy of the body is a deep one.
 */
const COPY: Readonly<Record<ComponentKey, Copy>> = {
  componentText: (c) => ({ componentText: { ...c.componentText } }),
  componentPlainText: (c) => ({ componentPlainText: { ...c.componentPlainText } }),
  componentDivider: (c) => ({ componentDivider: { ...c.componentDivider } }),
  componentLinkButton: (c) => ({ componentLinkButton: { ...c.componentLinkButton } }),
  componentSpacer: (c) => ({ componentSpacer: { ...c.componentSpacer } }),
  componentBadge: (c) => ({ componentBadge: { ...c.componentBadge } }),
  componentCopyButton: (c) => ({ componentCopyButton: { ...c.componentCopyButton } }),
  componentDateTime: (c) => ({ componentDateTime: { ...c.componentDateTime } }),
  componentWorkflowButton: (c) => ({
    componentWorkflowButton: copyNested(
      c.componentWorkflowButton,
      "workflowButtonWorkflowIdentifier",
      copyJson,
    ),
  }),
  componentUser: (c) => ({
    componentUser: copyNested(c.componentUser, "userIdentifier", copyJson),
  }),
  componentRow: (c) => {
    const body = copyNested(c.componentRow, "rowMainContent", copyChildren);
    if (body.rowAsideContent !== undefined)
      body.rowAsideContent = copyChildren(body.rowAsideContent);
    return { componentRow: body };
  },
  componentContainer: (c) => ({
    componentContainer: copyNested(c.componentContainer, "containerContent", copyChildren),
  }),
};

/** The copier of a kind, for a component known to be checked; undefined for an unknown kind. */
export function copierOf(key: string): ((component: AnyComponent) => AnyComponent) | undefined {
  return Object.hasOwn(COPY, key) ? (COPY[key as ComponentKey] as never) : undefined;
}

/**
 * A deep copy of a checked component (no problems): the same result as `copyJson`, faster.
 * Anything that is not one component of a known kind with a plain body goes to `copyJson`.
 */
export function copyComponent(component: AnyComponent, key?: ComponentKey): AnyComponent {
  if (key === undefined) {
    if (typeof component !== "object" || component === null) return component;
    for (const k in component) {
      key = k as ComponentKey;
      break;
    }
  }
  const copy = key === undefined || !Object.hasOwn(COPY, key) ? undefined : COPY[key];
  const body = copy === undefined ? undefined : (component as unknown as Body)[key as string];
  if (
    copy === undefined ||
    (component as object).constructor !== Object ||
    typeof body !== "object" ||
    body === null ||
    (body as object).constructor !== Object
  ) {
    return copyJson(component);
  }
  return copy(component) as AnyComponent;
}

/**
 * The components of a list with no splices, in order: the common case, filled backwards from
 * the last cell without building a chain. A rendered template's cell makes its components
 * fresh in place; a rendered template alone is made in one call.
 */
export function plainComponents(last: Cell | undefined, fallback: AnyComponent): AnyComponent[] {
  if (last === undefined) return [];
  const components = new Array<AnyComponent>(last.size);
  if (last.lazy !== undefined && last.prev === undefined) {
    last.lazy.into(components, 0);
    return components;
  }
  let i = components.length;
  for (let cell: Cell | undefined = last; cell !== undefined; cell = cell.prev) {
    if (cell.lazy !== undefined) {
      i -= cell.lazy.size;
      cell.lazy.into(components, i);
    } else {
      const component = cell.component;
      components[--i] = component === undefined ? fallback : copyComponent(component, cell.key);
    }
  }
  return components;
}
