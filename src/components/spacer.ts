import { oneOf, required } from "./rules.js";
import { SIZES_XS_XL, type ComponentSpec, type SpacingSize } from "./spec.js";

/** Plain's `ComponentSpacerInput`. */
export interface ComponentSpacerInput {
  /** The schema marks it nullable only for a deprecated alias; it is always sent. */
  readonly spacerSize: SpacingSize;
}
export interface SpacerComponent {
  readonly componentSpacer: ComponentSpacerInput;
}

export const spacerSpec: ComponentSpec<"componentSpacer"> = {
  key: "componentSpacer",
  shape: {
    fields: { spacerSize: required(oneOf(SIZES_XS_XL)) },
    deprecated: { size: "spacerSize" },
  },
};

export function createSpacer(size: unknown) {
  return { componentSpacer: { spacerSize: size } };
}
