import type { CustomerIdentifierInput, EventRequest, RequestSource } from "../builder/request.js";
import type { TransportError } from "./errors.js";

/** Options of one `send`. */
export interface SendOptions {
  /** Cancels the send, including waits between retries. The result is then `aborted`. */
  readonly signal?: AbortSignal;
}

/**
 * Sends event requests somewhere: to Plain ({@link graphqlTransport}), to a string
 * ({@link dumpTransport}) or to memory (`memoryTransport`, from `plain-events/testing`).
 *
 * `send` never throws for an expected failure: it resolves to a {@link SendResult}.
 */
export interface Transport {
  /**
   * Sends one request. A {@link RequestSource} (an event with a target) is built first; a plain
   * request object is checked with the builder's rules. Invalid input is reported as a
   * `validation` error and nothing is sent.
   */
  send(request: EventRequest | RequestSource, options?: SendOptions): Promise<SendResult>;
}

/** Plain's `DateTime`. */
export interface PlainDateTime {
  readonly iso8601: string;
  /** A Unix timestamp as a string, as Plain sends it (the test server sends milliseconds). */
  readonly unixTimestamp: string;
}

/** A customer event Plain created, with the fields the transport selects. */
export interface CreatedCustomerEvent {
  readonly operation: "createCustomerEvent";
  /** Plain's id, like `tev_01H…`. */
  readonly id: string;
  readonly title: string;
  readonly createdAt: PlainDateTime;
  readonly customerId: string;
}

/** A thread event Plain created, with the fields the transport selects. */
export interface CreatedThreadEvent {
  readonly operation: "createThreadEvent";
  readonly id: string;
  readonly title: string;
  readonly createdAt: PlainDateTime;
  readonly threadId: string;
}

/** An event Plain created. */
export type CreatedEvent = CreatedCustomerEvent | CreatedThreadEvent;

/**
 * An event that already existed: a retry after an unknown outcome met a duplicate `externalId`.
 * Plain does not say which event it was, so this holds only what the request knew.
 */
export type ExistingEvent =
  | {
      readonly operation: "createCustomerEvent";
      readonly id?: undefined;
      readonly title: string;
      readonly externalId: string;
      readonly customerIdentifier: CustomerIdentifierInput;
    }
  | {
      readonly operation: "createThreadEvent";
      readonly id?: undefined;
      readonly title: string;
      readonly externalId: string;
      readonly threadId: string;
    };

interface SuccessBase {
  readonly ok: true;
  /** HTTP attempts made (1 when the first one worked). */
  readonly attempts: number;
  /** Plain's request id (`apigw-requestid`) of the answer. */
  readonly requestId?: string;
}

/** Plain created the event. */
export interface EventCreated extends SuccessBase {
  readonly alreadyExisted: false;
  readonly event: CreatedEvent;
}

/**
 * The event was created by an earlier attempt whose answer was lost: the retry was refused as a
 * duplicate `externalId`. See the transport's `isDuplicateExternalId` option.
 */
export interface EventAlreadyExisted extends SuccessBase {
  readonly alreadyExisted: true;
  readonly event: ExistingEvent;
}

/** The event is in Plain. */
export type SendSuccess = EventCreated | EventAlreadyExisted;

/** The event is not (known to be) in Plain. */
export interface SendFailure {
  readonly ok: false;
  readonly error: TransportError;
}

/** What `send` resolves to. Match on `ok`, then on `error.kind`. */
export type SendResult = SendSuccess | SendFailure;
