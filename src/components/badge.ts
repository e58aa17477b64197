import { BADGE_COLORS, type BadgeColor, type ComponentSpec } from "./spec.js";
import { LIMITS, oneOf, optional, required, text } from "./rules.js";

/** Plain's `ComponentBadgeInput`: a short coloured label. */
export interface ComponentBadgeInput {
  /** At most 500 characters. */
  readonly badgeLabel: string;
  readonly badgeColor?: BadgeColor;
}
export interface BadgeComponent {
  readonly componentBadge: ComponentBadgeInput;
}

export const badgeSpec: ComponentSpec<"componentBadge"> = {
  key: "componentBadge",
  shape: {
    fields: {
      badgeLabel: required(text(1, LIMITS.labelMax, "label")),
      badgeColor: optional(oneOf(BADGE_COLORS)),
    },
  },
};

export function createBadge(label: unknown, color?: unknown) {
  const body: Record<string, unknown> = { badgeLabel: label };
  if (color != null) body.badgeColor = color;
  return { componentBadge: body };
}
