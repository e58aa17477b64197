/**
 * The `plain-events` command line, as a function: `main(argv, io)` returns the exit code and
 * touches nothing but `io`, so tests run it in-process. `index.ts` is the bin that calls it.
 */
import { parseArgs } from "node:util";
import { VERSION } from "../version.js";
import { backfillCommand } from "./backfill.js";
import { previewCommand } from "./preview.js";
import { sendCommand } from "./send.js";
import {
  CliError,
  Context,
  EXIT,
  EXIT_HELP,
  usageError,
  type CliIO,
  type Command,
  type CommandArgs,
  type ExitCode,
} from "./shared.js";
import { validateCommand } from "./validate.js";

/** The commands, in the order `--help` lists them. A new command is one more entry. */
export const COMMANDS: readonly Command[] = [
  validateCommand,
  previewCommand,
  sendCommand,
  backfillCommand,
];

function mainHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `plain-events ${VERSION}: build, check, preview and send Plain events from JSON templates

Usage: plain-events <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}

Options:
  -h, --help      show this help, or a command's help ("plain-events send --help")
  -v, --version   print the version

${EXIT_HELP}`;
}

/**
 * Runs the CLI with `argv` (the arguments after the program name) and returns the exit code.
 * Expected failures print one line (plus details such as a problem list) to `io.stderr` and
 * never a stack trace.
 */
export async function main(
  argv: readonly string[],
  io: CliIO,
  commands: readonly Command[] = COMMANDS,
): Promise<ExitCode> {
  const ctx = new Context(io);
  try {
    return await dispatch(argv, ctx, commands);
  } catch (error) {
    if (error instanceof CliError) {
      ctx.err(`${ctx.styleErr("red", "plain-events:")} ${error.message}`);
      for (const line of error.details) ctx.err(line);
      return error.code;
    }
    // A bug: say so on one line; the stack is for PLAIN_EVENTS_DEBUG only.
    const message = error instanceof Error ? error.message : String(error);
    ctx.err(`${ctx.styleErr("red", "plain-events:")} internal error: ${message}`);
    if (io.env.PLAIN_EVENTS_DEBUG && error instanceof Error && error.stack) ctx.err(error.stack);
    return EXIT.internal;
  }
}

async function dispatch(
  argv: readonly string[],
  ctx: Context,
  commands: readonly Command[],
): Promise<ExitCode> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    ctx.err(mainHelp(commands));
    return EXIT.usage;
  }
  if (first === "-h" || first === "--help") {
    ctx.out(mainHelp(commands));
    return EXIT.ok;
  }
  if (first === "-v" || first === "--version") {
    ctx.out(VERSION);
    return EXIT.ok;
  }
  if (first === "help") {
    const topic = rest[0] === undefined ? undefined : find(commands, rest[0]);
    ctx.out(topic === undefined ? mainHelp(commands) : commandHelp(topic));
    return EXIT.ok;
  }
  if (first.startsWith("-")) throw usageError(`unknown option ${first}`);
  const command = find(commands, first);
  if (command === undefined) throw usageError(`unknown command "${first}"`);

  const args = parse(command, rest);
  if (args.values.help === true) {
    ctx.out(commandHelp(command));
    return EXIT.ok;
  }
  return await command.run(args, ctx);
}

function find(commands: readonly Command[], name: string): Command | undefined {
  return commands.find((c) => c.name === name);
}

function commandHelp(command: Command): string {
  return `${command.help}\n\n${EXIT_HELP}`;
}

/** The command's arguments, or a one-line usage error naming the bad option. */
function parse(command: Command, argv: readonly string[]): CommandArgs {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { ...command.options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
    return { values, positionals };
  } catch (error) {
    throw usageError(parseArgsMessage(error, argv), command.name);
  }
}

/** parseArgs' messages, made short: they explain `--` at length, and quote oddly. */
function parseArgsMessage(error: unknown, argv: readonly string[]): string {
  const e = error as { code?: string; message?: string };
  const message = e.message ?? String(error);
  const option = /'(-[^' ]*)/.exec(message)?.[1];
  switch (e.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown option ${option ?? argv.find((a) => a.startsWith("-")) ?? ""}`.trim();
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return /argument missing/.test(message)
        ? `option ${option ?? ""} needs a value`
        : `option ${option ?? ""} takes no value`;
    default:
      return message.split(". ")[0] ?? message;
  }
}
