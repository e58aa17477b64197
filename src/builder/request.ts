import {
  boolean,
  componentList,
  emailAddress,
  id,
  isoDateTime,
  isRecord,
  object,
  optional,
  required,
  text,
  ValidationError,
  type EventComponentInput,
  type Problem,
} from "../components/index.js";

/** Plain's `CustomerIdentifierInput`: exactly one of these. */
export type CustomerIdentifierInput =
  | { readonly emailAddress: string; readonly externalId?: never; readonly customerId?: never }
  | { readonly externalId: string; readonly emailAddress?: never; readonly customerId?: never }
  | { readonly customerId: string; readonly emailAddress?: never; readonly externalId?: never };

/** What `.forCustomer()` accepts: Plain's identifier, or `{ email }` short for `emailAddress`. */
export type CustomerIdentifier =
  | CustomerIdentifierInput
  | {
      readonly email: string;
      readonly emailAddress?: never;
      readonly externalId?: never;
      readonly customerId?: never;
    };

/** Plain's `CreateCustomerEventInput`. */
export interface CreateCustomerEventInput {
  readonly customerIdentifier: CustomerIdentifierInput;
  readonly title: string;
  readonly components: EventComponentInput[];
  readonly externalId?: string;
  readonly timestamp?: string;
  readonly isCollapsed?: boolean;
}

/** Plain's `CreateThreadEventInput`. */
export interface CreateThreadEventInput {
  readonly threadId: string;
  readonly title: string;
  readonly components: EventComponentInput[];
  readonly externalId?: string;
  readonly timestamp?: string;
  readonly isCollapsed?: boolean;
}

/** A customer event ready to send: the mutation to call and its exact input. */
export interface CustomerEventRequest {
  readonly operation: "createCustomerEvent";
  readonly input: CreateCustomerEventInput;
}

/** A thread event ready to send: the mutation to call and its exact input. */
export interface ThreadEventRequest {
  readonly operation: "createThreadEvent";
  readonly input: CreateThreadEventInput;
}

/** What `.build()` returns and every transport sends. */
export type EventRequest = CustomerEventRequest | ThreadEventRequest;

/** Anything that can build a request: an event with a target (`.forCustomer()`/`.forThread()`). */
export interface RequestSource {
  build(): EventRequest;
  /**
   * A template's open slots. Typed `never[]` so that a template that was not rendered is a
   * type error where a request is expected; at run time `build()` refuses it too.
   */
  readonly params?: readonly never[];
}

const OPERATIONS = new Set(["createCustomerEvent", "createThreadEvent"]);

/** The rule for Plain's `CustomerIdentifierInput`: exactly one field. */
export const customerIdentifier = object({
  fields: {
    emailAddress: optional(emailAddress),
    externalId: optional(id),
    customerId: optional(id),
  },
  exactlyOne: true,
});

const eventOptionFields = {
  title: required(text(1, Number.MAX_SAFE_INTEGER, "title")),
  components: required(componentList("event")),
  externalId: optional(id),
  timestamp: optional(isoDateTime),
  isCollapsed: optional(boolean),
};

const customerInput = object({
  fields: { customerIdentifier: required(customerIdentifier), ...eventOptionFields },
});
const threadInput = object({ fields: { threadId: required(id), ...eventOptionFields } });

/**
 * Checks a request that did not come from the builder (hand-written JSON, say) with the same
 * rules the builder applies. Returns every problem, each with a path such as
 * `input.components[2].componentLinkButton.linkButtonUrl`.
 */
export function requestProblems(request: unknown): Problem[] {
  const out: Problem[] = [];
  if (!isRecord(request)) {
    out.push({ path: "", message: "must be a request object { operation, input }" });
    return out;
  }
  const { operation, input } = request;
  if (typeof operation !== "string" || !OPERATIONS.has(operation)) {
    out.push({
      path: "operation",
      message: `must be "createCustomerEvent" or "createThreadEvent", got ${JSON.stringify(operation) ?? "undefined"}`,
    });
    return out;
  }
  (operation === "createCustomerEvent" ? customerInput : threadInput)(input, "input", out);
  for (const key of Object.keys(request)) {
    if (key !== "operation" && key !== "input") {
      out.push({ path: key, message: "is not part of a request (expected operation, input)" });
    }
  }
  return out;
}

/** Throws a {@link ValidationError} listing every problem when `request` is not valid. */
export function assertValidRequest(request: unknown): asserts request is EventRequest {
  const problems = requestProblems(request);
  if (problems.length > 0) {
    const title = isRecord(request) && isRecord(request.input) ? request.input.title : undefined;
    throw new ValidationError(
      typeof title === "string" ? `event ${JSON.stringify(title)}` : "event request",
      problems,
    );
  }
}

// Marks the library's own request sources (events with a target), whose build() applies every
// rule to a request nobody else has held yet. Not a registered symbol: only this module hands it out.
const CHECKS_ITSELF: unique symbol = Symbol("plain-events.checks-itself");

/** @internal Marks a class whose `build()` returns fresh, fully checked requests. */
export function markSelfChecking(prototype: object): void {
  Object.defineProperty(prototype, CHECKS_ITSELF, { value: true });
}

/**
 * True for a request source of this library: a request it has just built needs no second
 * check. Any other source (your own `{ build() }`) is checked like a plain request.
 */
export function checksItself(source: unknown): boolean {
  return typeof source === "object" && source !== null && CHECKS_ITSELF in source;
}

/** Turns a request or a request source (an event with a target) into a request. */
export function toRequest(source: EventRequest | RequestSource): EventRequest {
  return "build" in source && typeof source.build === "function"
    ? source.build()
    : (source as EventRequest);
}
