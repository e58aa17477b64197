import { LIMITS, oneOf, optional, required, text } from "./rules.js";
import {
  SIZES_SML,
  TEXT_COLORS,
  type ComponentSpec,
  type TextColor,
  type TextSize,
} from "./spec.js";

/** Plain's `ComponentTextInput`: Markdown text (bold, italic and links). */
export interface ComponentTextInput {
  /** 1–10000 characters of Markdown. */
  readonly text: string;
  readonly textSize?: TextSize;
  readonly textColor?: TextColor;
}
export interface TextComponent {
  readonly componentText: ComponentTextInput;
}

/** Options of `.text()`. */
export interface TextOptions {
  /** `S`, `M` or `L`. Plain's default is `M`. */
  readonly size?: TextSize | undefined;
  /** `NORMAL`, `MUTED`, `SUCCESS`, `WARNING` or `ERROR`. */
  readonly color?: TextColor | undefined;
}

export const textSpec: ComponentSpec<"componentText"> = {
  key: "componentText",
  shape: {
    fields: {
      text: required(text(1, LIMITS.textMax, "text")),
      textSize: optional(oneOf(SIZES_SML)),
      textColor: optional(oneOf(TEXT_COLORS)),
    },
    deprecated: { size: "textSize", color: "textColor" },
  },
};

export function createText(value: unknown, options?: TextOptions) {
  const body: Record<string, unknown> = { text: value };
  if (options?.size != null) body.textSize = options.size;
  if (options?.color != null) body.textColor = options.color;
  return { componentText: body };
}
