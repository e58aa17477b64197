/**
 * What a preview accepts, and how it is read: a component array, a request, a card entry or
 * anything with `components()` (the event and card builders). Previews only ever read compiled
 * components, never builder internals.
 */
import type { ComponentInput, EventComponentInput } from "../components/index.js";
import type { EventRequest } from "../builder/request.js";
import { toView, type ViewNode } from "./model.js";

/** Anything that compiles to components: `event(…)`, `card(…)`, a targeted event. */
export interface PreviewSource {
  components(): readonly EventComponentInput[] | readonly ComponentInput[];
  /** An event's title (a string; template slots are ignored). */
  readonly title?: unknown;
  /** A card's key: a source with a key and no title is drawn as a customer card. */
  readonly key?: unknown;
}

/** One entry of a customer-card response: `{ key, components }` (`null` hides the card). */
export interface PreviewCardEntry {
  readonly key: string;
  readonly components: readonly EventComponentInput[] | null;
}

/** What `renderHtml` and `renderText` accept. */
export type PreviewInput =
  readonly EventComponentInput[] | EventRequest | PreviewSource | PreviewCardEntry;

/** Options shared by both renderers. */
export interface PreviewOptions {
  /** The event's title; overrides the request's or builder's title. */
  readonly title?: string | undefined;
  /** The event's time; defaults to the request's `timestamp`. Nothing is shown without one. */
  readonly time?: Date | string | undefined;
  /**
   * The viewer's IANA time zone for times and date-time components (e.g. `"Europe/London"`).
   * Defaults to the host's zone; pass one for output that does not depend on the machine.
   */
  readonly timeZone?: string | undefined;
  /** The viewer's locale for dates (e.g. `"en-GB"`). Defaults to the host's locale. */
  readonly locale?: string | undefined;
  /**
   * Draw as a timeline event or as a customer card. Defaults to `"card"` for card builders and
   * card entries (they have a `key` and no title) and to `"event"` for everything else.
   */
  readonly frame?: "event" | "card" | undefined;
}

/** The input, read: what to draw and in which frame. */
export interface PreviewDocument {
  readonly frame: "event" | "card";
  readonly title: string | undefined;
  readonly time: Date | string | undefined;
  /** `true` for a card answered with `components: null` (Plain hides it). */
  readonly hidden: boolean;
  readonly nodes: readonly ViewNode[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** Reads any accepted input into a {@link PreviewDocument}. Throws only for unusable input. */
export function readInput(input: PreviewInput, options: PreviewOptions = {}): PreviewDocument {
  let components: unknown;
  let title: unknown;
  let time: unknown;
  let key: unknown;
  if (Array.isArray(input)) {
    components = input;
  } else if (isRecord(input) && typeof input.components === "function") {
    components = (input as PreviewSource).components();
    title = input.title;
    key = input.key;
  } else if (isRecord(input) && typeof input.operation === "string" && isRecord(input.input)) {
    components = input.input.components;
    title = input.input.title;
    time = input.input.timestamp;
  } else if (isRecord(input) && "components" in input && typeof input.key === "string") {
    components = input.components;
    key = input.key;
  } else {
    throw new TypeError(
      "preview: expected a component array, a request { operation, input }, a card entry " +
        "{ key, components } or a builder with .components()",
    );
  }
  const isCard = typeof key === "string" && typeof title !== "string";
  const frame = options.frame ?? (isCard ? "card" : "event");
  return {
    frame,
    title:
      options.title ?? (typeof title === "string" ? title : isCard ? (key as string) : undefined),
    time: options.time ?? (typeof time === "string" ? time : undefined),
    hidden: components === null,
    nodes: Array.isArray(components) ? toView(components) : [],
  };
}
