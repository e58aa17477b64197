import { isoDateTime, required } from "./rules.js";
import type { ComponentSpec } from "./spec.js";

/** Plain's `ComponentDateTimeInput`: an instant, shown in the viewer's time zone. */
export interface ComponentDateTimeInput {
  /** An ISO 8601 date-time with an offset, e.g. `2024-10-28T18:30:00Z`. */
  readonly dateTimeIso8601: string;
}
export interface DateTimeComponent {
  readonly componentDateTime: ComponentDateTimeInput;
}

export const dateTimeSpec: ComponentSpec<"componentDateTime"> = {
  key: "componentDateTime",
  shape: { fields: { dateTimeIso8601: required(isoDateTime) } },
};

/**
 * Turns a `Date` into its ISO string; leaves anything else for the rule to judge, so that an
 * invalid `Date` is reported rather than thrown.
 */
export function toIsoString(value: unknown): unknown {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  }
  return value;
}

export function createDateTime(value: unknown) {
  return { componentDateTime: { dateTimeIso8601: toIsoString(value) } };
}
