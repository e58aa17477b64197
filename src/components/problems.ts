/**
 * One thing wrong with an event, a card or a component.
 *
 * `path` points into the payload Plain would receive, e.g.
 * `components[2].componentLinkButton.linkButtonUrl`.
 */
export interface Problem {
  /** Where the problem is, as a path into the payload (`""` for the payload itself). */
  readonly path: string;
  /** A plain sentence that names the limit or rule that was broken. */
  readonly message: string;
  /** The user's own line of code that produced the value, when it could be found (`file:line:column`). */
  readonly site?: string;
}

/** Joins a path and a path relative to it (`a` + `b.c` → `a.b.c`, `a` + `[0]` → `a[0]`). */
export function joinPath(parent: string, child: string): string {
  if (parent === "") return child;
  if (child === "") return parent;
  return child.startsWith("[") ? parent + child : `${parent}.${child}`;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Adds an object key to a path, quoting keys that are not plain names (`a["odd key"]`). */
export function fieldPath(parent: string, key: string): string {
  if (!IDENTIFIER.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent === "" ? key : `${parent}.${key}`;
}

/** Shows a user's value inside an error message: quoted, and cut short when long. */
export function showValue(value: unknown): string {
  if (typeof value === "string") {
    const shown = value.length > 60 ? `${value.slice(0, 57)}…` : value;
    return JSON.stringify(shown);
  }
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return String(value);
  }
  if (Array.isArray(value)) return "an array";
  if (value instanceof Date) return "a Date";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * The one error type for invalid input. It carries every problem found, not only the first.
 *
 * @example
 * ```text
 * Invalid event "API key generated" (2 problems):
 *   components[2].componentLinkButton.linkButtonUrl: "javascript:alert(1)" is not an absolute http(s) URL (at src/keys.ts:14:6)
 *   components[4].componentRow.rowAsideContent: must hold at least one component
 * ```
 */
export class ValidationError extends Error {
  override readonly name = "ValidationError";
  /** Every problem found, in payload order. */
  readonly problems: readonly Problem[];
  /** What was being validated, e.g. `event "API key generated"` or `card "usage"`. */
  readonly subject: string;

  constructor(subject: string, problems: readonly Problem[]) {
    super(formatProblems(subject, problems));
    this.subject = subject;
    this.problems = problems;
  }
}

/** Formats problems the way {@link ValidationError} shows them. */
export function formatProblems(subject: string, problems: readonly Problem[]): string {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  const lines = problems.map((p) => {
    const where = p.path === "" ? "" : `${p.path}: `;
    const site = p.site === undefined ? "" : ` (at ${p.site})`;
    return `  ${where}${p.message}${site}`;
  });
  return `Invalid ${subject} (${count}):\n${lines.join("\n")}`;
}
