/** `plain-events preview <file.json>`: draw an event in the terminal or as an HTML page. */
import { writeFileSync } from "node:fs";
import { renderHtml, renderText, type PreviewInput } from "../preview/index.js";
import { loadFile, readParams, renderTemplate } from "./load.js";
import {
  CliError,
  EXIT,
  onePath,
  stringOption,
  stringsOption,
  usageError,
  type Command,
} from "./shared.js";

export const previewCommand: Command = {
  name: "preview",
  summary: "draw an event in the terminal, or write it as an HTML page",
  options: {
    params: { type: "string" },
    param: { type: "string", multiple: true },
    html: { type: "string" },
    "time-zone": { type: "string" },
  },
  help: `Usage: plain-events preview <file.json> [--params params.json] [--param name=value]...
                              [--html out.html] [--time-zone zone]

Draws the event as Plain's timeline would show it. The file is a template document, a request
or a component list (see "plain-events validate --help"). A template with params is filled in
first; every param must be given.

Options:
  --params <file.json>   the template's params, as a JSON object { "name": value }
  --param <name=value>   one param (repeatable; wins over --params). A number param's value
                         is read as a number
  --html <out.html>      write a self-contained HTML page instead, and print its path
                         ("-" writes the page to standard output)
  --time-zone <zone>     IANA time zone for times, e.g. Europe/London (default: this machine's)

Colour is used when standard output is a terminal or FORCE_COLOR is set, never with NO_COLOR.

Examples:
  plain-events preview api-key-generated.template.json --params params.json
  plain-events preview api-key-generated.template.json --param fingerprint=3b78 \\
      --param roleCount=4 --param adminUrl=https://admin.acme.com --html preview.html`,
  run(args, ctx) {
    const file = onePath(args, "preview");
    const loaded = loadFile(ctx, file);
    const paramsFile = stringOption(args.values, "params");
    const pairs = stringsOption(args.values, "param");
    let input: PreviewInput;
    if (loaded.kind === "template") {
      const params = readParams(ctx, paramsFile, pairs, loaded.types, "preview");
      input = renderTemplate(file, loaded, params);
    } else {
      if (paramsFile !== undefined || pairs.length > 0) {
        throw usageError(
          `${file} is a ${loaded.kind === "request" ? "request" : "component list"}, which takes no params`,
          "preview",
        );
      }
      input = loaded.kind === "request" ? loaded.request : loaded.components;
    }

    const timeZone = stringOption(args.values, "time-zone");
    if (timeZone !== undefined && !isTimeZone(timeZone)) {
      throw usageError(`--time-zone: "${timeZone}" is not an IANA time zone`, "preview");
    }
    const html = stringOption(args.values, "html");
    if (html === undefined) {
      ctx.out(renderText(input, { color: ctx.colorOut, timeZone }));
      return EXIT.ok;
    }
    const page = renderHtml(input, { timeZone });
    if (html === "-") {
      ctx.io.stdout.write(page);
      return EXIT.ok;
    }
    const target = ctx.resolve(html);
    try {
      writeFileSync(target, page);
    } catch (error) {
      throw new CliError(EXIT.invalid, `cannot write ${html}: ${(error as Error).message}`);
    }
    ctx.out(ctx.show(target));
    return EXIT.ok;
  },
};

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
