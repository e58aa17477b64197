import { oneOf, optional } from "./rules.js";
import { SIZES_XS_XL, type ComponentSpec, type SpacingSize } from "./spec.js";

/** Plain's `ComponentDividerInput`. */
export interface ComponentDividerInput {
  /** Space around the line. Plain's default is `S`. */
  readonly dividerSpacingSize?: SpacingSize;
}
export interface DividerComponent {
  readonly componentDivider: ComponentDividerInput;
}

export const dividerSpec: ComponentSpec<"componentDivider"> = {
  key: "componentDivider",
  shape: {
    fields: { dividerSpacingSize: optional(oneOf(SIZES_XS_XL)) },
    deprecated: { spacingSize: "dividerSpacingSize" },
  },
};

export function createDivider(spacing?: unknown) {
  return { componentDivider: spacing == null ? {} : { dividerSpacingSize: spacing } };
}
