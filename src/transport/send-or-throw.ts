import type { EventRequest, RequestSource } from "../builder/request.js";
import { SendError } from "./errors.js";
import type { SendOptions, SendSuccess, Transport } from "./types.js";

/**
 * Sends and returns the success, or throws a {@link SendError} holding the same error value
 * `send` would have returned. For callers who prefer exceptions.
 */
export async function sendOrThrow(
  transport: Transport,
  request: EventRequest | RequestSource,
  options?: SendOptions,
): Promise<SendSuccess> {
  const result = await transport.send(request, options);
  if (!result.ok) throw new SendError(result.error);
  return result;
}
