import { httpUrl, LIMITS, required, text } from "./rules.js";
import type { ComponentSpec } from "./spec.js";

/** Plain's `ComponentLinkButtonInput`: a button that opens a URL. */
export interface ComponentLinkButtonInput {
  /** An absolute http(s) URL. */
  readonly linkButtonUrl: string;
  /** At most 500 characters. */
  readonly linkButtonLabel: string;
}
export interface LinkButtonComponent {
  readonly componentLinkButton: ComponentLinkButtonInput;
}

export const linkButtonSpec: ComponentSpec<"componentLinkButton"> = {
  key: "componentLinkButton",
  shape: {
    // The schema leaves both nullable only for deprecated aliases; Plain needs both.
    fields: {
      linkButtonUrl: required(httpUrl),
      linkButtonLabel: required(text(1, LIMITS.labelMax, "label")),
    },
    deprecated: { url: "linkButtonUrl", label: "linkButtonLabel" },
  },
};

export function createLinkButton(label: unknown, url: unknown) {
  return { componentLinkButton: { linkButtonUrl: url, linkButtonLabel: label } };
}
