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
