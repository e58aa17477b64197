/**
 * What every command shares: exit codes, the one error type commands throw, the I/O a command
 * may touch (injected, so `main()` runs in-process in tests), and reading JSON files with
 * line:column positions.
 */
import { readFileSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { styleText, type ParseArgsConfig } from "node:util";
import type { GraphQLTransportOptions, Transport } from "../transport/index.js";
import { shouldUseColor } from "../preview/index.js";

/** Exit codes; `--help` lists them, and docs/cli.md documents them. */
export const EXIT = {
  /** Done: valid, previewed, sent (or it already existed). */
  ok: 0,
  /** The input is wrong: a file that cannot be read (or written), bad JSON, a broken rule, bad params. */
  invalid: 1,
  /** The command line is wrong: unknown command or option, missing file, no or two targets. */
  usage: 2,
  /** Configuration is missing or wrong: no `PLAIN_API_KEY`, a bad `PLAIN_API_URL`. */
  config: 3,
  /** Plain (or the network) refused or failed the send. */
  sendFailed: 4,
  /** A bug in plain-events: the message is printed, without a stack trace. */
  internal: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit-code table, as `--help` prints it. */
export const EXIT_HELP = `Exit codes:
  0   ok
  1   invalid input (a file that cannot be read or written, malformed JSON, a broken
      rule, missing or wrong params)
  2   usage error (unknown command or option, wrong arguments, no or two targets)
  3   missing configuration (PLAIN_API_KEY not set, PLAIN_API_URL not a URL)
  4   send failed (Plain or the network refused it; see the error kind)
  70  internal error (a bug in plain-events)`;

/**
 * An expected failure: `main()` prints `message` as one line on standard error (then `details`,
 * if any, each on its own line) and exits with `code`. Never carries a stack to the user.
 */
export class CliError extends Error {
  override readonly name = "CliError";
  constructor(
    readonly code: ExitCode,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

/** A usage error, with the hint to run `--help`. */
export function usageError(message: string, command?: string): CliError {
  const help = command === undefined ? "plain-events --help" : `plain-events ${command} --help`;
  return new CliError(EXIT.usage, message, [`Run "${help}" for usage.`]);
}

/** Something text can be written to: `process.stdout`, or a test's collector. */
export interface Output {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
}

/** Everything the CLI may touch outside itself. `main()` takes it so tests can inject it. */
export interface CliIO {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Relative paths in arguments are read and written from here. */
  readonly cwd: string;
  /** The `fetch` the graphql transport uses. Default `globalThis.fetch`. */
  readonly fetch?: typeof fetch;
  /** Makes the transport `send` uses. Default `graphqlTransport`. */
  readonly createTransport?: (options: GraphQLTransportOptions) => Transport;
}

type StyleFormat = Parameters<typeof styleText>[0];

/** A command's view of the I/O: writers that never print a registered secret, and colour. */
export class Context {
  private readonly secrets = new Set<string>();
  readonly colorOut: boolean;
  readonly colorErr: boolean;

  constructor(readonly io: CliIO) {
    this.colorOut = shouldUseColor(undefined, io.stdout, io.env);
    this.colorErr = shouldUseColor(undefined, io.stderr, io.env);
  }

  get env(): Readonly<Record<string, string | undefined>> {
    return this.io.env;
  }

  /**
   * Never print `secret` again, whatever the text (an error message, an echoed header): a
   * second line of defence behind the transport's own redaction.
   */
  redact(secret: string): void {
    if (secret !== "") this.secrets.add(secret);
  }

  private clean(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.replaceAll(secret, "[redacted]");
    return out;
  }

  /** Writes a line (or lines) to standard output. */
  out(text: string): void {
    this.io.stdout.write(`${this.clean(text)}\n`);
  }

  /** Writes a line (or lines) to standard error. */
  err(text: string): void {
    this.io.stderr.write(`${this.clean(text)}\n`);
  }

  /** Styles text for standard output, when it takes colour. */
  styleOut(format: StyleFormat, text: string): string {
    return this.colorOut ? paint(format, text) : text;
  }

  /** Styles text for standard error, when it takes colour. */
  styleErr(format: StyleFormat, text: string): string {
    return this.colorErr ? paint(format, text) : text;
  }

  /** An argument's path, resolved against the injected working directory. */
  resolve(path: string): string {
    return resolve(this.io.cwd, path);
  }

  /** A path as the user should see it: relative to the working directory when inside it. */
  show(path: string): string {
    const rel = relative(this.io.cwd, path);
    return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? path : rel;
  }
}

// The colour decision is made above (NO_COLOR, FORCE_COLOR, TTY of the injected stream), so
// styleText must not second-guess it against the real process.stdout (Node 22+ would).
const paint = (format: StyleFormat, text: string) =>
  styleText(format, text, { validateStream: false });

/** The option table `parseArgs` takes. */
export type OptionTable = NonNullable<ParseArgsConfig["options"]>;

/** Values `parseArgs` returns for an {@link OptionTable}. */
export type OptionValues = Readonly<
  Record<string, string | boolean | (string | boolean)[] | undefined>
>;

/** A string option's value, if given. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === "string" ? v : undefined;
}

/** A repeatable string option's values. */
export function stringsOption(values: OptionValues, name: string): string[] {
  const v = values[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
  return typeof v === "string" ? [v] : [];
}

/** A position in a text file, both 1-based. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** The line and column of a 0-based character offset (columns count UTF-16 units). */
export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/** The result of {@link parseJson}. */
export type JsonParse =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string; readonly position?: Position };

/**
 * `JSON.parse` with the failure's position as line and column. V8 says "at position N" (Node
 * 20), adds "(line L column C)" (newer), says only "Unexpected end of JSON input" (the end of
 * the text), or names an unexpected token with a snippet and no position: that one is found by
 * parsing prefixes. Any other message is kept, without a position.
 */
export function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const message = raw
      .replace(/\s*\(line \d+ column \d+\)/, "")
      .replace(/\s*(in JSON )?at position \d+/, "")
      // The snippet V8 quotes may hold line breaks; the line and caret show the place instead.
      .replace(/, (\.\.\.)?"[\s\S]*"(\.\.\.)? is not valid JSON$/, "")
      .trim()
      // The token V8 names is the file's own character: show a control character escaped.
      .replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
    const position = errorPosition(text, raw);
    return position === undefined ? { ok: false, message } : { ok: false, message, position };
  }
}

function errorPosition(text: string, raw: string): Position | undefined {
  const lineCol = /\(line (\d+) column (\d+)\)/.exec(raw);
  if (lineCol !== null) return { line: Number(lineCol[1]), column: Number(lineCol[2]) };
  const offset = /\bat position (\d+)/.exec(raw);
  if (offset !== null) return positionAt(text, Number(offset[1]));
  if (/unexpected end/i.test(raw)) return positionAt(text, text.length);
  if (!/^Unexpected token/.test(raw)) return undefined;
  // A prefix that stops before the bad character fails only at its own end (or parses); one
  // that holds it fails inside. That is monotone in the length, so bisect for the shortest.
  let lo = 1;
  let hi = text.length;
  if (!failsInside(text.slice(0, hi))) return undefined;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (failsInside(text.slice(0, mid))) hi = mid;
    else lo = mid + 1;
  }
  return positionAt(text, lo - 1);
}

function failsInside(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return false;
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const offset = /\bat position (\d+)/.exec(raw);
    if (offset !== null) return Number(offset[1]) < prefix.length;
    return !/unexpected end/i.test(raw);
  }
}

/** The source line at `position`, with a caret under the column, for error output. */
export function excerpt(text: string, position: Position): string[] {
  const line = text.split(/\r\n|\r|\n/)[position.line - 1];
  if (line === undefined) return [];
  const gutter = String(position.line);
  const shown = line.length > 120 ? line.slice(0, 120) : line;
  const caret = " ".repeat(Math.min(position.column - 1, shown.length));
  return [`  ${gutter} | ${shown}`, `  ${" ".repeat(gutter.length)} | ${caret}^`];
}

/** Reads a UTF-8 text file named on the command line, or throws an "invalid input" error. */
export function readText(ctx: Context, path: string): string {
  const full = ctx.resolve(path);
  try {
    // A BOM is what some editors write; JSON.parse refuses it.
    return readFileSync(full, "utf8").replace(/^\uFEFF/, "");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a directory"
          : code === "EACCES"
            ? "permission denied"
            : (error as Error).message;
    throw new CliError(EXIT.invalid, `cannot read ${path}: ${why}`);
  }
}

/**
 * Reads and parses a JSON file; malformed JSON is an "invalid input" error that says where:
 * `file.json:3:5: not valid JSON: …`, then the line with a caret.
 */
export function readJson(ctx: Context, path: string): unknown {
  const text = readText(ctx, path);
  const parsed = parseJson(text);
  if (parsed.ok) return parsed.value;
  if (parsed.position === undefined) {
    throw new CliError(EXIT.invalid, `${path}: not valid JSON: ${parsed.message}`);
  }
  const { line, column } = parsed.position;
  throw new CliError(
    EXIT.invalid,
    `${path}:${line}:${column}: not valid JSON: ${parsed.message}`,
    excerpt(text, parsed.position),
  );
}

/** What a command receives: its arguments, parsed against its own option table. */
export interface CommandArgs {
  readonly positionals: readonly string[];
  readonly values: OptionValues;
}

/**
 * One subcommand. Adding a command is one file exporting one of these and one line in the
 * table in `main.ts`; `main()` parses its options, answers `--help`, and turns a thrown
 * {@link CliError} into one line and an exit code.
 */
export interface Command {
  readonly name: string;
  /** One line for `plain-events --help`. */
  readonly summary: string;
  /** The full `plain-events <name> --help` text (exit codes are appended). */
  readonly help: string;
  /** `parseArgs` options; `--help`/`-h` is added for every command. */
  readonly options: OptionTable;
  run(args: CommandArgs, ctx: Context): Promise<ExitCode> | ExitCode;
}

/** The single file argument a command takes, or a usage error. */
export function onePath(args: CommandArgs, command: string, what = "<file.json>"): string {
  const [first, ...rest] = args.positionals;
  if (first === undefined) throw usageError(`${command} needs a file: ${command} ${what}`, command);
  if (rest.length > 0) {
    throw usageError(`${command} takes one file, got ${args.positionals.length}`, command);
  }
  return first;
}

/** Where and how to reach Plain, from `PLAIN_API_KEY` and `PLAIN_API_URL`. */
export interface PlainConfig {
  readonly apiKey: string;
  readonly endpoint: string | undefined;
}

/**
 * Reads `PLAIN_API_KEY` (registered as a secret at once, so no later line can print it) and
 * `PLAIN_API_URL`. The key is required unless `dryRun`; a URL, when set, must be http(s).
 * Checked before any input, so a CI job without a key fails fast with exit 3.
 */
export function plainConfig(ctx: Context, dryRun: boolean): PlainConfig {
  const apiKey = ctx.env.PLAIN_API_KEY ?? "";
  ctx.redact(apiKey);
  const url = ctx.env.PLAIN_API_URL;
  let endpoint: string | undefined;
  if (url !== undefined && url !== "") {
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      throw new CliError(EXIT.config, `PLAIN_API_URL is not an http(s) URL: ${url}`);
    }
    endpoint = url;
  }
  if (!dryRun && apiKey.trim() === "") {
    throw new CliError(
      EXIT.config,
      "PLAIN_API_KEY is not set: export a Plain machine user's API key, or use --dry-run",
    );
  }
  return { apiKey, endpoint };
}
