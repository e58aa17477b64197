import type {
  AllowedIn,
  BadgeColor,
  ComponentIn,
  ComponentKey,
  EventComponentInput,
  PlainTextOptions,
  SpacingSize,
  TextOptions,
} from "../components/index.js";
import type { Markdown } from "./markdown.js";
import type { CustomerIdentifier, EventRequest } from "./request.js";
import type { Slot, SlotString, SlotsIn, Str, TemplateParams } from "./slot.js";

/** Text for `.text()`: Markdown as written (a string), `md\`…\``, or a slot. */
export type Textish = string | Markdown<string> | Slot | SlotString;

/** A `Date`, or an ISO 8601 date-time string with an offset, or a slot. */
export type DateTimeish = Date | string | Slot | SlotString;

/** `.workflowButton()`'s target: exactly one of the workflow's id or key. */
export type WorkflowArg =
  | { readonly workflowId: Str; readonly workflowKey?: never }
  | { readonly workflowKey: Str; readonly workflowId?: never };

/** `.user()`'s target: exactly one of these (`email` is short for `emailAddress`). */
export type UserArg =
  | {
      readonly userId: Str;
      readonly email?: never;
      readonly emailAddress?: never;
      readonly machineUserId?: never;
    }
  | {
      readonly email: Str;
      readonly userId?: never;
      readonly emailAddress?: never;
      readonly machineUserId?: never;
    }
  | {
      readonly emailAddress: Str;
      readonly userId?: never;
      readonly email?: never;
      readonly machineUserId?: never;
    }
  | {
      readonly machineUserId: Str;
      readonly userId?: never;
      readonly email?: never;
      readonly emailAddress?: never;
    };

/** Which builder a method returns, by the builder's tag. TypeScript's stand-in for `this<…>`. */
export interface BuilderFor<S extends string, K extends ComponentKey> {
  event: EventBuilder<S>;
  card: CardBuilder<S>;
  container: ContainerContent<S, K>;
  row: RowContent<S, K>;
  fragment: Fragment<K, S>;
}
export type Tag = keyof BuilderFor<never, never>;
type Next<T extends Tag, S extends string, K extends ComponentKey> = T extends "event"
  ? EventBuilder<S>
  : T extends "card"
    ? CardBuilder<S>
    : T extends "container"
      ? ContainerContent<S, K>
      : T extends "row"
        ? RowContent<S, K>
        : Fragment<K, S>;

/** The place whose nesting rules a builder follows. */
type PlaceOf<T extends Tag> = T extends "row"
  ? "row"
  : T extends "container"
    ? "container"
    : T extends "card"
      ? "card"
      : "event";

/** Absent values for `.add()`, `.when()`: only `null`, `undefined` and `false`, so `0` and `""` count. */
export type Absent = null | undefined | false;

/**
 * What `.add()` accepts at a place: fragments whose kinds may stand there, raw Plain component
 * JSON (checked), another builder's `.components()`, nested arrays, and absent values.
 */
export type Addable<T extends Tag> = AddableItem<T> | AddableList<T>;

/** One item `.add()` accepts at a place (see {@link Addable}). */
export type AddableItem<T extends Tag> =
  | Fragment<AllowedIn<PlaceOf<T>>, string>
  | ComponentIn<PlaceOf<T>>
  | (PlaceOf<T> extends "event" | "card" ? EventBuilder<string> | CardBuilder<string> : never)
  | Absent;

/** A nested list of addable items; nesting is flattened when added. */
export interface AddableList<T extends Tag> extends ReadonlyArray<
  AddableItem<T> | AddableList<T>
> {}

declare const BRAND: unique symbol;

/**
 * A type-only record of what a builder holds: its open slot names and the component kinds it
 * added. It lets `.add()` read both without comparing whole builder types.
 */
export interface Branded<S extends string, K extends ComponentKey> {
  /** @internal type-only; never present at run time. */
  readonly [BRAND]: { readonly slots: S; readonly kinds: K };
}

type ItemSlots<X> = X extends { readonly [BRAND]: { readonly slots: infer S extends string } }
  ? S
  : never;
type ItemKinds<X> = X extends { readonly [BRAND]: { readonly kinds: infer K extends ComponentKey } }
  ? K
  : X extends readonly unknown[]
    ? never
    : Extract<keyof X, ComponentKey>;

// Unrolled to three levels of nested arrays, not recursive: a recursive conditional type over
// the recursive `Addable` constraint never terminates. Deeper nesting still works at run time;
// its kinds count as "anything" so the nesting check stays safe.
type AddedSlots<X> = X extends readonly (infer Y)[]
  ? | ItemSlots<Y>
    | (Y extends readonly (infer Z)[] ? ItemSlots<Z> | ItemSlots<Z[number & keyof Z]> : never)
  : ItemSlots<X>;
type AddedKinds<X> = X extends readonly (infer Y)[]
  ? | ItemKinds<Y>
    | (Y extends readonly (infer Z)[]
        ? ItemKinds<Z> | (Z extends readonly unknown[] ? ComponentKey : never)
        : never)
  : ItemKinds<X>;

/** The slot names held by a user or workflow identifier argument. */
type ArgSlots<A> = { [P in keyof A]-?: SlotsIn<A[P]> }[keyof A];

/**
 * The methods every component list offers: one per leaf component, plus composition.
 * `S` accumulates template slot names; `K` the kinds added (used to check fragments' nesting).
 */
export interface LeafMethods<
  T extends Tag,
  S extends string,
  K extends ComponentKey,
> extends Branded<S, K> {
  /**
   * Markdown text (bold, italic and links). 1–10000 characters. A plain string is Markdown as
   * written; use {@link md} to escape interpolated values.
   */
  text<V extends Textish>(
    text: V,
    options?: TextOptions,
  ): Next<T, S | SlotsIn<V>, K | "componentText">;
  /** Text shown exactly as written, with no Markdown. 1–10000 characters. */
  plainText<V extends Str>(
    text: V,
    options?: PlainTextOptions,
  ): Next<T, S | SlotsIn<V>, K | "componentPlainText">;
  /** Vertical space: `XS`, `S`, `M`, `L` or `XL`. */
  spacer(size: SpacingSize): Next<T, S, K | "componentSpacer">;
  /** A horizontal line, with `XS`–`XL` spacing around it (Plain's default is `S`). */
  divider(spacing?: SpacingSize): Next<T, S, K | "componentDivider">;
  /** A short coloured label (≤ 500 characters): `GREY`, `GREEN`, `YELLOW`, `RED` or `BLUE`. */
  badge<L extends Str>(label: L, color?: BadgeColor): Next<T, S | SlotsIn<L>, K | "componentBadge">;
  /** A link button (Plain's `componentLinkButton`): label ≤ 500 characters, an absolute http(s) URL. */
  button<L extends Str, U extends Str>(
    label: L,
    url: U,
  ): Next<T, S | SlotsIn<L> | SlotsIn<U>, K | "componentLinkButton">;
  /** A button that copies `value` (≤ 1000 characters), with an optional tooltip (≤ 500). */
  copyButton<V extends Str, P extends Str = never>(
    value: V,
    tooltip?: P,
  ): Next<T, S | SlotsIn<V> | SlotsIn<P>, K | "componentCopyButton">;
  /** A button that runs one of your Plain workflows, by `{ workflowId }` or `{ workflowKey }`. */
  workflowButton<L extends Str, W extends WorkflowArg>(
    label: L,
    workflow: W,
  ): Next<T, S | SlotsIn<L> | ArgSlots<W>, K | "componentWorkflowButton">;
  /** An instant, shown in the viewer's time zone: a `Date` or an ISO 8601 string with an offset. */
  dateTime<V extends DateTimeish>(value: V): Next<T, S | SlotsIn<V>, K | "componentDateTime">;
  /** A Plain user: `{ userId }`, `{ email }` (or `{ emailAddress }`) or `{ machineUserId }`. */
  user<U extends UserArg>(user: U): Next<T, S | ArgSlots<U>, K | "componentUser">;
  /**
   * Adds fragments, raw Plain component JSON (validated), another builder's `.components()`,
   * or nested arrays of these. `null`, `undefined` and `false` are skipped.
   */
  add<const A extends readonly Addable<T>[]>(
    ...items: A
  ): Next<
    T,
    S | Extract<AddedSlots<A[number]>, string>,
    K | Extract<AddedKinds<A[number]>, ComponentKey>
  >;
  /**
   * Applies `then` when `condition` is present (anything but `null`, `undefined` and `false`;
   * `0` and `""` count as present), else `otherwise` if given.
   */
  when<C, R extends Next<T, string, ComponentKey>>(
    condition: C,
    then: (builder: Next<T, S, K>, value: Exclude<C, Absent>) => R,
    otherwise?: (builder: Next<T, S, K>) => R,
  ): R;
  /** Folds over `items`: `fn` gets the builder so far, the item and its index. */
  each<I, R extends Next<T, string, ComponentKey>>(
    items: Iterable<I>,
    fn: (builder: Next<T, S, K>, item: I, index: number) => R,
  ): R;
  /**
   * The compiled components: exactly Plain's JSON, fresh objects on each call (yours to change:
   * no builder shares them). Throws a `ValidationError` listing every problem,
   * or naming the open slots of a template.
   */
  components(this: Next<T, never, K>): ComponentIn<PlaceOf<T>>[];
  /** Every problem with the components, with paths (empty when valid). Never throws. */
  problems(): readonly import("../components/index.js").Problem[];
  /** The template slot names, in order of first appearance. */
  readonly params: readonly S[];
  /**
   * Fills every slot in and returns a concrete builder. Each value is checked against its
   * slot's type and by the field's own rule, with the same paths as direct building; values
   * placed into Markdown are escaped as `md` escapes them. Throws a `ValidationError` naming
   * every missing, unknown or invalid parameter. The template is compiled once, on the first
   * render, so rendering it again only copies and checks what the values touch.
   *
   * @example
   * ```ts
   * apiKeyGenerated.render({ fingerprint: "3b78…", roleCount: 4, adminUrl: "https://admin.acme.com" })
   * ```
   */
  render(params: TemplateParams<S>): Next<T, never, K>;
}

/** A row's main and aside content: `RowContent => RowContent`, a fragment, or raw components. */
export type RowSide<S extends string> =
  ((content: RowContent<never, never>) => RowContent<S, ComponentKey>) | Addable<"row">;

/** Adds `.row()`. Offered by events, cards, containers and fragments; not inside a row. */
export interface RowMethod<T extends Tag, S extends string, K extends ComponentKey> {
  /**
   * Main content on the left and aside content on the right. Each side holds at least one
   * component, and no row or container.
   *
   * @example
   * ```ts
   * .row((main) => main.text("Plan"), (aside) => aside.badge("Pro", "BLUE"))
   * ```
   */
  row<M extends RowSide<string>, A extends RowSide<string>>(
    main: M,
    aside: A,
  ): Next<T, S | SideSlots<M> | SideSlots<A>, K | "componentRow">;
}

type SideSlots<X> = X extends (content: never) => RowContent<infer S, ComponentKey>
  ? S
  : AddedSlots<X>;

/** Adds `.container()`. Offered by events, cards and fragments; not inside a container or row. */
export interface ContainerMethod<T extends Tag, S extends string, K extends ComponentKey> {
  /**
   * A bordered card of components: at least one; rows allowed, containers not.
   *
   * @example
   * ```ts
   * .container((c) => c.text("Invoice #42").row((m) => m.plainText("Total"), (a) => a.plainText("€10")))
   * ```
   */
  container<C extends ContainerSide<string>>(
    content: C,
  ): Next<T, S | ContainerSlots<C>, K | "componentContainer">;
}

export type ContainerSide<S extends string> =
  | ((content: ContainerContent<never, never>) => ContainerContent<S, ComponentKey>)
  | Addable<"container">;

type ContainerSlots<X> = X extends (content: never) => ContainerContent<infer S, ComponentKey>
  ? S
  : AddedSlots<X>;

/** What a row's sides are built with: leaf components only. */
export interface RowContent<
  S extends string = never,
  K extends ComponentKey = never,
> extends LeafMethods<"row", S, K> {}

/** What a container is built with: leaf components and rows. */
export interface ContainerContent<S extends string = never, K extends ComponentKey = never>
  extends LeafMethods<"container", S, K>, RowMethod<"container", S, K> {}

/**
 * A reusable run of components. Its type remembers which kinds it holds (`K`), so a fragment
 * with a container cannot be added to a container, nor one with a row to a row.
 */
export interface Fragment<K extends ComponentKey = never, S extends string = never>
  extends
    LeafMethods<"fragment", S, K>,
    RowMethod<"fragment", S, K>,
    ContainerMethod<"fragment", S, K> {}

type EventNext<T extends "event" | "targeted", S extends string> = T extends "event"
  ? EventBuilder<S>
  : TargetedEvent<S>;

/** Options shared by events before (`"event"`) and after (`"targeted"`) they get a target. */
export interface EventOptions<T extends "event" | "targeted", S extends string> {
  /** Your own unique id for the event (non-empty). Plain rejects a second event with the same id. */
  externalId<V extends Str>(id: V): EventNext<T, S | SlotsIn<V>>;
  /** Overrides the event's time, for backfills: a `Date` or an ISO 8601 string with an offset. */
  timestamp<V extends DateTimeish>(time: V): EventNext<T, S | SlotsIn<V>>;
  /** Shows the event collapsed in the timeline (Plain's `isCollapsed`). */
  collapsed(collapsed?: boolean): EventNext<T, S>;
}

/** An event being composed. Target it with `.forCustomer()` or `.forThread()` to build a request. */
export interface EventBuilder<S extends string = never>
  extends
    LeafMethods<"event", S, ComponentKey>,
    RowMethod<"event", S, ComponentKey>,
    ContainerMethod<"event", S, ComponentKey>,
    EventOptions<"event", S> {
  /** The event's title. */
  readonly title: Str;
  /** Targets a customer: `{ email }`, `{ emailAddress }`, `{ externalId }` or `{ customerId }`. */
  forCustomer(customer: CustomerIdentifier): TargetedEvent<S>;
  /** Targets one thread by its id (`th_…`): the event shows in that thread only. */
  forThread(threadId: string): TargetedEvent<S>;
}

/** An event with a target: ready to `.build()` into a request or hand to a transport. */
export interface TargetedEvent<S extends string = never> extends EventOptions<"targeted", S> {
  readonly title: Str;
  readonly params: readonly S[];
  /** Fills the event's slots in, keeping the target. See {@link EventBuilder.render}. */
  render(params: TemplateParams<S>): TargetedEvent<never>;
  /** The event's compiled components. */
  components(this: TargetedEvent<never>): EventComponentInput[];
  /** Every problem with the request (empty when valid). Never throws. */
  problems(): readonly import("../components/index.js").Problem[];
  /** The request to send: `{ operation, input }`. Throws a `ValidationError` listing every problem. */
  build(this: TargetedEvent<never>): EventRequest;
  /** Retargets at another customer. */
  forCustomer(customer: CustomerIdentifier): TargetedEvent<S>;
  /** Retargets at another thread. */
  forThread(threadId: string): TargetedEvent<S>;
}

/** A customer card's content, built with `card(key)`. */
export interface CardBuilder<S extends string = never>
  extends
    LeafMethods<"card", S, ComponentKey>,
    RowMethod<"card", S, ComponentKey>,
    ContainerMethod<"card", S, ComponentKey> {
  /** The card's key: `[a-zA-Z0-9_-]+`, at most 500 characters. */
  readonly key: string;
  /** How long Plain may cache the card: 15 to 31,536,000 seconds. */
  ttl(seconds: number): CardBuilder<S>;
  /** The card as Plain expects it in a customer-card response. */
  build(this: CardBuilder<never>): CardResponseEntry;
}

/** One card in a customer-card response. `components: null` hides the card. */
export interface CardResponseEntry {
  readonly key: string;
  readonly timeToLiveSeconds?: number;
  readonly components: EventComponentInput[] | null;
}
