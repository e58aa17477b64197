/**
 * A value that is not known yet, such as a template slot. Components accept one wherever a
 * string goes and leave its checks to the moment it is filled in.
 *
 * The builder's `slot()` produces these; the components layer only needs to recognise them,
 * so that it never has to import the builder.
 */
export interface OpenValue {
  readonly [OPEN]: readonly string[];
}

/** The brand that marks an {@link OpenValue}; its value lists the names the value waits for. */
export const OPEN: unique symbol = Symbol.for("plain-events.open-value");

export function isOpenValue(value: unknown): value is OpenValue {
  return typeof value === "object" && value !== null && OPEN in value;
}
