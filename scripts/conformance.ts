/**
 * Checks plain-events against a copy of Plain's GraphQL schema:
 *
 * 1. every GraphQL document the transports send validates against it;
 * 2. the variables of every golden fixture (`tests/fixtures/*.json`) and every example request
 *    (`examples/*.ts` exports) coerce against it;
 * 3. the test server's hand-written SDL is a subset of it: same fields, same types (with
 *    nullability), same deprecations, same enum values, and no required input field missing.
 *
 * Usage: `npm run conformance -- path/to/schema.graphql`. Without a path it says so and exits 0.
 * Exits 1 on any mismatch, with one line per mismatch.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  buildSchema,
  coerceInputValue,
  getVariableValues,
  GraphQLList,
  GraphQLNonNull,
  isEnumType,
  isInputObjectType,
  isInputType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  parse,
  validate,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { PLAIN_SUBSET_SDL } from "../src/testing/schema.js";
import { DOCUMENTS } from "../src/transport/documents.js";

/** A JSON value to coerce, and where it came from. */
export interface Sample {
  readonly name: string;
  readonly value: unknown;
}

/** What to check; every part defaults to the project's own. */
export interface ConformanceInput {
  readonly documents?: Readonly<Record<string, string>>;
  readonly samples?: readonly Sample[];
  readonly sdl?: string;
}

/** The outcome: `problems` empty means conformant. `notes` are informational. */
export interface ConformanceReport {
  readonly problems: string[];
  readonly checked: string[];
  readonly notes: string[];
}

/** Runs every check against `schemaSource` (Plain's SDL). Never throws for a mismatch. */
export function checkConformance(
  schemaSource: string,
  input: ConformanceInput = {},
): ConformanceReport {
  const report: ConformanceReport = { problems: [], checked: [], notes: [] };
  let schema: GraphQLSchema;
  try {
    schema = buildSchema(schemaSource);
  } catch (error) {
    report.problems.push(`schema: cannot be built: ${(error as Error).message}`);
    return report;
  }
  const documents = input.documents ?? DOCUMENTS;
  checkDocuments(schema, documents, report);
  for (const sample of input.samples ?? []) checkSample(schema, documents, sample, report);
  checkSubset(schema, input.sdl ?? PLAIN_SUBSET_SDL, report);
  return report;
}

function checkDocuments(
  schema: GraphQLSchema,
  documents: Readonly<Record<string, string>>,
  report: ConformanceReport,
): void {
  for (const [name, source] of Object.entries(documents)) {
    try {
      const errors = validate(schema, parse(source));
      for (const e of errors) report.problems.push(`document ${name}: ${e.message}`);
      if (errors.length === 0) report.checked.push(`document ${name} validates`);
    } catch (error) {
      report.problems.push(`document ${name}: ${(error as Error).message}`);
    }
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function checkSample(
  schema: GraphQLSchema,
  documents: Readonly<Record<string, string>>,
  sample: Sample,
  report: ConformanceReport,
): void {
  const { name, value } = sample;
  const listOf = (typeName: string): GraphQLInputType | undefined => {
    const type = schema.getType(typeName);
    return type !== undefined && isInputType(type)
      ? new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(type)))
      : undefined;
  };
  const coerce = (what: string, json: unknown, typeName: string) => {
    const type = listOf(typeName);
    if (type === undefined) {
      report.problems.push(`${what}: the schema has no input type ${typeName}`);
      return;
    }
    let failed = false;
    coerceInputValue(json, type, (path, _invalid, error) => {
      failed = true;
      const at = path.length > 0 ? `[${path.join("][")}] ` : "";
      report.problems.push(`${what}: ${at}${error.message}`);
    });
    if (!failed) report.checked.push(`${what} coerces as [${typeName}!]!`);
  };

  if (isRecord(value) && typeof value.operation === "string" && "input" in value) {
    const source = documents[value.operation];
    if (source === undefined) {
      report.problems.push(`${name}: no document for operation ${value.operation}`);
      return;
    }
    const operation = parse(source).definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    const result = getVariableValues(schema, operation?.variableDefinitions ?? [], {
      input: value.input,
    });
    if (result.errors !== undefined) {
      for (const e of result.errors) report.problems.push(`${name}: ${e.message}`);
    } else {
      report.checked.push(`${name} variables coerce for ${value.operation}`);
    }
  } else if (Array.isArray(value)) {
    coerce(name, value, "EventComponentInput");
  } else if (isRecord(value) && Array.isArray(value.cards)) {
    value.cards.forEach((card, i) => {
      if (isRecord(card) && Array.isArray(card.components)) {
        coerce(`${name} cards[${i}].components`, card.components, "ComponentInput");
      }
    });
  } else if (isRecord(value) && Array.isArray(value.components)) {
    coerce(`${name} components`, value.components, "EventComponentInput");
  } else {
    report.notes.push(`${name}: skipped (neither a request, a component list nor cards)`);
  }
}

function deprecation(item: { deprecationReason?: string | null | undefined }): boolean {
  return item.deprecationReason !== undefined && item.deprecationReason !== null;
}

function checkSubset(schema: GraphQLSchema, sdl: string, report: ConformanceReport): void {
  const ours = buildSchema(sdl);
  const before = report.problems.length;
  const problem = (line: string) => report.problems.push(`SDL ${line}`);
  for (const type of Object.values(ours.getTypeMap())) {
    if (type.name.startsWith("__") || isScalarType(type)) continue;
    const theirs: GraphQLNamedType | undefined = schema.getType(type.name);
    if (theirs === undefined) {
      problem(`${type.name}: not in the schema`);
      continue;
    }
    if (theirs.constructor !== type.constructor) {
      problem(`${type.name}: a different kind of type in the schema`);
      continue;
    }
    if (isEnumType(type) && isEnumType(theirs)) {
      const a = type.getValues().map((v) => v.name);
      const b = theirs.getValues().map((v) => v.name);
      const missing = b.filter((v) => !a.includes(v));
      const extra = a.filter((v) => !b.includes(v));
      if (missing.length > 0) problem(`${type.name}: lacks enum values ${missing.join(", ")}`);
      if (extra.length > 0)
        problem(`${type.name}: has enum values the schema lacks: ${extra.join(", ")}`);
      continue;
    }
    if (
      (isObjectType(type) && isObjectType(theirs)) ||
      (isInputObjectType(type) && isInputObjectType(theirs))
    ) {
      const theirFields = theirs.getFields() as Record<
        string,
        GraphQLField<unknown, unknown> | GraphQLInputField
      >;
      for (const [name, field] of Object.entries(type.getFields()) as [
        string,
        GraphQLField<unknown, unknown> | GraphQLInputField,
      ][]) {
        const other = theirFields[name];
        if (other === undefined) {
          problem(`${type.name}.${name}: not in the schema`);
          continue;
        }
        if (String(field.type) !== String(other.type)) {
          problem(
            `${type.name}.${name}: ${String(field.type)} here, ${String(other.type)} in the schema`,
          );
        }
        if (deprecation(field) !== deprecation(other)) {
          problem(
            `${type.name}.${name}: deprecated ${deprecation(field) ? "here" : "in the schema"} only`,
          );
        }
        if ("args" in field && "args" in other) {
          for (const arg of field.args) {
            const theirArg = other.args.find((a) => a.name === arg.name);
            if (theirArg === undefined)
              problem(`${type.name}.${name}(${arg.name}): not in the schema`);
            else if (String(arg.type) !== String(theirArg.type)) {
              problem(
                `${type.name}.${name}(${arg.name}): ${String(arg.type)} here, ${String(theirArg.type)} in the schema`,
              );
            }
          }
          for (const theirArg of other.args) {
            if (
              isNonNullType(theirArg.type) &&
              theirArg.defaultValue === undefined &&
              !field.args.some((a) => a.name === theirArg.name)
            ) {
              problem(`${type.name}.${name}: lacks the required argument ${theirArg.name}`);
            }
          }
        }
      }
      if (isInputObjectType(theirs)) {
        for (const field of Object.values(theirs.getFields())) {
          if (
            isNonNullType(field.type) &&
            field.defaultValue === undefined &&
            !(field.name in type.getFields())
          ) {
            problem(`${type.name}: lacks the required field ${field.name}: ${String(field.type)}`);
          }
        }
      }
    }
  }
  if (report.problems.length === before) {
    report.checked.push("the test server's SDL is a subset of the schema");
  }
}

/** The golden fixtures and the requests the examples export. */
export async function projectSamples(
  root: string,
): Promise<{ samples: Sample[]; notes: string[] }> {
  const samples: Sample[] = [];
  const notes: string[] = [];
  const fixtures = join(root, "tests", "fixtures");
  for (const file of safeList(fixtures)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    try {
      samples.push({
        name: `fixture ${file}`,
        value: JSON.parse(readFileSync(join(fixtures, file), "utf8")),
      });
    } catch (error) {
      samples.push({ name: `fixture ${file}`, value: undefined });
      notes.push(`fixture ${file}: not JSON (${(error as Error).message})`);
    }
  }
  const examples = join(root, "examples");
  for (const file of safeList(examples)
    .filter((f) => /\.[cm]?ts$/.test(f))
    .sort()) {
    let module: Record<string, unknown>;
    try {
      module = (await import(pathToFileURL(join(examples, file)).href)) as Record<string, unknown>;
    } catch (error) {
      notes.push(
        `example ${file}: could not be loaded (${(error as Error).message.split("\n")[0]})`,
      );
      continue;
    }
    for (const [name, value] of Object.entries(module)) {
      for (const [i, item] of (Array.isArray(value) ? value : [value]).entries()) {
        const label = `example ${basename(file)} ${name}${Array.isArray(value) ? `[${i}]` : ""}`;
        const request = asRequest(item);
        if (request !== undefined) samples.push({ name: label, value: request });
      }
    }
  }
  return { samples, notes };
}

function asRequest(value: unknown): unknown {
  if (isRecord(value) && typeof value.operation === "string" && "input" in value) return value;
  if (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { build?: unknown }).build === "function"
  ) {
    try {
      const built: unknown = (value as { build(): unknown }).build();
      return isRecord(built) && typeof built.operation === "string" ? built : undefined;
    } catch {
      return undefined; // an event without a target, or a template with open slots
    }
  }
  return undefined;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const path = argv.find((a) => !a.startsWith("-"));
  if (path === undefined) {
    console.log("conformance: no schema file given; nothing checked.");
    console.log("usage: npm run conformance -- path/to/schema.graphql");
    return 0;
  }
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch (error) {
    console.error(`conformance: cannot read ${path}: ${(error as Error).message}`);
    return 1;
  }
  const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
  const { samples, notes } = await projectSamples(root);
  const report = checkConformance(source, { samples });
  for (const line of report.checked) console.log(`✓ ${line}`);
  for (const line of [...notes, ...report.notes]) console.log(`- ${line}`);
  for (const line of report.problems) console.error(`✗ ${line}`);
  console.log(
    report.problems.length === 0
      ? `conformance: OK against ${path} (${report.checked.length} checks)`
      : `conformance: ${report.problems.length} mismatch(es) against ${path}`,
  );
  return report.problems.length === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
