import type { MutationFailure } from "./errors.js";

const DUPLICATE_CODE = /duplicate|already_?exists|conflict|unique/i;

/**
 * The project's assumption about Plain's (undocumented) duplicate-`externalId` error: a
 * `MutationError` whose `code` mentions duplicate / already exists / conflict / unique, or
 * one of type `VALIDATION` with a field error on `externalId`. Pass your own rule as the
 * transport's `isDuplicateExternalId` option if Plain answers differently.
 */
export function isDuplicateExternalId(error: MutationFailure): boolean {
  if (DUPLICATE_CODE.test(error.code)) return true;
  return (
    error.type === "VALIDATION" &&
    error.fields.some((f) => f.field === "externalId" || f.field.endsWith(".externalId"))
  );
}
