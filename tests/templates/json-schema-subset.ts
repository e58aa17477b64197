/**
 * A small checker for the part of JSON Schema (2020-12) that `schema/template.schema.json`
 * uses, so that tests need no validator dependency. It throws on any keyword it does not
 * know, so the schema cannot quietly grow past what is checked.
 */
type Schema = Record<string, unknown>;

const IGNORED = new Set(["$schema", "$id", "title", "description", "$defs"]);
const KNOWN = new Set([
  "type",
  "properties",
  "required",
  "additionalProperties",
  "propertyNames",
  "enum",
  "const",
  "pattern",
  "minLength",
  "minItems",
  "items",
  "$ref",
  "oneOf",
  "anyOf",
]);

export function validate(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  check(root, root, value, "", errors);
  return errors;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function check(root: Schema, schema: Schema, value: unknown, path: string, errors: string[]) {
  for (const key of Object.keys(schema)) {
    if (!KNOWN.has(key) && !IGNORED.has(key)) throw new Error(`unsupported keyword ${key}`);
  }
  const fail = (message: string) => errors.push(`${path || "(root)"}: ${message}`);
  if (typeof schema.$ref === "string") {
    const name = /^#\/\$defs\/(.+)$/.exec(schema.$ref)?.[1];
    const target = name === undefined ? undefined : (root.$defs as Record<string, Schema>)[name];
    if (target === undefined) throw new Error(`unresolved $ref ${schema.$ref}`);
    check(root, target, value, path, errors);
  }
  if (schema.type !== undefined) {
    const t = typeOf(value);
    const ok = schema.type === t || (schema.type === "number" && t === "integer");
    if (!ok) return fail(`must be ${String(schema.type)}, got ${t}`);
  }
  if (schema.enum !== undefined && !(schema.enum as unknown[]).includes(value)) {
    fail(`must be one of ${JSON.stringify(schema.enum)}`);
  }
  if ("const" in schema && schema.const !== value) fail(`must be ${JSON.stringify(schema.const)}`);
  if (typeof value === "string") {
    if (typeof schema.minLength === "number" && value.length < schema.minLength) {
      fail(`must have at least ${schema.minLength} characters`);
    }
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) {
      fail(`must match ${schema.pattern}`);
    }
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems) {
      fail(`must have at least ${schema.minItems} items`);
    }
    if (schema.items !== undefined) {
      value.forEach((item, i) =>
        check(root, schema.items as Schema, item, `${path}[${i}]`, errors),
      );
    }
  }
  if (typeOf(value) === "object") {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[]) {
      if (!Object.hasOwn(object, name)) fail(`must have ${name}`);
    }
    for (const key of Object.keys(object)) {
      const at = `${path}.${key}`;
      if (schema.propertyNames !== undefined) {
        check(root, schema.propertyNames as Schema, key, `${at} (name)`, errors);
      }
      if (Object.hasOwn(properties, key)) check(root, properties[key]!, object[key], at, errors);
      else if (schema.additionalProperties === false) errors.push(`${at}: is not allowed`);
      else if (typeof schema.additionalProperties === "object") {
        check(root, schema.additionalProperties as Schema, object[key], at, errors);
      }
    }
  }
  for (const keyword of ["oneOf", "anyOf"] as const) {
    const options = schema[keyword] as Schema[] | undefined;
    if (options === undefined) continue;
    const passing = options.filter((s) => validate0(root, s, value, path)).length;
    if (keyword === "oneOf" ? passing !== 1 : passing === 0) {
      fail(
        `must match ${keyword === "oneOf" ? "exactly one" : "at least one"} of ${options.length} schemas, matched ${passing}`,
      );
    }
  }
}

function validate0(root: Schema, schema: Schema, value: unknown, path: string): boolean {
  const errors: string[] = [];
  check(root, schema, value, path, errors);
  return errors.length === 0;
}
