import type { EventRequest } from "../builder/request.js";
import { defined } from "./defined.js";
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
  { operation, input }: EventRequest,
  externalId: string,
  { attempts, requestId }: MutationFailure,
): EventAlreadyExisted {
  // The request's target: its customer identifier, or its thread id.
  const target = operation === "createCustomerEvent" ? "customerIdentifier" : "threadId";
  const event = {
    operation,
    title: input.title,
    externalId,
    [target]: input[target as keyof typeof input],
  } as unknown as ExistingEvent;
  return defined({ ok: true, alreadyExisted: true, attempts, event, requestId } as const);
}
