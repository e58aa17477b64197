import {
  ALLOWED,
  ALREADY_REPORTED,
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
  checkBuilt,
  OPEN,
  showValue,
  type AnyComponent,
  type ComponentKey,
  type Place,
  type Problem,
  ValidationError,
} from "../components/index.js";
import { Markdown } from "./markdown.js";
import {
  ALLOWED_BITS,
  Cell,
  copyJson,
  KIND_BIT,
  forEachCell,
  HAS_PROBLEMS,
  HAS_SLOTS,
  HAS_SPLICE,
  plainComponents,
} from "./list.js";
import { Plan, type FieldInput, type Values } from "./render.js";
import { callSite } from "./site.js";
import { Slot, SlotString } from "./slot.js";

/** Which builder an instance is; decides its nesting rules. */
export type BuilderTag = "event" | "card" | "container" | "row" | "fragment";

const PLACE: Readonly<Record<BuilderTag, Place>> = {
  event: "event",
  card: "card",
  container: "container",
  row: "row",
  // A fragment may hold anything; where it lands decides whether that is allowed.
  fragment: "event",
};

type KindCell = Cell;

/** The result of compiling a list: components, problems with full paths, and open slots. */
export interface Compiled {
  readonly components: AnyComponent[];
  readonly problems: Problem[];
  readonly slots: string[];
}

/**
 * The runtime behind every builder type (event, card, container and row content, fragment).
 * Each public type in `types.ts` shows only the methods its place allows; this class checks
 * the same rules at run time for untyped callers.
 */
export class Composer<Meta = unknown> {
  /** @internal */ readonly _tag: BuilderTag;
  /** @internal */ readonly _list: KindCell | undefined;
  /** @internal */ readonly _meta: Meta;

  constructor(tag: BuilderTag, list: KindCell | undefined, meta: Meta) {
    this._tag = tag;
    this._list = list;
    this._meta = meta;
    Object.freeze(this);
  }

  /**
   * @internal A builder of the same kind with another list. Subclasses keep their meta, and
   * override this with a direct `new` (dispatching on `this.constructor` is slower).
   */
  _with(list: KindCell | undefined): this {
    if (this.constructor === Composer) return new Composer(this._tag, list, this._meta) as this;
    const Ctor = this.constructor as new (
      tag: BuilderTag,
      list: KindCell | undefined,
      meta: Meta,
    ) => this;
    return new Ctor(this._tag, list, this._meta);
  }

  /**
   * @internal Appends one component made by its `create…` function: checked in place (no copy),
   * then frozen, since compiled payloads are shared between builders.
   */
  _append(
    raw: Record<string, Record<string, unknown>>,
    key: ComponentKey,
    boundary: (...args: never[]) => unknown,
    open: boolean,
  ): this {
    const out: Problem[] = [];
    checkBuilt(raw, key, PLACE[this._tag], out);
    const component = raw as unknown as AnyComponent;
    return this._with(
      this._cell(component, key, out, open ? slotsIn(component) : undefined, boundary),
    );
  }

  /** @internal Appends one component given as raw JSON: normalized (copied) and checked. */
  _appendRaw(raw: unknown, boundary: (...args: never[]) => unknown, open: boolean): this {
    const out: Problem[] = [];
    const component = normalizeComponent(raw, PLACE[this._tag], "", out);
    const key = component === undefined ? undefined : (Object.keys(component)[0] as ComponentKey);
    return this._with(
      this._cell(component, key, out, open ? slotsIn(component) : undefined, boundary),
    );
  }

  /** @internal */
  _cell(
    component: AnyComponent | undefined,
    key: ComponentKey | undefined,
    problems: Problem[],
    slots: string[] | undefined,
    boundary: (...args: never[]) => unknown,
  ): KindCell {
    if (problems.length > 0) {
      const site = callSite(boundary);
      if (site !== undefined) problems = problems.map((p) => ({ ...p, site }));
    }
    return new Cell(
      this._list,
      component,
      key,
      key === undefined ? 0 : KIND_BIT[key],
      problems.length > 0 ? problems : undefined,
      slots !== undefined && slots.length > 0 ? slots : undefined,
      undefined,
      undefined,
    );
  }

  text(value: unknown, options?: { size?: unknown; color?: unknown }): this {
    // A slot in Markdown text is a value like any other: render() escapes it as md`…` would.
    const text =
      value instanceof Markdown && !isOpenValue(value)
        ? value.toString()
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
      isOpenValue(label) || hasOpenField(workflow),
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
    return this._append(
      createUser(identifier),
      "componentUser",
      Composer.prototype.user,
      hasOpenField(identifier),
    );
  }

  row(main: unknown, aside: unknown): this {
    const mainSide = this._side("row", main, "rowMainContent");
    const asideSide = this._side("row", aside, "rowAsideContent");
    return this._nest(
      createRow(mainSide.components, asideSide.components),
      { rowMainContent: mainSide, rowAsideContent: asideSide },
      Composer.prototype.row,
    );
  }

  container(content: unknown): this {
    const side = this._side("container", content, "containerContent");
    return this._nest(
      createContainer(side.components),
      { containerContent: side },
      Composer.prototype.container,
    );
  }

  /** @internal Compiles one side of a row or a container's content, with paths under `field`. */
  _side(tag: "row" | "container", content: unknown, field: string): Compiled {
    let list: KindCell | undefined;
    const empty = new Composer(tag, undefined, undefined);
    if (typeof content === "function") {
      const built: unknown = content(empty);
      if (!(built instanceof Composer)) {
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
      list = built._list;
    } else {
      list = empty.add(content)._list;
    }
    return compileList(list, field);
  }

  /**
   * @internal Appends a row or container whose children were compiled by `_side`. The children
   * were checked when they were built, so only the row or container itself is checked here: at
   * least one component a side, and that it may stand at this builder's place.
   */
  _nest(
    raw: Record<string, Record<string, unknown>>,
    sides: Readonly<Record<string, Compiled>>,
    boundary: (...args: never[]) => unknown,
  ): this {
    const key = Object.keys(raw)[0] as ComponentKey;
    const place = PLACE[this._tag];
    const out: Problem[] = [];
    const slots: string[] = [];
    // Misplaced: that is the one problem worth saying about the row or container itself.
    const allowed = (ALLOWED_BITS[place] & KIND_BIT[key]) !== 0;
    if (!allowed) out.push({ path: key, message: `cannot stand inside ${describePlace(place)}` });
    for (const [field, side] of Object.entries(sides)) {
      for (const p of side.problems) out.push({ ...p, path: joinPath(key, p.path) });
      // A side whose only trouble is already reported (a callback that returned nothing) is
      // not reported again as empty.
      if (allowed && side.components.length === 0 && side.problems.length === 0) {
        out.push({ path: `${key}.${field}`, message: "must hold at least one component" });
      }
      slots.push(...side.slots);
    }
    const component = raw as unknown as AnyComponent;
    return this._with(this._cell(component, key, out, slots, boundary));
  }

  add(...items: unknown[]): this {
    let list = this._list;
    const place = PLACE[this._tag];
    const visit = (item: unknown): void => {
      if (item === null || item === undefined || item === false) return;
      if (Array.isArray(item)) {
        for (const inner of item) visit(inner);
        return;
      }
      if (item instanceof Composer) {
        const other = (item as Composer)._list;
        if (other === undefined) return;
        if ((other.kinds & ~ALLOWED_BITS[place]) !== 0) {
          list = this._with(list)._cell(
            undefined,
            undefined,
            nestingProblems(other, place),
            undefined,
            Composer.prototype.add,
          );
          return;
        }
        list = new Cell(list, undefined, undefined, 0, undefined, undefined, other, undefined);
        return;
      }
      const out: Problem[] = [];
      const component = normalizeComponent(item, place, "", out);
      const key = component === undefined ? undefined : (Object.keys(component)[0] as ComponentKey);
      list = this._with(list)._cell(
        component,
        key,
        out,
        slotsIn(component),
        Composer.prototype.add,
      );
    };
    for (const item of items) visit(item);
    return this._with(list);
  }

  when(
    condition: unknown,
    then: (builder: this, value: unknown) => unknown,
    otherwise?: (builder: this) => unknown,
  ): this {
    const present = condition !== null && condition !== undefined && condition !== false;
    if (present) return this._expectBuilder(then(this, condition), "when");
    return otherwise === undefined ? this : this._expectBuilder(otherwise(this), "when");
  }

  each<I>(items: Iterable<I>, fn: (builder: this, item: I, index: number) => unknown): this {
    let builder = this;
    let index = 0;
    for (const item of items) builder = this._expectBuilder(fn(builder, item, index++), "each");
    return builder;
  }

  /** @internal Callbacks must hand back a builder; anything else is a mistake worth a clear error. */
  _expectBuilder(value: unknown, method: string): this {
    if (value instanceof Composer && value._tag === this._tag) return value as this;
    throw new TypeError(
      `.${method}(): the callback must return the builder it was given (did you forget "return"?), got ${showValue(value)}`,
    );
  }

  components(): AnyComponent[] {
    const compiled = compileList(this._list, "components");
    // The subject is only worked out when something is wrong: this is the hot path.
    if (compiled.problems.length > 0 || compiled.slots.length > 0) {
      throwIfInvalid(this._subject(), compiled);
    }
    return compiled.components;
  }

  problems(): readonly Problem[] {
    return compileList(this._list, "components").problems;
  }

  get params(): readonly string[] {
    return [...new Set(compileList(this._list, "components").slots)];
  }

  /**
   * Fills every slot in and returns a concrete builder of the same kind. Filled values are
   * checked by the same rules, with the same paths, as direct building; a value placed into
   * Markdown is escaped as `md` escapes it. Throws a `ValidationError` naming every missing,
   * unknown or invalid parameter (and any problem the template already had).
   */
  render(params: unknown): this {
    const { plan, problems, kinds } = this._prepare();
    const out: Problem[] = problems.length === 0 ? [] : [...problems];
    const values = plan.resolve(params, out);
    let result = this;
    if (values !== undefined) {
      // The rendered list is one lazy cell: checked now, made fresh each time it is compiled.
      const rendered = plan.fill(values, out);
      const list =
        plan.size === 0
          ? undefined
          : new Cell(
              undefined,
              undefined,
              undefined,
              kinds,
              undefined,
              undefined,
              undefined,
              rendered,
            );
      result = this._filled(plan, values, list, out);
    }
    if (out.length > 0) throw new ValidationError(this._subject(), out);
    return result;
  }

  /** @internal The rendered builder; events fill their own fields in too. */
  _filled(_plan: Plan, _values: Values, list: KindCell | undefined, _out: Problem[]): this {
    return this._with(list);
  }

  /** @internal The template compiled for rendering, once per builder. */
  _prepare(): Prepared {
    let prepared = PREPARED.get(this);
    if (prepared === undefined) {
      const compiled = compileList(this._list, "components");
      const { fields, first } = this._fields();
      const plan = new Plan(compiled.components, PLACE[this._tag], fields, first);
      let kinds = 0;
      for (const key of plan.kinds) kinds |= KIND_BIT[key as ComponentKey];
      prepared = { plan, problems: [...compiled.problems, ...plan.problems], kinds };
      PREPARED.set(this, prepared);
    }
    return prepared;
  }

  /** @internal Fields beside the components that may hold slots, and which come first. */
  _fields(): { fields: FieldInput[]; first: string[] } {
    return { fields: [], first: [] };
  }

  /** @internal How errors name this builder. */
  _subject(): string {
    return this._tag === "fragment" ? "fragment" : `${describePlace(PLACE[this._tag]).slice(2)}`;
  }
}

/** A template prepared for rendering, and the problems it had before any value was given. */
export interface Prepared {
  readonly plan: Plan;
  readonly problems: readonly Problem[];
  /** The kind bits of every component it renders. */
  readonly kinds: number;
}

// Builders are frozen, so a prepared plan is cached beside them rather than on them.
const PREPARED = new WeakMap<Composer<unknown>, Prepared>();

/** Compiles a list into components, with every problem's path under `prefix`. */
export function compileList(last: Cell | undefined, prefix: string): Compiled {
  // The common case: no problems, slots or spliced fragments anywhere. Fill and go.
  // A rendered template's cell has neither problems nor slots (render() threw otherwise).
  if (last === undefined || (last.flags & (HAS_PROBLEMS | HAS_SLOTS | HAS_SPLICE)) === 0) {
    return { components: plainComponents(last, ALREADY_REPORTED), problems: NONE, slots: NONE };
  }
  const components = new Array<AnyComponent>(last.size);
  const problems: Problem[] = [];
  const slots: string[] = [];
  forEachCell(last, (cell, index) => {
    components[index] = cell.component === undefined ? ALREADY_REPORTED : copyJson(cell.component);
    if (cell.problems !== undefined) {
      const at = `${prefix}[${index}]`;
      for (const p of cell.problems) problems.push({ ...p, path: joinPath(at, p.path) });
    }
    if (cell.slots !== undefined) slots.push(...cell.slots);
  });
  return { components, problems, slots };
}

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
  forEachCell(list, (cell, index) => {
    if (cell.key !== undefined && !ALLOWED[place].includes(cell.key)) {
      problems.push({
        path: `${cell.key}`,
        message: `cannot stand inside ${describePlace(place)} (the fragment's item ${index})`,
      });
    }
  });
  return problems;
}

function hasOpenField(value: unknown): boolean {
  return isRecord(value) && Object.values(value).some(isOpenValue);
}

/** Every slot name inside a value, in order. */
export function slotsIn(value: unknown, into: string[] = []): string[] {
  if (isOpenValue(value)) into.push(...value[OPEN]);
  else if (Array.isArray(value)) for (const v of value) slotsIn(v, into);
  else if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) slotsIn(v, into);
  }
  return into;
}
