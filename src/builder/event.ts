import {
  id,
  isoDateTime,
  isEmailAddress,
  isOpenValue,
  isRecord,
  OPEN,
  text,
  ValidationError,
  toEmailAddressKey,
  toIsoString,
  type EventComponentInput,
  type Problem,
  type Rule,
} from "../components/index.js";
import { compileList, Composer, throwIfInvalid, type BuilderTag } from "./compose.js";
import type { FieldInput, Plan, Values } from "./render.js";
import { copyJson } from "./list.js";
import { writeDocument, type TemplateDocument, type TemplateJSONOptions } from "./template-json.js";
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

const NONE: never[] = Object.freeze([]) as unknown as never[];

/** True when a setting needs the slow path: it has problems or waits for a slot. */
function unsettled(s: Setting | undefined): boolean {
  return s !== undefined && (s.problems !== undefined || isOpenValue(s.value));
}

type Target =
  | { readonly kind: "customer"; readonly identifier: Setting }
  | { readonly kind: "thread"; readonly threadId: Setting };

const titleRule = text(1, Number.MAX_SAFE_INTEGER, "title");

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
  // Spelled out: an implicit derived constructor forwards its arguments by spreading, which is
  // slower on this hot path (one builder a call).
  constructor(tag: BuilderTag, list: Composer["_list"], meta: EventMeta) {
    super(tag, list, meta);
  }

  /** @internal */
  override _with(list: Composer["_list"]): this {
    return new EventComposer(this._tag, list, this._meta) as this;
  }

  get title(): unknown {
    return this._meta.title.value;
  }

  /** @internal */
  override _subject(): string {
    const title = this._meta.title.value;
    if (typeof title === "string") return `event ${JSON.stringify(title)}`;
    return isOpenValue(title) ? `event template ${JSON.stringify(String(title))}` : "event";
  }

  /** @internal The event's own fields that may hold slots; the title's params come first. */
  override _fields(): { fields: FieldInput[]; first: string[] } {
    const { title, externalId, timestamp } = this._meta;
    const fields: FieldInput[] = [{ name: "title", value: title.value, rule: titleRule }];
    if (externalId !== undefined)
      fields.push({ name: "externalId", value: externalId.value, rule: id });
    if (timestamp !== undefined) {
      fields.push({ name: "timestamp", value: timestamp.value, rule: isoDateTime });
    }
    return { fields, first: ["title"] };
  }

  /** @internal */
  override _filled(plan: Plan, values: Values, list: Composer["_list"], out: Problem[]): this {
    if (!plan.hasFields) return new EventComposer(this._tag, list, this._meta) as this;
    const meta: { -readonly [K in keyof EventMeta]: EventMeta[K] } = { ...this._meta };
    for (const name of ["title", "externalId", "timestamp"] as const) {
      if (!plan.hasField(name)) continue;
      const value = plan.field(name, values, out);
      if (value !== undefined) meta[name] = { value };
    }
    return new EventComposer(this._tag, list, meta) as this;
  }

  /** @internal */
  _withMeta(meta: Partial<EventMeta>): EventComposer {
    const m = this._meta;
    // Spelled out rather than spread: this runs on every option call, and a fixed shape is
    // several times faster than object spread.
    return new EventComposer(this._tag, this._list, {
      title: meta.title ?? m.title,
      externalId: "externalId" in meta ? meta.externalId : m.externalId,
      timestamp: "timestamp" in meta ? meta.timestamp : m.timestamp,
      collapsed: "collapsed" in meta ? meta.collapsed : m.collapsed,
    });
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

  toTemplateJSON(options?: TemplateJSONOptions): TemplateDocument {
    const { plan, problems } = this._prepare();
    const extra: Problem[] = [...this._settingProblems(), ...problems];
    if (this._list === undefined) {
      extra.push({ path: "components", message: "must hold at least one component" });
    }
    if (extra.length > 0) throw new ValidationError(this._subject(), extra);
    const { title, externalId, timestamp, collapsed } = this._meta;
    return writeDocument(
      {
        title: title.value,
        externalId: externalId?.value,
        timestamp: timestamp?.value,
        collapsed,
        components: compileList(this._list, "components").components,
        params: plan.params,
      },
      options,
    );
  }

  /** @internal Problems with the title, externalId and timestamp, title first. */
  _settingProblems(): Problem[] {
    const { title, externalId, timestamp } = this._meta;
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

  override get params(): readonly string[] {
    const names: string[] = [];
    names.push(...slotNames(this._meta.title.value));
    names.push(...super.params);
    for (const s of [this._meta.externalId, this._meta.timestamp]) {
      if (s !== undefined && isOpenValue(s.value)) names.push(...slotNames(s.value));
    }
    return [...new Set(names)];
  }
}

function slotNames(value: unknown): readonly string[] {
  return isOpenValue(value) ? value[OPEN] : [];
}

/** An event with a target. Holds the event it came from, so options can still be changed. */
class TargetedComposer {
  /** @internal */ readonly _event: EventComposer;
  /** @internal */ readonly _target: Target;

  constructor(event: EventComposer, target: Target) {
    this._event = event;
    this._target = target;
    Object.freeze(this);
  }

  get title(): unknown {
    return this._event.title;
  }

  get params(): readonly string[] {
    return this._event.params;
  }

  /** Fills the event's slots in; keeps the target. See `EventBuilder.render`. */
  render(params: unknown): TargetedComposer {
    return new TargetedComposer(this._event.render(params), this._target);
  }

  externalId(value: unknown): TargetedComposer {
    return new TargetedComposer(this._event.externalId(value), this._target);
  }

  timestamp(value: unknown): TargetedComposer {
    return new TargetedComposer(this._event.timestamp(value), this._target);
  }

  collapsed(value: unknown = true): TargetedComposer {
    return new TargetedComposer(this._event.collapsed(value), this._target);
  }

  forCustomer(customer: unknown): TargetedComposer {
    return this._event.forCustomer(customer);
  }

  forThread(threadId: unknown): TargetedComposer {
    return this._event.forThread(threadId);
  }

  components(): EventComponentInput[] {
    return this._event.components() as EventComponentInput[];
  }

  problems(): readonly Problem[] {
    return this._compile().problems;
  }

  build(): EventRequest {
    const { request, problems, slots } = this._compile();
    if (problems.length > 0 || slots.length > 0) {
      throwIfInvalid(this._event._subject(), { components: [], problems, slots });
    }
    return request;
  }

  /** @internal Compiles the request and gathers every problem, event-level ones first. */
  _compile(): { request: EventRequest; problems: Problem[]; slots: string[] } {
    const meta = this._event._meta;
    const compiled = compileList(this._event._list, "components");
    const target = this._target;
    const targetSetting = target.kind === "customer" ? target.identifier : target.threadId;
    if (
      compiled.problems.length === 0 &&
      compiled.slots.length === 0 &&
      compiled.components.length > 0 &&
      !unsettled(targetSetting) &&
      !unsettled(meta.title) &&
      !unsettled(meta.externalId) &&
      !unsettled(meta.timestamp)
    ) {
      return { request: this._request(compiled.components), problems: NONE, slots: NONE };
    }
    const problems: Problem[] = [];
    const slots: string[] = [];
    const collect = (s: Setting | undefined) => {
      if (s?.problems !== undefined) problems.push(...s.problems);
      if (s !== undefined && isOpenValue(s.value)) slots.push(...slotNames(s.value));
    };
    collect(targetSetting);
    collect(meta.title);
    if (compiled.components.length === 0) {
      problems.push({ path: "components", message: "must hold at least one component" });
    }
    problems.push(...compiled.problems);
    slots.push(...compiled.slots);
    collect(meta.externalId);
    collect(meta.timestamp);

    return { request: this._request(compiled.components), problems, slots };
  }

  /** @internal The request itself: keys in a fixed order, options left out omitted, never null. */
  _request(components: EventComponentInput[] | readonly unknown[]): EventRequest {
    const meta = this._event._meta;
    const target = this._target;
    const input: Record<string, unknown> =
      target.kind === "customer"
        ? // A copy: the target is shared by every build, and the request is the caller's own.
          { customerIdentifier: copyJson(target.identifier.value) }
        : { threadId: target.threadId.value };
    input.title = meta.title.value;
    input.components = components;
    if (meta.externalId !== undefined) input.externalId = meta.externalId.value;
    if (meta.timestamp !== undefined) input.timestamp = meta.timestamp.value;
    if (meta.collapsed !== undefined) input.isCollapsed = meta.collapsed;
    // Not frozen: every build returns new objects, so the request is the caller's own.
    return {
      operation: target.kind === "customer" ? "createCustomerEvent" : "createThreadEvent",
      input,
    } as unknown as EventRequest;
  }
}
markSelfChecking(TargetedComposer.prototype);

/**
 * Starts an event. Every method returns a new, frozen builder, so a base event can be branched
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
