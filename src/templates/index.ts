/**
 * plain-events/templates: event templates as shareable JSON documents. `toTemplateJSON` writes
 * a template built with `slot()` as a versioned document with `{{name}}` slots; `loadTemplate`
 * reads one back into a typed builder, checked with paths. The JSON Schema for documents ships
 * in the package as `schema/template.schema.json`.
 *
 * @packageDocumentation
 */
export { loadTemplate, type LoadTemplateOptions } from "./load.js";
export {
  toTemplateJSON,
  TEMPLATE_VERSION,
  TEMPLATE_SCHEMA_URL,
  type TemplateDocument,
  type TemplateParamDeclaration,
  type TemplateJSONOptions,
} from "./json.js";
