/**
 * A snapshot serializer that shows events the way a reviewer wants to read them: the terminal
 * preview first (what Plain will show), then the exact JSON (what is sent).
 */
import { renderText } from "../preview/text.js";
import type { PreviewInput, PreviewSource } from "../preview/input.js";

/** The shape of a snapshot serializer (vitest and Jest's pretty-format plugin). */
export interface PreviewSnapshotSerializer {
  test(val: unknown): boolean;
  serialize(
    val: unknown,
    config: unknown,
    indentation: string,
    depth: number,
    refs: unknown,
    printer: unknown,
  ): string;
}

const OPERATIONS = new Set(["createCustomerEvent", "createThreadEvent"]);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

const isBuilder = (v: unknown): v is Record<string, unknown> & { components(): unknown[] } =>
  isRecord(v) && typeof v.components === "function";

const isRequest = (v: unknown): v is Record<string, unknown> =>
  isRecord(v) &&
  typeof v.operation === "string" &&
  OPERATIONS.has(v.operation) &&
  isRecord(v.input) &&
  Array.isArray(v.input.components);

// Pinned so that snapshots read the same on every machine.
const TEXT_OPTIONS = { color: false, timeZone: "UTC", locale: "en-US" } as const;

const isCardEntry = (v: unknown): v is Record<string, unknown> =>
  isRecord(v) &&
  typeof v.key === "string" &&
  (v.components === null || Array.isArray(v.components));

/** What to preview and what to print as JSON. */
function subject(val: unknown): { preview: PreviewInput; json: unknown } {
  if (!isBuilder(val)) return { preview: val as PreviewInput, json: val };
  // A targeted event builds a whole request (target, externalId, timestamp) and a card its
  // response entry: show those. Other builders show their components.
  if (typeof val.build === "function") {
    const built: unknown = val.build();
    if (isRequest(built) || isCardEntry(built)) {
      return { preview: built as unknown as PreviewInput, json: built };
    }
  }
  return { preview: val as unknown as PreviewSource, json: val.components() };
}

function describe(val: unknown): string {
  try {
    const { preview, json } = subject(val);
    return `${renderText(preview, TEXT_OPTIONS)}\n\n${JSON.stringify(json, null, 2)}`;
  } catch (error) {
    // An invalid builder throws a ValidationError that lists every problem: that is the
    // most useful thing a snapshot can show for it.
    // Call sites ("(at file:line:col)") are left out: a snapshot must not change when
    // lines move.
    const message = error instanceof Error ? error.message : String(error);
    return `(no preview) ${message.replace(/ \(at [^()\n]*:\d+:\d+\)$/gm, "")}`;
  }
}

/**
 * Prints event builders (anything with `components()`) and requests (`{ operation, input }`)
 * as their terminal preview without colour, followed by their JSON. Times are shown in UTC.
 *
 * @example
 * ```ts
 * import { previewSerializer } from "plain-events/testing";
 * expect.addSnapshotSerializer(previewSerializer);
 * expect(event("Paid").text("**€42**")).toMatchInlineSnapshot();
 * ```
 */
export const previewSerializer: PreviewSnapshotSerializer = {
  test(val) {
    return isBuilder(val) || isRequest(val);
  },
  serialize(val, _config, indentation) {
    // Nested inside another value, every line after the first keeps the surrounding indent.
    return describe(val)
      .split("\n")
      .map((line, i) => (i === 0 || line === "" ? line : indentation + line))
      .join("\n");
  },
};
