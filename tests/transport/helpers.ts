import type { CustomerEventRequest, ThreadEventRequest } from "../../src/builder/request.js";
import type { Clock } from "../../src/transport/clock.js";

let counter = 0;

/** A valid customer event request; `externalId` is unique per call unless given. */
export function customerRequest(
  overrides: Partial<CustomerEventRequest["input"]> = {},
): CustomerEventRequest {
  return {
    operation: "createCustomerEvent",
    input: {
      customerIdentifier: { emailAddress: "jane@acme.com" },
      title: "API key generated",
      components: [
        { componentText: { text: "A new key **was** generated." } },
        { componentSpacer: { spacerSize: "M" } },
        {
          componentLinkButton: {
            linkButtonUrl: "https://admin.acme.com/keys/3b78",
            linkButtonLabel: "View in admin",
          },
        },
      ],
      externalId: `key-${++counter}-${Math.random().toString(36).slice(2)}`,
      ...overrides,
    },
  };
}

/** A valid thread event request. */
export function threadRequest(
  overrides: Partial<ThreadEventRequest["input"]> = {},
): ThreadEventRequest {
  return {
    operation: "createThreadEvent",
    input: {
      threadId: "th_01H8TEST",
      title: "Deploy finished",
      components: [{ componentBadge: { badgeLabel: "green", badgeColor: "GREEN" } }],
      ...overrides,
    },
  };
}

/** A clock whose sleeps return at once and are recorded, so retries cost no time. */
export function instantClock(): Clock & { readonly sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => Date.now(),
    sleep: async (ms, signal) => {
      if (signal?.aborted === true) throw signal.reason;
      sleeps.push(ms);
    },
  };
}
