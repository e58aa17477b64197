/** What stands in for a secret in anything the transport returns, throws or prints. */
export const REDACTED = "[redacted]";

/** `text` with every occurrence of `secret` replaced by {@link REDACTED}. */
export const scrub = (text: string, secret: string): string =>
  secret === "" ? text : text.split(secret).join(REDACTED);

/**
 * Returns a function that copies a value with every occurrence of `secret` replaced by
 * {@link REDACTED} in its free text: `message` and `body` fields at any depth (a GraphQL
 * error's or a field error's message may echo what was sent). Fixed fields such as `kind` are
 * left alone. Failures pass through it so that no message can carry the API key; they are
 * plain data (strings, numbers, arrays, plain objects, never an `Error`), all it copies.
 */
export function redactor(secret: string): <T>(value: T) => T {
  const copy = (value: unknown, text = false): unknown =>
    typeof value === "string"
      ? text
        ? scrub(value, secret)
        : value
      : Array.isArray(value)
        ? value.map((v) => copy(v, text))
        : typeof value === "object" && value !== null
          ? Object.fromEntries(
              Object.entries(value).map(([k, v]) => [k, copy(v, k === "message" || k === "body")]),
            )
          : value;
  return <T>(value: T) => copy(value) as T;
}
