import { id, LIMITS, object, optional, required, text } from "./rules.js";
import type { ComponentSpec } from "./spec.js";

/** Which workflow a workflow button runs: exactly one of its id or its key. */
export type WorkflowIdentifier =
  | { readonly workflowId: string; readonly workflowKey?: never }
  | { readonly workflowKey: string; readonly workflowId?: never };

/** Plain's `ComponentWorkflowButtonInput`: a button that runs one of your Plain workflows. */
export interface ComponentWorkflowButtonInput {
  readonly workflowButtonWorkflowIdentifier: WorkflowIdentifier;
  /** At most 500 characters. */
  readonly workflowButtonLabel: string;
}
export interface WorkflowButtonComponent {
  readonly componentWorkflowButton: ComponentWorkflowButtonInput;
}

export const workflowButtonSpec: ComponentSpec<"componentWorkflowButton"> = {
  key: "componentWorkflowButton",
  shape: {
    fields: {
      workflowButtonWorkflowIdentifier: required(
        object({
          fields: { workflowId: optional(id), workflowKey: optional(id) },
          exactlyOne: true,
        }),
      ),
      workflowButtonLabel: required(text(1, LIMITS.labelMax, "label")),
    },
  },
};

export function createWorkflowButton(label: unknown, workflow: unknown) {
  return {
    componentWorkflowButton: {
      workflowButtonWorkflowIdentifier: workflow,
      workflowButtonLabel: label,
    },
  };
}
