import {
  ALLOWED,
  ALREADY_REPORTED,
  type AnyComponent,
  type ComponentKey,
  type Place,
  type Problem,
} from "../components/index.js";

/** Flags a cell carries for everything up to it, so that compiling can skip whole passes. */
export const HAS_PROBLEMS = 1;
export const HAS_SLOTS = 2;

/** True when nothing in the list has a problem or an open slot: compiling it is only copying. */
export const isClean = (last: Cell | undefined): boolean =>
  last === undefined || (last.flags & (HAS_PROBLEMS | HAS_SLOTS)) === 0;

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
 * A template's components with its holes' values: a rendered builder's list points at the
 * template's cells and these values instead of copying every component at render time, so
 * that each compile copies a component once.
 */
export interface Fill {
  /** The template's cells, in order, splices opened. */
  readonly cells: readonly Cell[];
  /** Every hole in the components, in order, with the index of its cell. */
  readonly holes: readonly { readonly cell: number; readonly keys: readonly (string | number)[] }[];
  /** The value of each hole, in the same order. */
  readonly values: readonly string[];
}

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
  /** `HAS_PROBLEMS | HAS_SLOTS` for this cell and every cell before it. */
  readonly flags: number;

  constructor(
    readonly prev: Cell | undefined,
    /** The component this cell adds (best effort when it has problems). */
    readonly component: AnyComponent | undefined,
    /** Its kind, for nesting checks when a fragment is added somewhere else. */
    readonly key: ComponentKey | undefined,
    /** What is wrong with it, with paths relative to the component itself. */
    readonly problems: readonly Problem[] | undefined,
    /** Slot names the component waits for. */
    readonly slots: readonly string[] | undefined,
    /** A whole other list (a fragment or builder), appended in O(1). */
    readonly splice?: Cell,
    /** Values for the holes of `splice`, a template: its slots are filled, not open. */
    readonly fill?: Fill,
  ) {
    this.size = (prev?.size ?? 0) + (splice?.size ?? 1);
    this.kinds =
      (prev?.kinds ?? 0) | (key === undefined ? 0 : KIND_BIT[key]) | (splice?.kinds ?? 0);
    this.flags =
      (prev?.flags ?? 0) |
      (problems ? HAS_PROBLEMS : 0) |
      (slots ? HAS_SLOTS : 0) |
      // A filled template's slots are not open any more.
      (splice ? (fill ? splice.flags & ~HAS_SLOTS : splice.flags) : 0);
  }
}

/** Every component cell in order, first to last, with splices opened. */
export function cellsOf(last: Cell | undefined, into: Cell[] = []): Cell[] {
  // Collect the chain backwards first: a loop, not recursion, so that a chain of 100,000 calls
  // cannot overflow the stack.
  const chain: Cell[] = [];
  for (let cell = last; cell !== undefined; cell = cell.prev) chain.push(cell);
  for (let i = chain.length - 1; i >= 0; i--) {
    const cell = chain[i]!;
    if (cell.fill !== undefined) {
      const components = filledComponents(cell.fill);
      cell.fill.cells.forEach(({ key }, j) => {
        into.push(new Cell(undefined, components[j], key, undefined, undefined));
      });
    } else if (cell.splice !== undefined) cellsOf(cell.splice, into);
    else into.push(cell);
  }
  return into;
}

/**
 * A deep copy of component JSON. Cells share their components between builders (that is what
 * makes appending O(1)), so every compile hands out copies: a caller who changes its payload
 * changes no builder. Copying is several times cheaper than freezing.
 */
export function copyJson<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  // Slots and Markdown are immutable class instances, shared safely; only plain JSON is copied.
  if ((value as object).constructor !== Object) return value;
  const copy: Record<string, unknown> = {};
  for (const key in value) copy[key] = copyJson((value as Record<string, unknown>)[key]);
  return copy as T;
}

/**
 * One copier a kind for the leaves, each with its own object literal, so that every copy site
 * sees only its kind's few shapes and V8 clones them in one step: about three times faster
 * than `copyJson`. A leaf's body holds only strings, so a shallow copy of it is a deep one.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each copier knows its kind
const COPY: Partial<Record<ComponentKey, (c: any) => AnyComponent>> = {
  componentText: (c) => ({ componentText: { ...c.componentText } }),
  componentPlainText: (c) => ({ componentPlainText: { ...c.componentPlainText } }),
  componentDivider: (c) => ({ componentDivider: { ...c.componentDivider } }),
  componentLinkButton: (c) => ({ componentLinkButton: { ...c.componentLinkButton } }),
  componentSpacer: (c) => ({ componentSpacer: { ...c.componentSpacer } }),
  componentBadge: (c) => ({ componentBadge: { ...c.componentBadge } }),
  componentCopyButton: (c) => ({ componentCopyButton: { ...c.componentCopyButton } }),
  componentDateTime: (c) => ({ componentDateTime: { ...c.componentDateTime } }),
  componentRow: ({ componentRow: r }) => ({
    componentRow: {
      rowMainContent: r.rowMainContent.map(copyChild),
      rowAsideContent: r.rowAsideContent.map(copyChild),
    },
  }),
};

function copyChild(component: AnyComponent): AnyComponent {
  for (const key in component) return copyComponent(component, key as ComponentKey);
  return component;
}

/** A deep copy of a component the builder checked: by its kind's copier, else `copyJson`. */
export const copyComponent = (component: AnyComponent, key: ComponentKey | undefined) =>
  (key && COPY[key])?.(component) ?? copyJson(component);

/**
 * The components of a list, each a fresh copy (`ALREADY_REPORTED` where one could not be
 * made). With `share`, they are the cells' own objects: only for a row's or container's
 * children, which every compile of the row or container copies again.
 */
export function plainComponents(last: Cell | undefined, share = false): AnyComponent[] {
  if (last === undefined) return [];
  const components = new Array<AnyComponent>(last.size);
  writeBackwards(last, components, last.size, share ? shareOf : copyOf);
  return components;
}

// Fills `out` up to `end`, backwards from the last cell, without building a chain: a loop, so
// that long lists cannot overflow the stack (only nested fragments recurse).
function writeBackwards(
  last: Cell,
  out: AnyComponent[],
  end: number,
  take: (cell: Cell) => AnyComponent,
) {
  let i = end;
  for (let cell: Cell | undefined = last; cell !== undefined; cell = cell.prev) {
    const { splice, fill } = cell;
    if (splice === undefined) out[--i] = take(cell);
    else if (fill !== undefined) {
      i -= splice.size;
      filledComponents(fill, out, i);
    } else {
      writeBackwards(splice, out, i, take);
      i -= splice.size;
    }
  }
}

/** A rendered template's components, each copied and its holes set, into `out` from `at`. */
function filledComponents({ cells, holes, values }: Fill, out: AnyComponent[] = [], at = 0) {
  let h = 0;
  for (let j = 0; j < cells.length; j++) {
    const component = copyOf(cells[j]!);
    for (; h < holes.length && holes[h]!.cell === j; h++) {
      const keys = holes[h]!.keys;
      let target = component as unknown as Record<string | number, Record<string | number, never>>;
      for (let k = 0; k < keys.length - 1; k++) target = target[keys[k]!]!;
      (target as Record<string | number, unknown>)[keys[keys.length - 1]!] = values[h];
    }
    out[at + j] = component;
  }
  return out;
}

// A component with problems may lack required fields, so only `copyJson` may copy it.
const copyOf = ({ component, key, problems }: Cell) =>
  !component ? ALREADY_REPORTED : problems ? copyJson(component) : copyComponent(component, key);

const shareOf = (cell: Cell) => cell.component ?? ALREADY_REPORTED;
