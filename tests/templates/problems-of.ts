import { expect } from "vitest";
import { ValidationError } from "plain-events";

/** The `path: message` lines of the ValidationError `fn` throws; fails if it throws none. */
export function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).problems.map((p) => `${p.path}: ${p.message}`);
  }
  throw new Error("expected a ValidationError");
}
