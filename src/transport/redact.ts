/** What stands in for a secret in anything the transport returns, throws or prints. */
export const REDACTED = "[redacted]";

/** `text` with every occurrence of `secret` replaced by {@link REDACTED}. */
export const scrub = (text: string, secret: string): string =>
  secret === "" ? text : text.split(secret).join(REDACTED);

/**
 * Returns a function that copies a value with every occurrence of `secret` replaced by
 * {@link REDACTED} in its free text: `message` and `body` fields at any depth, and errors
 * (message and cause). Fixed fields such as `kind` are left alone. Results pass through it so
 * that no message or cause can carry the API key.
 */
export function redactor(secret: string): <T>(value: T) => T {
  const walk = (value: unknown, depth: number, text = false): unknown => {
    if (typeof value === "string") return text ? scrub(value, secret) : value;
    if (depth > 8 || typeof value !== "object" || value === null) return value;
    if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1, text));
    if (value instanceof Error) {
      const copy = new Error(scrub(value.message, secret), {
        cause: walk((value as { cause?: unknown }).cause, depth + 1),
      });
      copy.name = value.name;
      // The copy's stack is ours; the original's may quote the secret.
      copy.stack = `${copy.name}: ${copy.message}`;
      return copy;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        walk(v, depth + 1, k === "message" || k === "body"),
      ]),
    );
  };
  return <T>(value: T) => walk(value, 0) as T;
}
