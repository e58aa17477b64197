import { ClientError, GraphQLClient } from "graphql-request";
import type { EventRequest, RequestSource } from "../builder/request.js";
import { systemClock, type Clock } from "./clock.js";
import {
  abortedFailure,
  decodeAnswer,
  networkFailure,
  timeoutFailure,
  type AttemptOutcome,
  type Unnumbered,
} from "./decode.js";
import type { MutationFailure, TransportError } from "./errors.js";
import { httpRequest, PLAIN_ENDPOINT, requestHeaders, type HttpRequest } from "./http.js";
import { alreadyExisted, isDuplicateExternalId as defaultIsDuplicate } from "./idempotency.js";
import { prepare } from "./prepare.js";
import {
  RateLimitGate,
  readRateLimitHeaders,
  type RateLimitHeaders,
  type RateLimitSnapshot,
} from "./rate-limit.js";
import { redactor } from "./redact.js";
import { backoffMs, retryPolicy, type RetryOptions } from "./retry.js";
import type { SendOptions, SendResult, Transport } from "./types.js";

/** Options of {@link graphqlTransport}. */
export interface GraphQLTransportOptions {
  /** A Plain API key (machine user) with `customerEvent:create` and/or `threadEvent:create`. */
  readonly apiKey: string;
  /** Default `https://core-api.uk.plain.com/graphql/v1`. */
  readonly endpoint?: string;
  /** The `fetch` to use. Default `globalThis.fetch`. */
  readonly fetch?: typeof fetch;
  /** Per attempt, in ms. Default 10 000. */
  readonly timeoutMs?: number;
  /** Retry policy, or `false` for a single attempt. See {@link RetryOptions}. */
  readonly retry?: RetryOptions | false;
  /** Extra headers. `Authorization`, `Content-Type` and `Accept` are the transport's own. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Pace sends by `x-ratelimit-remaining`/`x-ratelimit-reset` so that bursts wait for the
   * window instead of collecting 429s. Default true.
   */
  readonly pacing?: boolean;
  /** Requests to leave unused in each window when pacing (for other clients of the key). Default 0. */
  readonly rateLimitReserve?: number;
  /**
   * Recognises Plain's duplicate-`externalId` error. Used only on a retry after an attempt whose
   * outcome is unknown, to report the event as already created. Default: {@link isDuplicateExternalId}.
   */
  readonly isDuplicateExternalId?: (error: MutationFailure) => boolean;
  /** Time, for tests. Default the real clock. */
  readonly clock?: Clock;
  /** Jitter source in [0, 1), for tests. Default `Math.random`. */
  readonly random?: () => number;
}

/** A transport that sends to Plain's GraphQL API. */
export interface GraphQLTransport extends Transport {
  /** What the transport knows about the rate limit now. `sendAll` paces by it. */
  readonly rateLimit: RateLimitSnapshot;
  /** The endpoint requests go to. */
  readonly endpoint: string;
}

/**
 * Sends events to Plain's GraphQL API with graphql-request.
 *
 * - POSTs `{ query, variables: { input }, operationName }` with `Authorization: Bearer …` and a
 *   `User-Agent` naming plain-events and its version (see {@link dumpTransport} for the bytes).
 * - Each attempt times out after `timeoutMs`; the caller's `signal` aborts the whole send.
 * - Retries (by default 4 attempts in all, at most 60 s) 429s after the window resets, 5xx,
 *   network errors, timeouts, `INTERNAL_SERVER_ERROR` and `INTERNAL` mutation errors, with
 *   exponential backoff and full jitter. Never retries `VALIDATION`, `FORBIDDEN` or other 4xx.
 * - With an `externalId`, a duplicate rejection on a retry after an unknown outcome is success
 *   with `alreadyExisted: true`.
 * - No result, message or cause ever contains the API key.
 */
export function graphqlTransport(options: GraphQLTransportOptions): GraphQLTransport {
  const {
    apiKey,
    endpoint = PLAIN_ENDPOINT,
    timeoutMs = 10_000,
    clock = systemClock,
    random = Math.random,
    isDuplicateExternalId: isDuplicate = defaultIsDuplicate,
    pacing = true,
    fetch: baseFetch = globalThis.fetch,
  } = options;
  if (typeof apiKey !== "string" || apiKey.trim() === "") {
    throw new TypeError("graphqlTransport: apiKey must be a non-empty string");
  }
  const headers = requestHeaders(apiKey, options.headers);
  const policy = retryPolicy(options.retry);
  const gate = new RateLimitGate(clock, options.rateLimitReserve ?? 0);
  const redact = redactor(apiKey);

  // One graphql-request client for the transport's life. Why: a client per attempt cost a
  // client, its config and three closures per request, all garbage a moment later. What is
  // per attempt (the body bytes, the answer) lives in `inFlight`, keyed by the attempt's own
  // AbortSignal, which graphql-request hands to fetch in `init.signal`.
  const inFlight = new Map<AbortSignal, AttemptState>();
  const client = new GraphQLClient(endpoint, {
    headers,
    errorPolicy: "all",
    // Skips graphql-request's parse of the document: the operation name is in our body.
    excludeOperationName: true,
    // graphql-request builds the same { query, variables, operationName }; fetch below sends
    // httpRequest()'s text instead, so the wire bytes are exactly what dumpTransport shows.
    jsonSerializer: { stringify: () => "", parse: JSON.parse },
    fetch: async (url, init) => {
      // Every request of this client is an attempt's, with the attempt's signal.
      const state = inFlight.get(init!.signal!)!;
      return (state.response = await baseFetch(url, { ...init, body: state.bodyText }));
    },
  });

  /** One HTTP attempt, and the rate-limit headers of its answer when there was one. */
  async function attempt(
    http: HttpRequest,
    callerSignal: AbortSignal | undefined,
  ): Promise<[AttemptOutcome, RateLimitHeaders?]> {
    // A plain controller and a timer cleared when the attempt ends. Why not
    // AbortSignal.timeout/AbortSignal.any: in Node 20 their timer, the signal and its listeners
    // stay alive (and are promoted to old space) for the whole timeoutMs after the attempt.
    // The controller aborts on the timer or on the caller's signal, whichever comes first.
    const controller = new AbortController();
    const { signal } = controller;
    // With its reason, so that a custom `fetch` can tell a timeout from the caller's abort.
    const timer = setTimeout(() => {
      controller.abort(new DOMException(`No answer within ${timeoutMs} ms`, "TimeoutError"));
    }, timeoutMs);
    const abort = () => controller.abort(callerSignal?.reason);
    if (callerSignal?.aborted === true) abort();
    else callerSignal?.addEventListener("abort", abort, { once: true });
    const state: AttemptState = { bodyText: http.bodyText, response: undefined };
    inFlight.set(signal, state);
    // The answer and its parsed body: graphql-request's, or fetch's own (with no body) when
    // what came back was not GraphQL JSON.
    let answer: { readonly status: number; readonly headers: Headers } | undefined;
    let json: unknown;
    try {
      const { query, variables } = http.body;
      answer = json = await client.rawRequest<unknown>({ query, variables, signal });
    } catch (error) {
      if (error instanceof ClientError) answer = json = error.response;
      else if (callerSignal?.aborted === true) {
        return [{ ok: false, unknownOutcome: true, error: abortedFailure() }];
      } else if (signal.aborted) return [timeoutFailure(timeoutMs)];
      else if ((answer = state.response) === undefined) return [networkFailure(error)];
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", abort);
      inFlight.delete(signal);
    }
    const now = clock.now();
    const rate = readRateLimitHeaders(answer.headers, now);
    return [decodeAnswer(http.body.operationName, answer, json, now, rate.resetAt), rate];
  }

  async function send(
    source: EventRequest | RequestSource,
    { signal }: SendOptions = {},
  ): Promise<SendResult> {
    const prepared = prepare(source);
    // Validation problems come from the caller's own input, and keep their ValidationError.
    if (!prepared.ok) return prepared;
    const { request } = prepared;
    const http = httpRequest(request, endpoint, headers);
    const started = clock.now();
    let attempts = 0;
    let unknownOutcome = false;
    // Before each retry: how long to wait, and the 429's reset when that is what it waits for.
    let delay = 0;
    let retryAt: number | undefined;
    const fail = (error: Unnumbered<TransportError>): SendResult =>
      redact({ ok: false, error: { ...error, attempts } as TransportError });

    for (;;) {
      try {
        if (attempts > 0) {
          if (retryAt !== undefined && pacing) gate.exhausted(retryAt);
          await clock.sleep(delay, signal);
          if (retryAt !== undefined && pacing) gate.windowPassed(retryAt);
        }
        signal?.throwIfAborted();
        if (pacing) await gate.acquire(signal);
      } catch {
        // Only the caller's signal rejects a wait.
        return fail(abortedFailure());
      }
      attempts++;
      const [outcome, rate] = await attempt(http, signal);
      if (pacing) gate.release(rate);
      if (outcome.ok) return { ...outcome, attempts };

      const { error } = outcome;
      const externalId = request.input.externalId;
      if (error.kind === "mutation" && unknownOutcome && externalId !== undefined) {
        const numbered = { ...error, attempts };
        if (isDuplicate(numbered)) return alreadyExisted(request, externalId, numbered);
      }
      if (!error.retryable || attempts >= policy.attempts) return fail(error);
      unknownOutcome ||= outcome.unknownOutcome;
      retryAt = outcome.retryAt;
      const now = clock.now();
      delay =
        retryAt === undefined
          ? backoffMs(policy, attempts, random)
          : Math.max(0, retryAt - now) + Math.floor(random() * policy.baseDelayMs);
      if (now + delay - started > policy.maxElapsedMs) return fail(error);
    }
  }

  return {
    send,
    endpoint,
    get rateLimit() {
      return gate.snapshot();
    },
  };
}

/** What one attempt's fetch needs and leaves: the body to send and the answer. */
interface AttemptState {
  readonly bodyText: string;
  response: Response | undefined;
}
