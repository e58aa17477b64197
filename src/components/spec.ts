import type { ObjectShape } from "./rules.js";

/**
 * What the catalog needs to know about one Plain component: the key that names it in the
 * payload (`componentText`, …) and the shape of the object under that key.
 */
export interface ComponentSpec<K extends string = string> {
  readonly key: K;
  readonly shape: ObjectShape;
}

/** Shared enum values, spelled as Plain's schema spells them. */
export const SIZES_SML = ["S", "M", "L"] as const;
export const SIZES_XS_XL = ["XS", "S", "M", "L", "XL"] as const;
export const TEXT_COLORS = ["NORMAL", "MUTED", "SUCCESS", "WARNING", "ERROR"] as const;
export const BADGE_COLORS = ["GREY", "GREEN", "YELLOW", "RED", "BLUE"] as const;

/** `S`, `M` or `L`: the size of text and plain text. */
export type TextSize = (typeof SIZES_SML)[number];
/** `XS` … `XL`: the size of spacers and the spacing of dividers. */
export type SpacingSize = (typeof SIZES_XS_XL)[number];
/** The colour of text and plain text. */
export type TextColor = (typeof TEXT_COLORS)[number];
/** The colour of a badge. */
export type BadgeColor = (typeof BADGE_COLORS)[number];
