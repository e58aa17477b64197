import type { Rule } from "./rules.js";
import type { ComponentSpec } from "./spec.js";
import type { ComponentContainerContentInput } from "./catalog.js";
import type { Place } from "./nesting.js";

/** Plain's `ComponentContainerInput`: a bordered card that groups components. */
export interface ComponentContainerInput {
  /** At least one component; containers cannot stand here (rows can). */
  readonly containerContent: ComponentContainerContentInput[];
}
export interface ContainerComponent {
  readonly componentContainer: ComponentContainerInput;
}

/** The container's shape needs the catalog's list rule, passed in to keep imports one-way. */
export function containerSpec(list: (place: Place) => Rule): ComponentSpec<"componentContainer"> {
  return {
    key: "componentContainer",
    shape: { fields: { containerContent: { rule: list("container"), required: true } } },
  };
}

export function createContainer(content: unknown) {
  return { componentContainer: { containerContent: content } };
}
