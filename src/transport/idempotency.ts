import type { EventRequest } from "../builder/request.js";
import type { MutationFailure } from "./errors.js";
import type { EventAlreadyExisted, ExistingEvent } from "./types.js";

const DUPLICATE_CODE = /duplicate|already_?exists|conflict|unique/i;

/**
 * The project's assumption about Plain's (undocumented) duplicate-`externalId` error: a
 * `MutationError` whose `code` mentions duplicate / already exists / conflict / unique, or
 * one of type `VALIDATION` with a field error on `externalId`. Pass your own rule as the
 * transport's `isDuplicateExternalId` option if Plain answers differently.
 */
export function isDuplicateExternalId(error: MutationFailure): boolean {
  return (
    DUPLICATE_CODE.test(error.code) ||
    (error.type === "VALIDATION" && error.fields.some((f) => /(^|\.)externalId$/.test(f.field)))
  );
}

/**
 * The success for a request Plain refused as a duplicate of `externalId`: the event is there.
 * Plain does not say which event it was, so the result holds only what the request carried
 * (no `id`), with the refusal's attempts and request id.
 */
export function alreadyExisted(
  request: EventRequest,
  externalId: string,
  { attempts, requestId }: MutationFailure,
): EventAlreadyExisted {
  const { operation, input } = request;
  const event = (
    operation === "createCustomerEvent"
      ? { operation, title: input.title, externalId, customerIdentifier: input.customerIdentifier }
      : { operation, title: input.title, externalId, threadId: input.threadId }
  ) satisfies ExistingEvent;
  const result = { ok: true, alreadyExisted: true, attempts, event } as const;
  return requestId === undefined ? result : { ...result, requestId };
}
