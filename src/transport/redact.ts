const FREE_TEXT = new Set(["message", "body"]);

/** What stands in for a secret in anything the transport returns, throws or prints. */
export const REDACTED = "[redacted]";

/**
 * Returns a function that copies a value with every occurrence of the secrets replaced by
 * {@link REDACTED} in its free text: `message` fields at any depth, and errors (message and
 * cause). Fixed fields such as `kind` are left alone. Results pass through it so that no
 * message or cause can carry the API key.
 */
export function redactor(secrets: readonly string[]): <T>(value: T) => T {
  const live = secrets.filter((s) => s.length > 0);
  if (live.length === 0) return (value) => value;
  const scrub = (text: string): string =>
    live.reduce((out, secret) => out.split(secret).join(REDACTED), text);
  const walk = (value: unknown, depth: number, text = false): unknown => {
    if (typeof value === "string") return text ? scrub(value) : value;
    if (depth > 8 || typeof value !== "object" || value === null) return value;
    if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1, text));
    if (value instanceof Error) {
      const copy = new Error(scrub(value.message), {
        cause: walk((value as { cause?: unknown }).cause, depth + 1),
      });
      copy.name = value.name;
      // The copy's stack is ours; the original's may quote the secret.
      copy.stack = `${copy.name}: ${copy.message}`;
      return copy;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, depth + 1, FREE_TEXT.has(k));
    return out;
  };
  return <T>(value: T) => walk(value, 0) as T;
}
