import type { EventRequest } from "../builder/request.js";
import { EVENT_FIELDS } from "./documents.js";
import type { CreatedEvent } from "./types.js";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * A new id shaped like Plain's event ids: `tev_` and 26 Crockford base-32 characters, time
 * first (as a ULID), so that ids sort by creation.
 */
export function newEventId(now = Date.now()): string {
  let id = "";
  // Written right to left: 16 random characters, then the time's 10 digits, lowest first.
  for (let i = 0; i < 26; i++) {
    id = ALPHABET[Math.floor(i < 16 ? Math.random() * 32 : now / 32 ** (i - 16)) % 32] + id;
  }
  return `tev_${id}`;
}

/** Plain's `DateTime` for an instant. */
export const plainDateTime = (ms: number): { iso8601: string; unixTimestamp: string } => ({
  iso8601: new Date(ms).toISOString(),
  unixTimestamp: String(ms),
});

/** A created event shaped like Plain's, made up locally (by the dump and memory transports). */
export function createdEvent({ operation, input }: EventRequest, now = Date.now()): CreatedEvent {
  return {
    operation,
    id: newEventId(now),
    title: input.title,
    createdAt: plainDateTime(now),
    [EVENT_FIELDS[operation][1]]:
      operation === "createThreadEvent"
        ? input.threadId
        : (input.customerIdentifier.customerId ?? `c_${newEventId(now).slice(4)}`),
  } as unknown as CreatedEvent;
}
