import type { EventRequest } from "../builder/request.js";
import type { MutationFailure } from "./errors.js";
import type { ExistingEvent } from "./types.js";

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

/**
 * What is known of an event Plain already had: Plain does not say which event it was, so only
 * what the request carried (no `id`).
 */
export function existingEvent(request: EventRequest, externalId: string): ExistingEvent {
  return request.operation === "createCustomerEvent"
    ? {
        operation: request.operation,
        title: request.input.title,
        externalId,
        customerIdentifier: request.input.customerIdentifier,
      }
    : {
        operation: request.operation,
        title: request.input.title,
        externalId,
        threadId: request.input.threadId,
      };
}
