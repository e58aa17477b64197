import {
  id,
  isoDateTime,
  isEmailAddress,
  isOpenValue,
  isRecord,
  OPEN,
  text,
  toEmailAddressKey,
  toIsoString,
  type EventComponentInput,
  type Problem,
  type Rule,
} from "../components/index.js";
import { compileList, Composer, listOf, metaOf, throwIfInvalid } from "./compose.js";
import type { Cell } from "./list.js";
import { declare, fillHole, type Hole, type Prepared, type Values } from "./render.js";
import {
  customerIdentifier,
  markSelfChecking,
  type CustomerIdentifier,
  type EventRequest,
} from "./request.js";
import { callSite } from "./site.js";
import type { SlotsIn, Str } from "./slot.js";
import type { EventBuilder } from "./types.js";

/** A value set on the event itself (title, externalId, timestamp), with its own problems. */
interface Setting {
  readonly value: unknown;
  readonly problems?: readonly Problem[];
}

/** The event-level state an event builder carries beside its components. */
export interface EventMeta {
  readonly title: Setting;
  readonly externalId?: Setting | undefined;
  readonly timestamp?: Setting | undefined;
  readonly collapsed?: boolean | undefined;
}

type Target =
  | { readonly kind: "customer"; readonly identifier: Setting }
  | { readonly kind: "thread"; readonly threadId: Setting };

const titleRule = text(1, Number.MAX_SAFE_INTEGER, "title");

// The event's own fields that may hold slots, with their rules.
const OPEN_FIELDS = [
  ["title", titleRule],
  ["externalId", id],
  ["timestamp", isoDateTime],
] as const;

/**
 * The common customer identifier, checked without the general rule: one own field, a valid
 * email address (as `email` or `emailAddress`), `externalId` or `customerId`. Anything else,
 * valid or not, returns undefined and takes the general rule, which reports problems.
 */
function plainCustomer(customer: unknown): Setting | undefined {
  if (!isRecord(customer)) return undefined;
  const keys = Object.keys(customer);
  if (keys.length !== 1) return undefined;
  const key = keys[0] as string;
  const value = customer[key];
  if (typeof value !== "string") return undefined;
  if (key === "email" || key === "emailAddress") {
    if (!isEmailAddress(value) || hasOtherField(customer, key)) return undefined;
    return { value: { emailAddress: value } };
  }
  if (key === "externalId" || key === "customerId") {
    if (value.trim().length === 0 || hasOtherField(customer, key)) {
      return undefined;
    }
    return { value: key === "externalId" ? { externalId: value } : { customerId: value } };
  }
  return undefined;
}

const CUSTOMER_FIELDS = ["email", "emailAddress", "externalId", "customerId"];

/** A non-enumerable second field would count for the general rule: leave that to it. */
function hasOtherField(customer: object, key: string): boolean {
  for (const field of CUSTOMER_FIELDS) {
    if (field !== key && Object.hasOwn(customer, field)) return true;
  }
  return false;
}

/** Checks one event-level value now, so that a problem can point at the caller's line. */
function setting(
  rule: Rule,
  value: unknown,
  path: string,
  boundary: (...args: never[]) => unknown,
): Setting {
  const out: Problem[] = [];
  const checked = rule(value, path, out);
  if (out.length === 0) return { value: checked };
  const site = callSite(boundary);
  return { value, problems: site === undefined ? out : out.map((p) => ({ ...p, site })) };
}

class EventComposer extends Composer<EventMeta> {
  /** @internal */
  override _with(list: Cell | undefined, meta: EventMeta = metaOf(this)): this {
    return new EventComposer("event", list, meta) as this;
  }

  get title(): unknown {
    return metaOf(this).title.value;
  }

  /** @internal */
  override _subject(): string {
    const title = metaOf(this).title.value;
    if (typeof title === "string") return `event ${JSON.stringify(title)}`;
    return isOpenValue(title) ? `event template ${JSON.stringify(String(title))}` : "event";
  }

  /** @internal The title's slots come first, then the components', then the options'. */
  override _declare(prepared: Prepared, components: () => void): void {
    const meta = metaOf(this);
    const field = ([name, rule]: (typeof OPEN_FIELDS)[number]) => {
      const holes: Hole[] = [];
      declare(prepared, meta[name]?.value, name, -1, holes, [], rule);
      if (holes[0] !== undefined) prepared.fields.set(name, holes[0]);
    };
    field(OPEN_FIELDS[0]);
    components();
    OPEN_FIELDS.slice(1).forEach(field);
  }

  /** @internal */
  override _fillMeta(prepared: Prepared, values: Values, out: Problem[]): EventMeta {
    if (prepared.fields.size === 0) return metaOf(this);
    const meta: { -readonly [K in keyof EventMeta]: EventMeta[K] } = { ...metaOf(this) };
    for (const [name, hole] of prepared.fields) {
      meta[name as "title"] = { value: fillHole(hole, values, out) };
    }
    return meta;
  }

  /** @internal */
  _withMeta(meta: Partial<EventMeta>): EventComposer {
    return this._with(listOf(this), { ...metaOf(this), ...meta });
  }

  externalId(value: unknown): EventComposer {
    return this._withMeta({
      externalId: setting(id, value, "externalId", EventComposer.prototype.externalId),
    });
  }

  timestamp(value: unknown): EventComposer {
    return this._withMeta({
      timestamp: setting(
        isoDateTime,
        toIsoString(value),
        "timestamp",
        EventComposer.prototype.timestamp,
      ),
    });
  }

  collapsed(value: unknown = true): EventComposer {
    if (typeof value !== "boolean") {
      throw new TypeError(`.collapsed(): expected true or false, got ${typeof value}`);
    }
    return this._withMeta({ collapsed: value });
  }

  /** @internal Problems with the title, externalId and timestamp, title first. */
  _settingProblems(): Problem[] {
    const { title, externalId, timestamp } = metaOf(this);
    return [title, externalId, timestamp].flatMap((s) => s?.problems ?? []);
  }

  forCustomer(customer: unknown): TargetedComposer {
    const identifier =
      plainCustomer(customer) ??
      setting(
        customerIdentifier,
        toEmailAddressKey(customer),
        "customerIdentifier",
        EventComposer.prototype.forCustomer,
      );
    return new TargetedComposer(this, { kind: "customer", identifier });
  }

  forThread(threadId: unknown): TargetedComposer {
    return new TargetedComposer(this, {
      kind: "thread",
      threadId: setting(id, threadId, "threadId", EventComposer.prototype.forThread),
    });
  }
}

/**
 * A copy, since the target is shared by every build. An identifier is one flat object; an
 * email address, the common case, is copied as a literal of one fixed shape.
 */
const copyIdentifier = (value: unknown) => {
  const email = isRecord(value) ? value.emailAddress : undefined;
  return email === undefined ? { ...(value as object) } : { emailAddress: email };
};

/** A setting with problems or open slots: the reason to gather them. */
const needsCare = (s: Setting | undefined): boolean =>
  s !== undefined && (s.problems !== undefined || isOpenValue(s.value));

/** An event with a target. Holds the event it came from, so options can still be changed. */
class TargetedComposer {
  readonly #event: EventComposer;
  readonly #target: Target;

  constructor(event: EventComposer, target: Target) {
    this.#event = event;
    this.#target = target;
  }

  get title(): unknown {
    return this.#event.title;
  }

  get params(): readonly string[] {
    return this.#event.params;
  }

  /** Fills the event's slots in; keeps the target. See `EventBuilder.render`. */
  render(params: unknown): TargetedComposer {
    return new TargetedComposer(this.#event.render(params), this.#target);
  }

  externalId(value: unknown): TargetedComposer {
    return new TargetedComposer(this.#event.externalId(value), this.#target);
  }

  timestamp(value: unknown): TargetedComposer {
    return new TargetedComposer(this.#event.timestamp(value), this.#target);
  }

  collapsed(value: unknown = true): TargetedComposer {
    return new TargetedComposer(this.#event.collapsed(value), this.#target);
  }

  forCustomer(customer: unknown): TargetedComposer {
    return this.#event.forCustomer(customer);
  }

  forThread(threadId: unknown): TargetedComposer {
    return this.#event.forThread(threadId);
  }

  components(): EventComponentInput[] {
    return this.#event.components() as EventComponentInput[];
  }

  problems(): readonly Problem[] {
    return this.#compile().problems;
  }

  build(): EventRequest {
    const { request, problems, slots } = this.#compile();
    if (problems.length > 0 || slots.length > 0) {
      throwIfInvalid(this.#event._subject(), { components: [], problems, slots });
    }
    return request;
  }

  /** Compiles the request and gathers every problem, event-level ones first. */
  #compile(): { request: EventRequest; problems: Problem[]; slots: string[] } {
    const meta = metaOf(this.#event);
    const {
      components,
      problems: listProblems,
      slots: listSlots,
    } = compileList(listOf(this.#event), "components");
    const target = this.#target;
    const targetSetting = target.kind === "customer" ? target.identifier : target.threadId;
    let problems: Problem[] = listProblems;
    let slots: string[] = listSlots;
    // The common case (nothing wrong, nothing open anywhere) allocates nothing more.
    if (
      problems.length > 0 ||
      slots.length > 0 ||
      components.length === 0 ||
      needsCare(targetSetting) ||
      needsCare(meta.title) ||
      needsCare(meta.externalId) ||
      needsCare(meta.timestamp)
    ) {
      problems = [];
      slots = [];
      const collect = (s: Setting | undefined) => {
        if (s?.problems !== undefined) problems.push(...s.problems);
        if (s !== undefined && isOpenValue(s.value)) slots.push(...s.value[OPEN]);
      };
      collect(targetSetting);
      collect(meta.title);
      if (components.length === 0) {
        problems.push({ path: "components", message: "must hold at least one component" });
      }
      problems.push(...listProblems);
      slots.push(...listSlots);
      collect(meta.externalId);
      collect(meta.timestamp);
    }

    // The request itself: keys in a fixed order, options left out omitted, never null. Not
    // frozen: every build returns new objects, so the request is the caller's own.
    const input: Record<string, unknown> =
      target.kind === "customer"
        ? { customerIdentifier: copyIdentifier(target.identifier.value) }
        : { threadId: target.threadId.value };
    input.title = meta.title.value;
    input.components = components;
    if (meta.externalId !== undefined) input.externalId = meta.externalId.value;
    if (meta.timestamp !== undefined) input.timestamp = meta.timestamp.value;
    if (meta.collapsed !== undefined) input.isCollapsed = meta.collapsed;
    const request = {
      operation: target.kind === "customer" ? "createCustomerEvent" : "createThreadEvent",
      input,
    } as unknown as EventRequest;
    return { request, problems, slots };
  }
}
markSelfChecking(TargetedComposer.prototype);

/**
 * Starts an event. Every method returns a new, immutable builder, so a base event can be branched
 * into variants and shared as a template.
 *
 * @param title - The event's title: a non-empty string (or a template slot).
 * @example
 * ```ts
 * const apiKeyGenerated = event("API key generated")
 *   .text(md`New API key with the fingerprint **${fingerprint}**`)
 *   .spacer("M")
 *   .button("View in admin", "https://admin.your-app.com");
 *
 * apiKeyGenerated.forCustomer({ email: "jane@acme.com" }).externalId("key-3b78").build();
 * ```
 */
export function event<const T extends Str>(title: T): EventBuilder<SlotsIn<T>> {
  const meta: EventMeta = { title: setting(titleRule, title, "title", event) };
  return new EventComposer("event", undefined, meta) as unknown as EventBuilder<SlotsIn<T>>;
}

export { EventComposer, TargetedComposer };
export type { CustomerIdentifier };
