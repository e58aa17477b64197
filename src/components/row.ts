import type { Rule } from "./rules.js";
import type { ComponentSpec } from "./spec.js";
import type { ComponentRowContentInput } from "./catalog.js";
import type { Place } from "./nesting.js";

/** Plain's `ComponentRowInput`: main content on the left, aside content on the right. */
export interface ComponentRowInput {
  /** At least one component; rows and containers cannot stand here. */
  readonly rowMainContent: ComponentRowContentInput[];
  /** At least one component; rows and containers cannot stand here. */
  readonly rowAsideContent: ComponentRowContentInput[];
}
export interface RowComponent {
  readonly componentRow: ComponentRowInput;
}

/** The row's shape needs the catalog's list rule, which is passed in to keep imports one-way. */
export function rowSpec(list: (place: Place) => Rule): ComponentSpec<"componentRow"> {
  return {
    key: "componentRow",
    shape: {
      fields: {
        rowMainContent: { rule: list("row"), required: true },
        rowAsideContent: { rule: list("row"), required: true },
      },
    },
  };
}

export function createRow(main: unknown, aside: unknown) {
  return { componentRow: { rowMainContent: main, rowAsideContent: aside } };
}
