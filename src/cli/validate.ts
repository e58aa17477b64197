/** `plain-events validate <file.json>`: check a template, request or component list. */
import { loadFile, type Loaded } from "./load.js";
import { EXIT, onePath, type Command } from "./shared.js";

function describe(loaded: Loaded): string {
  const count = (n: number) => (n === 1 ? "1 component" : `${n} components`);
  switch (loaded.kind) {
    case "template": {
      const params = loaded.builder.params;
      return `${loaded.title}, ${count(loaded.count)}, params: ${params.length === 0 ? "none" : params.join(", ")}`;
    }
    case "request":
      return `${loaded.request.operation} "${loaded.request.input.title}", ${count(loaded.request.input.components.length)}`;
    case "components":
      return `component list, ${count(loaded.components.length)}`;
  }
}

export const validateCommand: Command = {
  name: "validate",
  summary: "check a template document, request or component list; list every problem",
  options: {},
  help: `Usage: plain-events validate <file.json>

Checks a file with the same rules as building and sending, and lists every problem with its
path. Malformed JSON is reported with its line and column.

The file may be:
  a template document   { "version": 1, "title", "params", "components": [...] }
  a request             { "operation": "createCustomerEvent" | "createThreadEvent", "input" }
  a component list      [ { "componentText": { "text": "…" } }, … ]

Prints "✓ valid: <title>, N components, params: …" and exits 0, or lists the problems on
standard error and exits 1.

Example:
  plain-events validate templates/api-key-generated.template.json`,
  run(args, ctx) {
    const file = onePath(args, "validate");
    const loaded = loadFile(ctx, file);
    ctx.out(`${ctx.styleOut("green", "✓")} valid: ${describe(loaded)}`);
    return EXIT.ok;
  },
};
