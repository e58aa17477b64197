/**
 * Where a component may stand. Plain's schema has one input type per place:
 * `EventComponentInput` (events), `ComponentInput` (customer cards),
 * `ComponentContainerContentInput` and `ComponentRowContentInput`.
 */
export type Place = "event" | "card" | "container" | "row";

/** The ten components that hold no other components. */
export const LEAF_KEYS = [
  "componentText",
  "componentPlainText",
  "componentDivider",
  "componentLinkButton",
  "componentWorkflowButton",
  "componentSpacer",
  "componentBadge",
  "componentCopyButton",
  "componentDateTime",
  "componentUser",
] as const;

export type LeafKey = (typeof LEAF_KEYS)[number];
export type ComponentKey = LeafKey | "componentRow" | "componentContainer";

/** The kinds each place accepts. Events have accepted containers since Plain's 2026-08 API. */
export const ALLOWED: Readonly<Record<Place, readonly ComponentKey[]>> = {
  event: [...LEAF_KEYS, "componentRow", "componentContainer"],
  card: [...LEAF_KEYS, "componentRow", "componentContainer"],
  container: [...LEAF_KEYS, "componentRow"],
  row: [...LEAF_KEYS],
};

/** The kinds a place accepts, as a type: the same table as {@link ALLOWED}. */
export type AllowedIn<P extends Place> = P extends "row"
  ? LeafKey
  : P extends "container"
    ? LeafKey | "componentRow"
    : ComponentKey;

const PLACE_NAMES: Readonly<Record<Place, string>> = {
  event: "an event",
  card: "a customer card",
  container: "a container",
  row: "a row",
};

export function describePlace(place: Place): string {
  return PLACE_NAMES[place];
}
