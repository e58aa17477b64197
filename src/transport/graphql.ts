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
import { existingEvent, isDuplicateExternalId as defaultIsDuplicate } from "./idempotency.js";
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
  const { apiKey } = options;
  if (typeof apiKey !== "string" || apiKey.trim() === "") {
    throw new TypeError("graphqlTransport: apiKey must be a non-empty string");
  }
  const endpoint = options.endpoint ?? PLAIN_ENDPOINT;
  const config = { apiKey, endpoint, headers: options.headers };
  const headers = requestHeaders(config);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const policy = retryPolicy(options.retry);
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const isDuplicate = options.isDuplicateExternalId ?? defaultIsDuplicate;
  const pacing = options.pacing ?? true;
  const gate = new RateLimitGate(clock, options.rateLimitReserve ?? 0);
  const baseFetch = options.fetch ?? globalThis.fetch;
  const redact = redactor([apiKey]);

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
      const state = init?.signal == null ? undefined : inFlight.get(init.signal);
      if (state === undefined) throw new Error("graphqlTransport: an attempt without its state");
      state.response = await baseFetch(url, { ...init, body: state.bodyText });
      return state.response;
    },
  });

  async function attempt(http: HttpRequest, callerSignal: AbortSignal | undefined) {
    // A plain controller and a timer cleared when the attempt ends. Why not
    // AbortSignal.timeout/AbortSignal.any: in Node 20 their timer, the signal and its listeners
    // stay alive (and are promoted to old space) for the whole timeoutMs after the attempt.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException(`No answer within ${timeoutMs} ms`, "TimeoutError"));
    }, timeoutMs);
    const onCallerAbort = () => controller.abort(callerSignal?.reason);
    if (callerSignal?.aborted === true) onCallerAbort();
    else callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
    const { signal } = controller;
    const state: AttemptState = { bodyText: http.bodyText, response: undefined };
    inFlight.set(signal, state);
    let outcome: AttemptOutcome;
    let rate: RateLimitHeaders | undefined;
    try {
      const answer = await client.rawRequest<unknown>({
        query: http.body.query,
        variables: http.body.variables,
        signal,
      });
      outcome = fromResponse(http, answer.status, answer.headers, answer);
      rate = readRateLimitHeaders(answer.headers, clock.now());
    } catch (error) {
      const { response } = state;
      if (error instanceof ClientError) {
        const { status, headers: h } = error.response;
        outcome = fromResponse(http, status, h, error.response);
        rate = readRateLimitHeaders(h, clock.now());
      } else if (callerSignal?.aborted === true) {
        outcome = { ok: false, unknownOutcome: true, error: abortedFailure() };
      } else if (timedOut) {
        outcome = timeoutFailure(timeoutMs);
      } else if (response !== undefined) {
        // An answer came but its body was not GraphQL JSON.
        outcome = fromResponse(http, response.status, response.headers, undefined);
        rate = readRateLimitHeaders(response.headers, clock.now());
      } else {
        outcome = networkFailure(error);
      }
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onCallerAbort);
      inFlight.delete(signal);
    }
    return { outcome, rate };
  }

  function fromResponse(http: HttpRequest, status: number, h: Headers, json: unknown) {
    const now = clock.now();
    return decodeAnswer(http.body.operationName, {
      status,
      headers: h,
      json,
      rate: readRateLimitHeaders(h, now),
      now,
    });
  }

  async function send(
    source: EventRequest | RequestSource,
    sendOptions: SendOptions = {},
  ): Promise<SendResult> {
    const prepared = prepare(source);
    // Validation problems come from the caller's own input, and keep their ValidationError.
    if (!prepared.ok) return { ok: false, error: prepared.error };
    const { request } = prepared;
    const http = httpRequest(request, config, headers);
    const signal = sendOptions.signal;
    const started = clock.now();
    let attempts = 0;
    let unknownOutcome = false;
    const fail = (error: Unnumbered<TransportError>): SendResult =>
      redact({ ok: false, error: { ...error, attempts } as TransportError });

    for (;;) {
      if (signal?.aborted === true) return fail(abortedFailure());
      try {
        if (pacing) await gate.acquire(signal);
      } catch {
        return fail(abortedFailure());
      }
      attempts++;
      const { outcome, rate } = await attempt(http, signal);
      if (pacing) gate.release(rate);

      if (outcome.ok) {
        return {
          ok: true,
          alreadyExisted: false,
          attempts,
          event: outcome.event,
          ...(outcome.requestId === undefined ? {} : { requestId: outcome.requestId }),
        };
      }
      const { error } = outcome;
      const externalId = request.input.externalId;
      if (
        error.kind === "mutation" &&
        unknownOutcome &&
        externalId !== undefined &&
        isDuplicate({ ...error, attempts })
      ) {
        return {
          ok: true,
          alreadyExisted: true,
          attempts,
          event: existingEvent(request, externalId),
          ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
        };
      }
      if (!error.retryable || attempts >= policy.attempts) return fail(error);
      unknownOutcome ||= outcome.unknownOutcome;

      const now = clock.now();
      const delay =
        outcome.retryAt !== undefined
          ? Math.max(0, outcome.retryAt - now) + Math.floor(random() * policy.baseDelayMs)
          : backoffMs(policy, attempts, random);
      if (now + delay - started > policy.maxElapsedMs) return fail(error);
      if (outcome.retryAt !== undefined && pacing) gate.exhausted(outcome.retryAt);
      try {
        await clock.sleep(delay, signal);
      } catch {
        return fail(abortedFailure());
      }
      if (outcome.retryAt !== undefined && pacing) gate.windowPassed(outcome.retryAt);
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
