import { LIMITS, optional, required, text } from "./rules.js";
import type { ComponentSpec } from "./spec.js";

/** Plain's `ComponentCopyButtonInput`: a button that copies a value to the clipboard. */
export interface ComponentCopyButtonInput {
  /** At most 1000 characters. */
  readonly copyButtonValue: string;
  /** At most 500 characters. */
  readonly copyButtonTooltipLabel?: string;
}
export interface CopyButtonComponent {
  readonly componentCopyButton: ComponentCopyButtonInput;
}

/** Options of `.copyButton()`. */
export interface CopyButtonOptions {
  /** The tooltip shown on hover, at most 500 characters. */
  readonly tooltip?: unknown;
}

export const copyButtonSpec: ComponentSpec<"componentCopyButton"> = {
  key: "componentCopyButton",
  shape: {
    fields: {
      copyButtonValue: required(text(1, LIMITS.copyValueMax, "copy value")),
      copyButtonTooltipLabel: optional(text(1, LIMITS.labelMax, "tooltip")),
    },
  },
};

export function createCopyButton(value: unknown, tooltip?: unknown) {
  const body: Record<string, unknown> = { copyButtonValue: value };
  if (tooltip != null) body.copyButtonTooltipLabel = tooltip;
  return { componentCopyButton: body };
}
