import {
  COMPONENT_SPECS,
  isChildList,
  isOpenValue,
  isRecord,
  shapeOf,
  takesString,
  ValidationError,
  type AnyComponent,
  type ObjectShape,
  type Problem,
} from "../components/index.js";
import { compileList, listOf, metaOf } from "../builder/compose.js";
import type { EventComposer, EventMeta } from "../builder/event.js";
import { Markdown } from "../builder/markdown.js";
import type { ParamInfo } from "../builder/render.js";
import { Slot, SlotString, type SlotType } from "../builder/slot.js";
import type { EventBuilder } from "../builder/types.js";
import { escapeLiteral, slotToken } from "./syntax.js";

/** The version of the template document format this library writes and reads. */
export const TEMPLATE_VERSION = 1;

/** Where the JSON Schema for template documents is published (it ships in the package too). */
export const TEMPLATE_SCHEMA_URL = "https://unpkg.com/plain-events/schema/template.schema.json";

/** One declared parameter of a template document. */
export interface TemplateParamDeclaration {
  /** What values `render()` accepts: `string` unless given. */
  readonly type?: SlotType;
  /** A note for whoever fills the template in. */
  readonly description?: string;
}

/**
 * A shareable event template: Plain's own component JSON, with slots written as `{{name}}`
 * inside strings (a literal `{{` is written `{{'{{'}}`). Text fields (`componentText.text`)
 * are Markdown as written, and the values filled into them are escaped.
 *
 * @example
 * ```json
 * {
 *   "$schema": "https://unpkg.com/plain-events/schema/template.schema.json",
 *   "version": 1,
 *   "title": "API key generated",
 *   "params": { "fingerprint": { "type": "string" }, "adminUrl": { "type": "url" } },
 *   "components": [
 *     { "componentText": { "text": "Fingerprint **{{fingerprint}}**" } },
 *     { "componentLinkButton": { "linkButtonUrl": "{{adminUrl}}", "linkButtonLabel": "View" } }
 *   ]
 * }
 * ```
 */
export interface TemplateDocument {
  readonly $schema?: string;
  readonly version: typeof TEMPLATE_VERSION;
  readonly title: string;
  /** For people reading the document; not sent to Plain. */
  readonly description?: string;
  /** Every slot the document uses, by name, in order of first use. */
  readonly params: { readonly [name: string]: TemplateParamDeclaration };
  readonly externalId?: string;
  readonly timestamp?: string;
  readonly collapsed?: boolean;
  /** Plain's `EventComponentInput` JSON, with `{{slots}}` in its strings. */
  readonly components: readonly unknown[];
}

/**
 * An event template as a shareable JSON document: slots are written as `{{name}}`, and its
 * parameters are listed with their types and descriptions. {@link loadTemplate} reads it back,
 * exactly. Throws a `ValidationError` when the template has problems of its own.
 *
 * @example
 * ```ts
 * writeFileSync("api-key-generated.json", JSON.stringify(toTemplateJSON(apiKeyGenerated), null, 2));
 * ```
 */
export function toTemplateJSON(
  template: EventBuilder<string>,
  options?: TemplateJSONOptions,
): TemplateDocument {
  const builder = template as unknown as EventComposer;
  const { params, problems } = builder._prepare();
  const extra: Problem[] = [...builder._settingProblems(), ...problems];
  const list = listOf(builder);
  if (list === undefined) {
    extra.push({ path: "components", message: "must hold at least one component" });
  }
  if (extra.length > 0) throw new ValidationError(builder._subject(), extra);
  const { title, externalId, timestamp, collapsed } = metaOf<EventMeta>(builder);
  return writeDocument(
    {
      title: title.value,
      externalId: externalId?.value,
      timestamp: timestamp?.value,
      collapsed,
      components: compileList(list, "components").components,
      params,
    },
    options,
  );
}

/** Options of `toTemplateJSON()`. */
export interface TemplateJSONOptions {
  /** The `$schema` to write: the published schema unless given; `false` leaves it out. */
  readonly schema?: string | false;
  /** A note on the whole template, for people reading the document. */
  readonly description?: string;
}

function collectFields(shape: ObjectShape, strings: Set<string>, lists: Set<string>): void {
  for (const [name, { rule }] of Object.entries(shape.fields)) {
    if (takesString(rule)) strings.add(name);
    else if (isChildList(rule)) lists.add(name);
    // Identifier objects (a user's, a workflow's) hold string fields of their own.
    const nested = shapeOf(rule);
    if (nested !== undefined) collectFields(nested, strings, lists);
  }
}

const slotFields = new Set<string>();
const childFields = new Set<string>();
for (const spec of COMPONENT_SPECS.values()) collectFields(spec.shape, slotFields, childFields);

/**
 * The string fields, by name, that may hold slots in a document, read off the components' own
 * rules (enums such as `spacerSize` are not among them), so a new component needs no line here.
 */
export const SLOT_FIELDS: ReadonlySet<string> = slotFields;

/** The fields that hold lists of child components (`rowMainContent`, …). */
export const CHILD_FIELDS: ReadonlySet<string> = childFields;

/** A value with slots, or a literal string, written as a document string. */
export function writeString(value: unknown): string {
  if (typeof value === "string") return escapeLiteral(value);
  if (value instanceof Slot) return slotToken(value.name);
  if (value instanceof Markdown || value instanceof SlotString) {
    return value.parts
      .map((p) => (typeof p === "string" ? escapeLiteral(p) : slotToken(p.name)))
      .join("");
  }
  throw new TypeError(`toTemplateJSON: cannot write ${typeof value} as a template string`);
}

/** A compiled component (which may hold open values) as document JSON. */
export function writeComponent(component: AnyComponent): unknown {
  return writeValue(component, "");
}

function writeValue(value: unknown, field: string): unknown {
  if (isOpenValue(value) || (typeof value === "string" && SLOT_FIELDS.has(field))) {
    if (!SLOT_FIELDS.has(field)) {
      throw new TypeError(`toTemplateJSON: ${field} cannot hold a slot in a template document`);
    }
    return writeString(value);
  }
  if (Array.isArray(value)) return value.map((v) => writeValue(v, ""));
  if (isRecord(value)) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) copy[key] = writeValue(value[key], key);
    return copy;
  }
  return value;
}

/** The event's parts that a document holds. */
export interface DocumentSource {
  readonly title: unknown;
  readonly externalId?: unknown;
  readonly timestamp?: unknown;
  readonly collapsed?: boolean | undefined;
  readonly components: readonly AnyComponent[];
  readonly params: readonly ParamInfo[];
}

/** Writes a template document, keys in a fixed order so that documents diff cleanly. */
export function writeDocument(
  source: DocumentSource,
  options: TemplateJSONOptions = {},
): TemplateDocument {
  const doc: Record<string, unknown> = {};
  const schema = options.schema ?? TEMPLATE_SCHEMA_URL;
  if (schema !== false) doc.$schema = schema;
  doc.version = TEMPLATE_VERSION;
  doc.title = writeString(source.title);
  if (options.description !== undefined) doc.description = options.description;
  const params: Record<string, TemplateParamDeclaration> = {};
  for (const p of source.params) {
    params[p.name] =
      p.description === undefined ? { type: p.type } : { type: p.type, description: p.description };
  }
  doc.params = params;
  if (source.externalId !== undefined) doc.externalId = writeString(source.externalId);
  if (source.timestamp !== undefined) doc.timestamp = writeString(source.timestamp);
  if (source.collapsed !== undefined) doc.collapsed = source.collapsed;
  doc.components = source.components.map(writeComponent);
  return doc as unknown as TemplateDocument;
}
