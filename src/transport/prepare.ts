import {
  assertValidRequest,
  checksItself,
  toRequest,
  type EventRequest,
  type RequestSource,
} from "../builder/request.js";
import { ValidationError } from "../components/problems.js";
import type { ValidationFailure } from "./errors.js";

/** A request ready to send, or the reason it cannot be. */
export type Prepared =
  | { readonly ok: true; readonly request: EventRequest }
  | { readonly ok: false; readonly error: ValidationFailure };

/**
 * Builds a request source, or checks a plain request object with the builder's rules
 * (`assertValidRequest`), so that nothing Plain would reject for its shape is ever sent.
 * Errors other than a {@link ValidationError} are bugs and propagate.
 */
export function prepare(source: EventRequest | RequestSource): Prepared {
  try {
    const request = toRequest(source);
    // An event with a target built it here and now with the builder's own checks (the same
    // rules), and no one else has held it: checking it again would only make garbage. Any
    // other source, and every plain request object, is checked.
    if (request === source || !checksItself(source)) assertValidRequest(request);
    return { ok: true, request };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const { message, problems } = error;
    return {
      ok: false,
      error: { kind: "validation", message, retryable: false, attempts: 0, problems, cause: error },
    };
  }
}
