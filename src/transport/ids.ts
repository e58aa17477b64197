import type { EventRequest } from "../builder/request.js";
import type { CreatedEvent } from "./types.js";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * A new id shaped like Plain's event ids: `tev_` and 26 Crockford base-32 characters, time
 * first (as a ULID), so that ids sort by creation.
 */
export function newEventId(now = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let rest = "";
  for (let i = 0; i < 16; i++) rest += ALPHABET[Math.floor(Math.random() * 32)];
  return `tev_${time}${rest}`;
}

/** Plain's `DateTime` for an instant. */
export function plainDateTime(ms: number): { iso8601: string; unixTimestamp: string } {
  return { iso8601: new Date(ms).toISOString(), unixTimestamp: String(ms) };
}

/** A created event shaped like Plain's, made up locally (by the dump and memory transports). */
export function createdEvent(request: EventRequest, now = Date.now()): CreatedEvent {
  const base = {
    id: newEventId(now),
    title: request.input.title,
    createdAt: plainDateTime(now),
  };
  if (request.operation === "createThreadEvent") {
    return { operation: request.operation, ...base, threadId: request.input.threadId };
  }
  const { customerIdentifier } = request.input;
  const customerId = customerIdentifier.customerId ?? `c_${newEventId(now).slice(4)}`;
  return { operation: request.operation, ...base, customerId };
}
