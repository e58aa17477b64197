import {
  ALLOWED,
  checkBuilt,
  createBadge,
  createContainer,
  createCopyButton,
  createDateTime,
  createDivider,
  createLinkButton,
  createPlainText,
  createRow,
  createSpacer,
  createText,
  createUser,
  createWorkflowButton,
  describePlace,
  isOpenValue,
  isRecord,
  joinPath,
  normalizeComponent,
  OPEN,
  showValue,
  ValidationError,
  type AnyComponent,
  type ComponentKey,
  type LeafKey,
  type Place,
  type Problem,
} from "../components/index.js";
import { ALLOWED_BITS, Cell, cellsOf, isClean, plainComponents } from "./list.js";
import { closedSource, Markdown } from "./markdown.js";
import { declare, fillHole, resolve, type Prepared, type Values } from "./render.js";
import { callSite } from "./site.js";
import { Slot, SlotString } from "./slot.js";

/** Which builder an instance is; decides its nesting rules. */
export type BuilderTag = "event" | "card" | "container" | "row" | "fragment";

// A fragment may hold anything; where it lands decides whether that is allowed.
const placeOf = (tag: BuilderTag): Place => (tag === "fragment" ? "event" : tag);

type Boundary = (...args: never[]) => unknown;

/** The result of compiling a list: components, problems with full paths, and open slots. */
export interface Compiled {
  readonly components: AnyComponent[];
  readonly problems: Problem[];
  readonly slots: string[];
}

/** @internal A builder's list of components, for the builder modules only. */
export let listOf: (builder: Composer) => Cell | undefined;
/** @internal A builder's own state beside its list (an event's title, a card's key). */
export let metaOf: <M>(builder: Composer<M>) => M;

/**
 * The runtime behind every builder type (event, card, container and row content, fragment).
 * Each public type in `types.ts` shows only the methods its place allows; this class checks
 * the same rules at run time for untyped callers.
 *
 * Its state is private (`#` fields), so no caller can change a builder once it is made: that
 * is what makes branching safe, without the cost of freezing every builder.
 */
export class Composer<Meta = unknown> {
  readonly #tag: BuilderTag;
  readonly #list: Cell | undefined;
  readonly #meta: Meta;
  // A cache, not state: worked out from the list and meta on first use (see `_prepare`).
  #prepared: Prepared | undefined;

  static {
    listOf = (builder) => builder.#list;
    metaOf = <M>(builder: Composer<M>) => builder.#meta;
  }

  constructor(tag: BuilderTag, list: Cell | undefined, meta: Meta) {
    this.#tag = tag;
    this.#list = list;
    this.#meta = meta;
  }

  /** @internal A builder of the same kind with another list (and meta). */
  _with(list: Cell | undefined, meta: Meta = this.#meta): this {
    return new Composer(this.#tag, list, meta) as this;
  }

  /** @internal Appends one component made by its `create…` function, checked in place. */
  _append(
    component: Record<string, Record<string, unknown>>,
    key: ComponentKey,
    boundary: Boundary,
    open: boolean,
  ): this {
    // Rules only push into `out`; a shared one spares the hot path an allocation per call.
    const out = SCRATCH;
    // Always empty here unless a rule threw last time; setting length costs a runtime call.
    if (out.length !== 0) out.length = 0;
    checkBuilt(component, key as LeafKey, out);
    if (out.length === 0 && !open) {
      return this._with(new Cell(this.#list, component as never, key, undefined, undefined));
    }
    const slots = open ? slotsIn(component) : NONE;
    return this._with(this._cell(component, key, out.splice(0), slots, boundary));
  }

  /** @internal A cell after this builder's list; problems point at the caller's line. */
  _cell(
    component: unknown,
    key: ComponentKey | undefined,
    problems: Problem[],
    slots: string[],
    boundary: Boundary,
    list = this.#list,
  ): Cell {
    if (problems.length > 0) {
      const site = callSite(boundary);
      if (site !== undefined) problems = problems.map((p) => ({ ...p, site }));
    }
    return new Cell(
      list,
      component as AnyComponent | undefined,
      key,
      problems.length > 0 ? problems : undefined,
      slots.length > 0 ? slots : undefined,
    );
  }

  text(value: unknown, options?: { size?: unknown; color?: unknown }): this {
    // A slot in Markdown text is a value like any other: render() escapes it as md`…` would.
    const text =
      value instanceof Markdown
        ? (closedSource(value) ?? value)
        : value instanceof Slot
          ? new Markdown([value])
          : value instanceof SlotString
            ? new Markdown(value.parts)
            : value;
    return this._append(
      createText(text, options as never),
      "componentText",
      Composer.prototype.text,
      isOpenValue(text),
    );
  }

  plainText(value: unknown, options?: { size?: unknown; color?: unknown }): this {
    return this._append(
      createPlainText(value, options as never),
      "componentPlainText",
      Composer.prototype.plainText,
      isOpenValue(value),
    );
  }

  spacer(size: unknown): this {
    return this._append(createSpacer(size), "componentSpacer", Composer.prototype.spacer, false);
  }

  divider(spacing?: unknown): this {
    return this._append(
      createDivider(spacing),
      "componentDivider",
      Composer.prototype.divider,
      false,
    );
  }

  badge(label: unknown, color?: unknown): this {
    return this._append(
      createBadge(label, color),
      "componentBadge",
      Composer.prototype.badge,
      isOpenValue(label),
    );
  }

  button(label: unknown, url: unknown): this {
    return this._append(
      createLinkButton(label, url),
      "componentLinkButton",
      Composer.prototype.button,
      isOpenValue(label) || isOpenValue(url),
    );
  }

  copyButton(value: unknown, tooltip?: unknown): this {
    return this._append(
      createCopyButton(value, tooltip),
      "componentCopyButton",
      Composer.prototype.copyButton,
      isOpenValue(value) || isOpenValue(tooltip),
    );
  }

  workflowButton(label: unknown, workflow: unknown): this {
    return this._append(
      createWorkflowButton(label, workflow),
      "componentWorkflowButton",
      Composer.prototype.workflowButton,
      true,
    );
  }

  dateTime(value: unknown): this {
    return this._append(
      createDateTime(value),
      "componentDateTime",
      Composer.prototype.dateTime,
      isOpenValue(value),
    );
  }

  user(identifier: unknown): this {
    return this._append(createUser(identifier), "componentUser", Composer.prototype.user, true);
  }

  row(main: unknown, aside: unknown): this {
    const mainSide = side("row", main, "rowMainContent");
    const asideSide = side("row", aside, "rowAsideContent");
    return this._nest(
      createRow(mainSide.components, asideSide.components),
      { rowMainContent: mainSide, rowAsideContent: asideSide },
      Composer.prototype.row,
    );
  }

  container(content: unknown): this {
    const inner = side("container", content, "containerContent");
    return this._nest(
      createContainer(inner.components),
      { containerContent: inner },
      Composer.prototype.container,
    );
  }

  /**
   * @internal Appends a row or container whose sides were compiled by `side`. The children were
   * checked when they were built, so only the row or container itself is checked here: at
   * least one component a side, and that it may stand at this builder's place.
   */
  _nest(
    component: Record<string, Record<string, unknown>>,
    sides: Readonly<Record<string, Compiled>>,
    boundary: Boundary,
  ): this {
    const key = Object.keys(component)[0] as ComponentKey;
    const place = placeOf(this.#tag);
    const out: Problem[] = [];
    const slots: string[] = [];
    // Misplaced: that is the one problem worth saying about the row or container itself.
    const allowed = ALLOWED[place].includes(key);
    if (!allowed) out.push({ path: key, message: `cannot stand inside ${describePlace(place)}` });
    for (const field in sides) {
      const { components, problems } = sides[field]!;
      for (const p of problems) out.push({ ...p, path: joinPath(key, p.path) });
      // A side whose only trouble is already reported (a callback that returned nothing) is
      // not reported again as empty.
      if (allowed && components.length === 0 && problems.length === 0) {
        out.push({ path: `${key}.${field}`, message: "must hold at least one component" });
      }
      slots.push(...sides[field]!.slots);
    }
    return this._with(this._cell(component, key, out, slots, boundary));
  }

  add(...items: unknown[]): this {
    let list = this.#list;
    const place = placeOf(this.#tag);
    const visit = (item: unknown): void => {
      if (item === null || item === undefined || item === false) return;
      if (Array.isArray(item)) return item.forEach(visit);
      if (item instanceof Composer) {
        const other = listOf(item);
        if (other === undefined) return;
        list =
          (other.kinds & ~ALLOWED_BITS[place]) !== 0
            ? this._cell(
                undefined,
                undefined,
                nestingProblems(other, place),
                [],
                Composer.prototype.add,
                list,
              )
            : new Cell(list, undefined, undefined, undefined, undefined, other);
        return;
      }
      const out: Problem[] = [];
      const component = normalizeComponent(item, place, "", out);
      const key = component && (Object.keys(component)[0] as ComponentKey);
      list = this._cell(component, key, out, slotsIn(component), Composer.prototype.add, list);
    };
    items.forEach(visit);
    return this._with(list);
  }

  when(
    condition: unknown,
    then: (builder: this, value: unknown) => unknown,
    otherwise?: (builder: this) => unknown,
  ): this {
    if (condition !== null && condition !== undefined && condition !== false) {
      return this._expect(then(this, condition), "when");
    }
    return otherwise === undefined ? this : this._expect(otherwise(this), "when");
  }

  each<I>(items: Iterable<I>, fn: (builder: this, item: I, index: number) => unknown): this {
    let builder = this;
    let index = 0;
    for (const item of items) builder = this._expect(fn(builder, item, index++), "each");
    return builder;
  }

  /** @internal Callbacks must hand back a builder; anything else is a mistake worth a clear error. */
  _expect(value: unknown, method: string): this {
    if (value instanceof Composer && value.#tag === this.#tag) return value as this;
    throw new TypeError(
      `.${method}(): the callback must return the builder it was given (did you forget "return"?), got ${showValue(value)}`,
    );
  }

  components(): AnyComponent[] {
    const last = this.#list;
    // The hot path: nothing wrong and nothing open anywhere in the list.
    if (isClean(last)) return plainComponents(last);
    const compiled = compileList(last, "components");
    throwIfInvalid(this._subject(), compiled);
    return compiled.components;
  }

  problems(): readonly Problem[] {
    return compileList(this.#list, "components").problems;
  }

  get params(): readonly string[] {
    return this._prepare().params.map((p) => p.name);
  }

  /**
   * Fills every slot in and returns a concrete builder of the same kind. Filled values are
   * checked by the same rules, with the same paths, as direct building; a value placed into
   * Markdown is escaped as `md` escapes it. Throws a `ValidationError` naming every missing,
   * unknown or invalid parameter (and any problem the template already had).
   */
  render(params: unknown): this {
    const prepared = this._prepare();
    const out = prepared.problems.length === 0 ? [] : [...prepared.problems];
    const values = resolve(prepared, params, out);
    // A template with problems of its own is reported as it is: its components may be partial.
    // Otherwise every hole is filled even after a bad parameter, so that one error names every
    // problem (a hole that lacks a value is left out).
    if (values !== undefined && prepared.problems.length === 0) {
      const holes = prepared.holes;
      const filled = new Array<string>(holes.length);
      for (let h = 0; h < holes.length; h++) filled[h] = fillHole(holes[h]!, values, out)!;
      const last = this.#list;
      // The rendered list points at the template's cells and the filled values: each compile
      // then copies every component once. Without slots in components, the list is kept.
      const list =
        last === undefined || holes.length === 0
          ? last
          : new Cell(undefined, undefined, undefined, undefined, undefined, last, {
              cells: prepared.cells,
              holes,
              values: filled,
            });
      const meta = this._fillMeta(prepared, values, out);
      if (out.length === 0) return this._with(list, meta);
    }
    throw new ValidationError(this._subject(), out);
  }

  /** @internal The meta of a rendered builder: events fill their own fields in too. */
  _fillMeta(_prepared: Prepared, _values: Values, _out: Problem[]): Meta {
    return this.#meta;
  }

  /** @internal The template's parameters, holes and problems, worked out once per builder. */
  _prepare(): Prepared {
    let prepared = this.#prepared;
    if (prepared === undefined) {
      const compiled = compileList(this.#list, "components");
      const ready: Prepared = {
        params: [],
        problems: [...compiled.problems],
        holes: [],
        cells: cellsOf(this.#list),
        fields: new Map(),
      };
      this._declare(ready, () =>
        compiled.components.forEach((component, i) => {
          declare(ready, component, `components[${i}]`, i, ready.holes);
        }),
      );
      this.#prepared = prepared = ready;
    }
    return prepared;
  }

  /** @internal Declares the template's slots in order; events declare their title first. */
  _declare(_prepared: Prepared, components: () => void): void {
    components();
  }

  /** @internal How errors name this builder. */
  _subject(): string {
    return this.#tag === "fragment" ? "fragment" : describePlace(this.#tag).slice(2);
  }
}

/** Compiles one side of a row or a container's content, with paths under `field`. */
function side(tag: "row" | "container", content: unknown, field: string): Compiled {
  const empty = new Composer(tag, undefined, undefined);
  // The children are shared, not copied: every compile of the row or container copies them.
  if (typeof content !== "function") return compileList(listOf(empty.add(content)), field, true);
  const built: unknown = content(empty);
  if (built instanceof Composer) return compileList(listOf(built), field, true);
  const where = tag === "row" ? `the row's ${field}` : "the container's";
  return {
    components: [],
    slots: [],
    problems: [
      {
        path: field,
        message: `${where} callback must return the builder it was given, got ${showValue(built)}`,
      },
    ],
  };
}

/**
 * Compiles a list into components, with every problem's path under `prefix`. With `share`, the
 * components are the cells' own (see `plainComponents`).
 */
export function compileList(last: Cell | undefined, prefix: string, share = false): Compiled {
  const components = plainComponents(last, share);
  // The common case: no problems and no open slots anywhere.
  if (isClean(last)) return { components, problems: NONE, slots: NONE };
  const problems: Problem[] = [];
  const slots: string[] = [];
  cellsOf(last).forEach((cell, index) => {
    // A component with slots keeps them, shared: they are frozen and render() replaces them.
    if (cell.slots !== undefined) slots.push(...cell.slots);
    for (const p of cell.problems ?? []) {
      problems.push({ ...p, path: joinPath(`${prefix}[${index}]`, p.path) });
    }
  });
  return { components, problems, slots };
}

// Where `_append` gathers a component's problems: emptied before each use, and taken out
// (spliced) when there are any.
const SCRATCH: Problem[] = [];

// Shared empty lists for the fast path; frozen so no caller can fill them by mistake.
const NONE: never[] = Object.freeze([]) as unknown as never[];

/** Throws the one `ValidationError` for a compiled list with problems or open slots. */
export function throwIfInvalid(subject: string, compiled: Compiled, extra: Problem[] = []): void {
  const problems = [...extra, ...compiled.problems];
  if (compiled.slots.length > 0) {
    const names = [...new Set(compiled.slots)].map((n) => JSON.stringify(n)).join(", ");
    problems.push({
      path: "",
      message: `is a template with open slots (${names}); call render() with their values first`,
    });
  }
  if (problems.length > 0) throw new ValidationError(subject, problems);
}

function nestingProblems(list: Cell, place: Place): Problem[] {
  const problems: Problem[] = [];
  cellsOf(list).forEach(({ key }, index) => {
    if (key !== undefined && !ALLOWED[place].includes(key)) {
      problems.push({
        path: key,
        message: `cannot stand inside ${describePlace(place)} (the fragment's item ${index})`,
      });
    }
  });
  return problems;
}

/** Every slot name inside a value, in order. */
export function slotsIn(value: unknown, into: string[] = []): string[] {
  if (isOpenValue(value)) into.push(...value[OPEN]);
  else if (Array.isArray(value)) for (const v of value) slotsIn(v, into);
  else if (isRecord(value)) for (const key in value) slotsIn(value[key], into);
  return into;
}
