export { event } from "./event.js";
export { card, hiddenCard, cardsResponse, type CardsResponseOptions } from "./card.js";
export { fragment } from "./fragment.js";
export { md, escapeMarkdown, Markdown, type MarkdownValue, type RawMarkdown } from "./markdown.js";
export {
  slot,
  str,
  Slot,
  SlotString,
  SLOT_TYPES,
  type Str,
  type SlotsIn,
  type SlotType,
  type SlotOptions,
  type ParamValue,
  type TemplateParams,
} from "./slot.js";
export {
  requestProblems,
  assertValidRequest,
  toRequest,
  type CustomerIdentifier,
  type CustomerIdentifierInput,
  type CreateCustomerEventInput,
  type CreateThreadEventInput,
  type CustomerEventRequest,
  type ThreadEventRequest,
  type EventRequest,
  type RequestSource,
} from "./request.js";
export type * from "./types.js";
