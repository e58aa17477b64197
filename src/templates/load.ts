import {
  ALREADY_REPORTED,
  fieldPath,
  isRecord,
  OPEN,
  type OpenValue,
  showValue,
  ValidationError,
  type Problem,
} from "../components/index.js";
import { compileList, listOf } from "../builder/compose.js";
import { event, type EventComposer } from "../builder/event.js";
import { Markdown } from "../builder/markdown.js";
import { isSlotName, Slot, SlotString, SLOT_TYPES, type SlotType } from "../builder/slot.js";
import type { EventBuilder } from "../builder/types.js";
import { CHILD_FIELDS, SLOT_FIELDS, TEMPLATE_VERSION } from "./json.js";
import { parseSlots } from "./syntax.js";

/** Options of {@link loadTemplate}. */
export interface LoadTemplateOptions<P extends readonly string[]> {
  /**
   * The parameter names your code will pass to `render()`. The document must declare exactly
   * these (in any order); the builder is then typed with them, so `render()` is checked.
   */
  readonly params?: P;
}

const DOCUMENT_KEYS = new Set([
  "$schema",
  "version",
  "title",
  "description",
  "params",
  "externalId",
  "timestamp",
  "collapsed",
  "components",
]);
const PARAM_KEYS = new Set(["type", "description"]);

/**
 * Reads a template JSON document (an object, or its JSON text) into an event builder, checked
 * with the same rules as direct building. Every problem is reported at once, with its path in
 * the document: unknown component kinds, wrong nesting, broken limits, malformed or undeclared
 * slots, wrong types. Nothing in the document is evaluated: `{{name}}` is the only syntax.
 *
 * @example
 * ```ts
 * const apiKeyGenerated = loadTemplate(json, { params: ["fingerprint", "roleCount", "adminUrl"] });
 * apiKeyGenerated.render({ fingerprint: "3b78…", roleCount: 4, adminUrl: "https://admin.acme.com" });
 * ```
 */
export function loadTemplate<const P extends readonly string[] = readonly string[]>(
  json: unknown,
  options: LoadTemplateOptions<P> = {},
): EventBuilder<P[number]> {
  const out: Problem[] = [];
  let doc = json;
  if (typeof json === "string") {
    try {
      doc = JSON.parse(json) as unknown;
    } catch (error) {
      throw new ValidationError("template", [
        { path: "", message: `is not valid JSON (${(error as Error).message})` },
      ]);
    }
  }
  if (!isRecord(doc)) {
    throw new ValidationError("template", [
      { path: "", message: `must be a template document object, got ${showValue(doc)}` },
    ]);
  }
  const has = (key: string) => Object.hasOwn(doc, key);
  for (const key of Object.keys(doc)) {
    if (!DOCUMENT_KEYS.has(key)) {
      out.push({
        path: fieldPath("", key),
        message: `is not part of a template document (expected ${[...DOCUMENT_KEYS].join(", ")})`,
      });
    }
  }
  if (doc.version !== TEMPLATE_VERSION) {
    out.push({
      path: "version",
      message: `must be ${TEMPLATE_VERSION} (the template format this version of plain-events reads), got ${showValue(doc.version)}`,
    });
  }
  for (const key of ["$schema", "description"]) {
    if (has(key) && typeof doc[key] !== "string") {
      out.push({ path: key, message: `must be a string, got ${showValue(doc[key])}` });
    }
  }

  const declared = readParams(has("params") ? doc.params : undefined, out);
  const used = new Set<string>();
  const reader = new Reader(declared, used, out);

  const title = has("title") ? reader.string(doc.title, "title") : missing("title", out);
  let builder = event(title as string) as unknown as EventComposer;

  if (!has("components") || !Array.isArray(doc.components)) {
    out.push({
      path: "components",
      message: `must be a list of components, got ${showValue(has("components") ? doc.components : undefined)}`,
    });
  } else {
    const components = doc.components.map((c: unknown, i) =>
      reader.component(c, `components[${i}]`),
    );
    // One at a time, not with .add(): a null or a nested list is a mistake in a document, not
    // something to skip or flatten, and every item keeps its index in paths.
    components.forEach((c, i) => {
      // .add() skips absent values and flattens lists: in a document they are mistakes. The
      // placeholder keeps every later component at its own index in paths.
      if (c === null || c === undefined || c === false || Array.isArray(c)) {
        out.push({
          path: `components[${i}]`,
          message: `must be a component object, got ${showValue(c)}`,
        });
        c = ALREADY_REPORTED;
      }
      builder = builder.add(c as never) as unknown as EventComposer;
    });
    if (components.length === 0) {
      out.push({ path: "components", message: "must hold at least one component" });
    }
  }
  if (has("externalId")) builder = builder.externalId(reader.string(doc.externalId, "externalId"));
  if (has("timestamp")) builder = builder.timestamp(reader.string(doc.timestamp, "timestamp"));
  if (has("collapsed")) {
    if (typeof doc.collapsed === "boolean") builder = builder.collapsed(doc.collapsed);
    else
      out.push({
        path: "collapsed",
        message: `must be true or false, got ${showValue(doc.collapsed)}`,
      });
  }

  for (const name of declared.keys()) {
    if (!used.has(name)) {
      out.push({
        path: fieldPath("params", name),
        message: `is declared but no string of the template uses {{${name}}}`,
      });
    }
  }
  if (options.params !== undefined) {
    const expected = new Set(options.params);
    const names = [...declared.keys()];
    if (expected.size !== names.length || names.some((n) => !expected.has(n))) {
      out.push({
        path: "params",
        message: `declares ${names.join(", ") || "none"}; the code expects ${[...expected].join(", ") || "none"}`,
      });
    }
  }

  // The builder's own checks, with the document's paths; call sites would point in here.
  const inComponents = (p: Problem) => p.path.startsWith("components");
  const problems = [
    ...out.filter((p) => !inComponents(p)),
    ...builder._settingProblems(),
    // The document's own problems and the builder's, in component order.
    ...[...out.filter(inComponents), ...compileList(listOf(builder), "components").problems].sort(
      (a, b) => componentIndex(a.path) - componentIndex(b.path),
    ),
  ].map(({ path, message }) => ({ path, message }));
  if (problems.length > 0) {
    const subject =
      typeof doc.title === "string" ? `template ${JSON.stringify(doc.title)}` : "template";
    throw new ValidationError(subject, problems);
  }
  return builder as unknown as EventBuilder<P[number]>;
}

function componentIndex(path: string): number {
  return Number(/^components\[(\d+)\]/.exec(path)?.[1] ?? -1);
}

/**
 * Stands where a string could not be read (its problem is already reported): an open value,
 * so that the field's rule passes over it instead of reporting the field a second time.
 */
const UNREADABLE: OpenValue = Object.freeze({ [OPEN]: [] });

function missing(key: string, out: Problem[]): OpenValue {
  out.push({ path: key, message: "is required" });
  return UNREADABLE;
}

/** The `params` section: name → declared slot (type and description). */
function readParams(value: unknown, out: Problem[]): Map<string, Slot> {
  const declared = new Map<string, Slot>();
  if (value === undefined) return declared;
  if (!isRecord(value)) {
    out.push({
      path: "params",
      message: `must be an object of parameters, got ${showValue(value)}`,
    });
    return declared;
  }
  for (const name of Object.keys(value)) {
    const path = fieldPath("params", name);
    if (!isSlotName(name)) {
      out.push({
        path,
        message: `is not a parameter name: a letter or "_", then letters, digits or "_" (not __proto__, constructor or prototype)`,
      });
      continue;
    }
    const decl = value[name];
    if (!isRecord(decl)) {
      out.push({
        path,
        message: `must be an object { type, description }, got ${showValue(decl)}`,
      });
      continue;
    }
    let ok = true;
    for (const key of Object.keys(decl)) {
      if (!PARAM_KEYS.has(key)) {
        out.push({
          path: fieldPath(path, key),
          message: "is not part of a parameter (expected type, description)",
        });
        ok = false;
      }
    }
    const type = Object.hasOwn(decl, "type") ? decl.type : "string";
    if (!SLOT_TYPES.includes(type as SlotType)) {
      out.push({
        path: fieldPath(path, "type"),
        message: `${showValue(type)} is not one of ${SLOT_TYPES.join(", ")}`,
      });
      ok = false;
    }
    const description = Object.hasOwn(decl, "description") ? decl.description : undefined;
    if (description !== undefined && typeof description !== "string") {
      out.push({
        path: fieldPath(path, "description"),
        message: `must be a string, got ${showValue(description)}`,
      });
      ok = false;
    }
    if (ok) declared.set(name, new Slot(name, type as SlotType, description as string | undefined));
  }
  return declared;
}

/** Turns document strings into literal text and slots, and components into builder input. */
class Reader {
  constructor(
    private readonly declared: ReadonlyMap<string, Slot>,
    private readonly used: Set<string>,
    private readonly out: Problem[],
  ) {}

  /** A document string: literal text, one slot, or text with slots. */
  string(value: unknown, path: string, markdown = false): unknown {
    if (typeof value !== "string") return value; // left for the field's rule to report
    const pieces = parseSlots(value);
    if (!Array.isArray(pieces)) {
      this.out.push({ path, message: pieces.error });
      return UNREADABLE;
    }
    const parts: (string | Slot)[] = [];
    for (const piece of pieces) {
      if (typeof piece === "string") {
        parts.push(piece);
        continue;
      }
      this.used.add(piece.slot);
      const declared = this.declared.get(piece.slot);
      if (declared === undefined) {
        this.out.push({
          path,
          message: `uses {{${piece.slot}}}, which params does not declare`,
        });
        return UNREADABLE;
      }
      parts.push(declared);
    }
    if (parts.every((p) => typeof p === "string")) return parts.join("");
    if (markdown) return new Markdown(parts);
    return parts.length === 1 ? parts[0] : new SlotString(parts);
  }

  /**
   * A copy of a raw component with its strings read. Copies are made on objects without a
   * prototype, so that keys such as `__proto__` stay plain keys (and are reported as unknown).
   */
  component(raw: unknown, path: string): unknown {
    if (!isRecord(raw)) return raw;
    const copy = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(raw)) {
      const body = raw[key];
      copy[key] = isRecord(body) ? this.body(key, body, fieldPath(path, key)) : body;
    }
    return copy;
  }

  private body(kind: string, body: Record<string, unknown>, path: string): unknown {
    const copy = Object.create(null) as Record<string, unknown>;
    for (const field of Object.keys(body)) {
      const value = body[field];
      const p = fieldPath(path, field);
      if (CHILD_FIELDS.has(field) && Array.isArray(value)) {
        copy[field] = value.map((c: unknown, i) => this.component(c, `${p}[${i}]`));
      } else if (SLOT_FIELDS.has(field) && typeof value === "string") {
        copy[field] = this.string(value, p, kind === "componentText" && field === "text");
      } else if (isRecord(value)) {
        const inner = Object.create(null) as Record<string, unknown>;
        for (const key of Object.keys(value)) {
          const v = value[key];
          inner[key] =
            SLOT_FIELDS.has(key) && typeof v === "string" ? this.string(v, fieldPath(p, key)) : v;
        }
        copy[field] = inner;
      } else {
        copy[field] = value;
      }
    }
    return copy;
  }
}
