import type { EventRequest } from "../builder/request.js";

// The selections name exactly what a send result reports; nothing else is asked of Plain.
const ERROR_SELECTION = "error { message type code fields { field message type } }";

/** The GraphQL documents the transports send, by operation. `conformance` validates them. */
export const DOCUMENTS: Readonly<Record<EventRequest["operation"], string>> = {
  createCustomerEvent: `mutation createCustomerEvent($input: CreateCustomerEventInput!) {
  createCustomerEvent(input: $input) {
    customerEvent { id title createdAt { iso8601 unixTimestamp } customerId }
    ${ERROR_SELECTION}
  }
}`,
  createThreadEvent: `mutation createThreadEvent($input: CreateThreadEventInput!) {
  createThreadEvent(input: $input) {
    threadEvent { id title createdAt { iso8601 unixTimestamp } threadId }
    ${ERROR_SELECTION}
  }
}`,
};

/** The output field that holds the event, by operation. */
export const EVENT_FIELD = {
  createCustomerEvent: "customerEvent",
  createThreadEvent: "threadEvent",
} as const satisfies Readonly<Record<EventRequest["operation"], string>>;
