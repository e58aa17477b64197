import { LIMITS, oneOf, optional, required, text } from "./rules.js";
import {
  SIZES_SML,
  TEXT_COLORS,
  type ComponentSpec,
  type TextColor,
  type TextSize,
} from "./spec.js";

/** Plain's `ComponentPlainTextInput`: text shown as written, with no Markdown. */
export interface ComponentPlainTextInput {
  /** 1–10000 characters. */
  readonly plainText: string;
  readonly plainTextSize?: TextSize;
  readonly plainTextColor?: TextColor;
}
export interface PlainTextComponent {
  readonly componentPlainText: ComponentPlainTextInput;
}

/** Options of `.plainText()`. */
export interface PlainTextOptions {
  readonly size?: TextSize | undefined;
  readonly color?: TextColor | undefined;
}

export const plainTextSpec: ComponentSpec<"componentPlainText"> = {
  key: "componentPlainText",
  shape: {
    fields: {
      plainText: required(text(1, LIMITS.textMax, "plain text")),
      plainTextSize: optional(oneOf(SIZES_SML)),
      plainTextColor: optional(oneOf(TEXT_COLORS)),
    },
  },
};

export function createPlainText(value: unknown, options?: PlainTextOptions) {
  const body: Record<string, unknown> = { plainText: value };
  if (options?.size != null) body.plainTextSize = options.size;
  if (options?.color != null) body.plainTextColor = options.color;
  return { componentPlainText: body };
}
