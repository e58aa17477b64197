/** Dates as the viewer sees them: `Intl.DateTimeFormat` in the viewer's locale and time zone. */
import { parseDate } from "./model.js";

/** A time, formatted for display, with the machine-readable instant beside it. */
export interface FormattedTime {
  /** ISO 8601 in UTC (for `<time datetime>`), or the raw value when it is not a date-time. */
  readonly iso: string;
  /** What the viewer reads, e.g. `Oct 28, 2024, 6:30 PM UTC`. */
  readonly text: string;
  readonly valid: boolean;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string | undefined, timeZone: string | undefined): Intl.DateTimeFormat {
  const cacheKey = `${locale ?? ""}|${timeZone ?? ""}`;
  let f = formatters.get(cacheKey);
  if (f === undefined) {
    // Throws a RangeError naming the zone when it is not a valid IANA zone: a wrong option
    // should be loud, not silently shown in another zone.
    f = new Intl.DateTimeFormat(locale, {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "numeric",
      minute: "2-digit",
      timeZoneName: "short",
      ...(timeZone === undefined ? {} : { timeZone }),
    });
    formatters.set(cacheKey, f);
  }
  return f;
}

/**
 * Formats a date-time for the viewer. A value that is not an ISO 8601 date-time with an offset
 * is returned as written, marked invalid, so the preview shows what was sent.
 */
export function formatTime(
  value: Date | string,
  options: { readonly locale?: string | undefined; readonly timeZone?: string | undefined },
): FormattedTime {
  const date = parseDate(value);
  if (date === undefined) {
    const raw = value instanceof Date ? "Invalid Date" : value;
    return { iso: raw, text: raw, valid: false };
  }
  // ICU puts narrow no-break spaces around "PM" and in ranges; plain spaces keep logs,
  // snapshots and copy-paste predictable.
  const text = formatter(options.locale, options.timeZone)
    .format(date)
    .replace(/[\u202f\u00a0]/g, " ");
  return { iso: date.toISOString(), text, valid: true };
}
