/**
 * The files the commands read: a template document, a request `{ operation, input }`, or a bare
 * component array; and the params that fill a template in.
 */
import { isRecord } from "../components/index.js";
import { loadTemplate } from "../templates/index.js";
import {
  requestProblems,
  ValidationError,
  type EventBuilder,
  type EventComponentInput,
  type EventRequest,
  type Problem,
} from "../index.js";
import { CliError, Context, EXIT, readJson, usageError } from "./shared.js";

/** A file the CLI read and checked. */
export type Loaded =
  | {
      readonly kind: "template";
      readonly builder: EventBuilder<string>;
      /** Declared params by name, with their `type` (`string` unless given). */
      readonly types: ReadonlyMap<string, string>;
      readonly title: string;
      /** Top-level components (an unrendered template cannot compile its components). */
      readonly count: number;
    }
  | { readonly kind: "request"; readonly request: EventRequest }
  | { readonly kind: "components"; readonly components: readonly EventComponentInput[] };

/** Thrown for a file that breaks rules: every problem, each with its path. */
export function invalid(file: string, subject: string, problems: readonly Problem[]): CliError {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return new CliError(
    EXIT.invalid,
    `${file}: invalid ${subject} (${count}):`,
    problems.map((p) => `  ${p.path === "" ? "" : `${p.path}: `}${p.message}`),
  );
}

// A component array is checked as the components of a request, whose other fields are sure
// to pass, so that it meets exactly the rules a sent event meets.
const PLACEHOLDER = { customerIdentifier: { emailAddress: "cli@example.com" }, title: "preview" };

/**
 * Reads `path` and checks it with the library's rules: an array is a component list, an object
 * with `operation` a request, anything else a template document (`loadTemplate`).
 */
export function loadFile(ctx: Context, path: string): Loaded {
  const doc = readJson(ctx, path);
  if (Array.isArray(doc)) {
    const problems = requestProblems({
      operation: "createCustomerEvent",
      input: { ...PLACEHOLDER, components: doc },
    }).map((p) => ({ ...p, path: p.path.replace(/^input\.components/, "") }));
    if (doc.length === 0)
      problems.unshift({ path: "", message: "must hold at least one component" });
    if (problems.length > 0) throw invalid(path, "component list", problems);
    return { kind: "components", components: doc as EventComponentInput[] };
  }
  if (isRecord(doc) && Object.hasOwn(doc, "operation")) {
    const problems = requestProblems(doc);
    if (problems.length > 0) throw invalid(path, "request", problems);
    return { kind: "request", request: doc as unknown as EventRequest };
  }
  try {
    const builder = loadTemplate(doc) as EventBuilder<string>;
    const types = new Map<string, string>();
    const params = isRecord(doc) && isRecord(doc.params) ? doc.params : {};
    for (const name of builder.params) {
      const decl = params[name];
      types.set(name, isRecord(decl) && typeof decl.type === "string" ? decl.type : "string");
    }
    const title = typeof builder.title === "string" ? builder.title : "(title with params)";
    const count = isRecord(doc) && Array.isArray(doc.components) ? doc.components.length : 0;
    return { kind: "template", builder, types, title, count };
  } catch (error) {
    if (error instanceof ValidationError) throw invalid(path, error.subject, error.problems);
    throw error;
  }
}

/**
 * The params to fill a template with: `--params file.json` (an object), then each
 * `--param name=value` on top. A `--param` value for a `number` param is read as a number.
 */
export function readParams(
  ctx: Context,
  file: string | undefined,
  pairs: readonly string[],
  types: ReadonlyMap<string, string>,
  command: string,
): Record<string, unknown> | undefined {
  if (file === undefined && pairs.length === 0) return undefined;
  const params: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  if (file !== undefined) {
    const value = readJson(ctx, file);
    if (!isRecord(value)) {
      throw new CliError(
        EXIT.invalid,
        `${file}: params must be a JSON object of name → value, e.g. { "fingerprint": "3b78" }`,
      );
    }
    for (const key of Object.keys(value)) params[key] = value[key];
  }
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw usageError(`--param takes name=value, got "${pair}"`, command);
    const name = pair.slice(0, eq);
    const text = pair.slice(eq + 1);
    const number = Number(text);
    params[name] =
      types.get(name) === "number" && text.trim() !== "" && Number.isFinite(number) ? number : text;
  }
  return params;
}

/**
 * The template filled in with `params`. With params missing, the error names them and says how
 * to pass them; every other problem (a wrong type, an unknown name) comes from `render()`.
 */
export function renderTemplate(
  file: string,
  loaded: Extract<Loaded, { kind: "template" }>,
  params: Record<string, unknown> | undefined,
): EventBuilder<never> {
  const { builder } = loaded;
  if (builder.params.length === 0 && params === undefined) return builder as EventBuilder<never>;
  const given = params ?? {};
  const missing = builder.params.filter((name) => !Object.hasOwn(given, name));
  try {
    return builder.render(given as never) as EventBuilder<never>;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const failure = invalid(file, "params", error.problems);
    if (missing.length === 0) throw failure;
    throw new CliError(
      EXIT.invalid,
      `${file}: missing params: ${missing.join(", ")} (pass --params file.json or --param name=value)`,
      failure.details,
    );
  }
}
