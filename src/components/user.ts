import { emailAddress, id, isRecord, object, optional, required } from "./rules.js";
import type { ComponentSpec } from "./spec.js";

/** Plain's `UserIdentifierInput`: exactly one of these. */
export type UserIdentifierInput =
  | { readonly userId: string; readonly emailAddress?: never; readonly machineUserId?: never }
  | { readonly emailAddress: string; readonly userId?: never; readonly machineUserId?: never }
  | { readonly machineUserId: string; readonly userId?: never; readonly emailAddress?: never };

/** What `.user()` accepts: Plain's identifier, or `{ email }` as a short form of `emailAddress`. */
export type UserIdentifier =
  | UserIdentifierInput
  | {
      readonly email: string;
      readonly userId?: never;
      readonly emailAddress?: never;
      readonly machineUserId?: never;
    };

/** Plain's `ComponentUserInput`: a Plain user or machine user, shown with name and avatar. */
export interface ComponentUserInput {
  readonly userIdentifier: UserIdentifierInput;
}
export interface UserComponent {
  readonly componentUser: ComponentUserInput;
}

export const userSpec: ComponentSpec<"componentUser"> = {
  key: "componentUser",
  shape: {
    fields: {
      userIdentifier: required(
        object({
          fields: {
            userId: optional(id),
            emailAddress: optional(emailAddress),
            machineUserId: optional(id),
          },
          exactlyOne: true,
        }),
      ),
    },
  },
};

/** Renames the `email` short form to Plain's `emailAddress`, keeping everything else as given. */
export function toEmailAddressKey(identifier: unknown): unknown {
  if (!isRecord(identifier) || !Object.hasOwn(identifier, "email")) return identifier;
  // Both spellings at once is ambiguous: leave it for the rules to report.
  if (Object.hasOwn(identifier, "emailAddress")) return identifier;
  // A loop, not rest/spread: this runs for every customer target and is several times faster.
  const renamed: Record<string, unknown> = {};
  for (const key in identifier) {
    if (Object.hasOwn(identifier, key))
      renamed[key === "email" ? "emailAddress" : key] = identifier[key];
  }
  return renamed;
}

export function createUser(identifier: unknown) {
  return { componentUser: { userIdentifier: toEmailAddressKey(identifier) } };
}
