import type { AnyComponent, ComponentKey, Problem } from "../components/index.js";

/**
 * A persistent, append-only list of components. Each builder call adds one cell that points
 * at the previous one, so appending is O(1) and every older builder keeps its own view: this
 * is what makes branching a base event into variants safe.
 */
export interface Cell {
  readonly prev: Cell | undefined;
  /** How many components the list holds up to and including this cell. */
  readonly size: number;
  /** The component this cell adds (best effort when it has problems). */
  readonly component?: AnyComponent | undefined;
  /** Its kind, for nesting checks when a fragment is added somewhere else. */
  readonly key?: ComponentKey | undefined;
  /** What is wrong with it, with paths relative to the component itself. */
  readonly problems?: readonly Problem[] | undefined;
  /** Slot names the component waits for. */
  readonly slots?: readonly string[] | undefined;
  /** A whole other list (a fragment or builder), appended in O(1). */
  readonly splice?: Cell | undefined;
}

export function push(prev: Cell | undefined, cell: Omit<Cell, "prev" | "size">): Cell {
  const size = (prev?.size ?? 0) + (cell.splice === undefined ? 1 : cell.splice.size);
  return { ...cell, prev, size };
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
    } else {
      visit(cell, index++);
    }
  }
}
