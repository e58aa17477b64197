import type { EventRequest } from "../builder/request.js";

type Operation = EventRequest["operation"];

/** Per operation: the output field that holds the event, and the event's target id field. */
export const EVENT_FIELDS = {
  createCustomerEvent: ["customerEvent", "customerId"],
  createThreadEvent: ["threadEvent", "threadId"],
} as const satisfies Record<Operation, readonly [string, string]>;

// The selection names exactly what a send result reports; nothing else is asked of Plain.
const document = (operation: Operation, input: string): string => {
  const [eventField, idField] = EVENT_FIELDS[operation];
  return `mutation ${operation}($input: ${input}!) {
  ${operation}(input: $input) {
    ${eventField} { id title createdAt { iso8601 unixTimestamp } ${idField} }
    error { message type code fields { field message type } }
  }
}`;
};

/** The GraphQL documents the transports send, by operation. `conformance` validates them. */
export const DOCUMENTS: Readonly<Record<Operation, string>> = {
  createCustomerEvent: document("createCustomerEvent", "CreateCustomerEventInput"),
  createThreadEvent: document("createThreadEvent", "CreateThreadEventInput"),
};
