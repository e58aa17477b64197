import { isSlotName } from "../builder/slot.js";

/**
 * How slots are written inside the strings of a template document:
 *
 * - `{{name}}` (spaces allowed inside the braces: `{{ name }}`) is the slot `name`;
 * - `{{'{{'}}` is a literal `{{` (the only escape: a lone `{` or any `}` needs none);
 * - any other `{{` is a mistake and is reported, never guessed at.
 *
 * Nothing else is interpreted: there are no expressions, filters or helpers.
 */
export const LITERAL_OPEN = "{{'{{'}}";

// A slot or the escape. Leftmost match first, so `{{{x}}` reads as "{" then the slot x.
const TOKEN = /\{\{\s*(?:([^{}\s']*)|('\{\{'))\s*\}\}/g;

/** One piece of a parsed string: literal text, or a slot's name. */
export type Piece = string | { readonly slot: string };

/**
 * Splits a template string into literal text and slot names. Adjacent literal text is merged;
 * empty text is left out. Returns an error message for a malformed slot.
 */
export function parseSlots(source: string): Piece[] | { readonly error: string } {
  const pieces: Piece[] = [];
  let text = "";
  let last = 0;
  for (const match of source.matchAll(TOKEN)) {
    const literal = source.slice(last, match.index);
    const stray = strayOpen(literal);
    if (stray !== undefined) return { error: stray };
    text += literal;
    last = match.index + match[0].length;
    if (match[2] !== undefined) {
      text += "{{";
      continue;
    }
    const name = match[1] as string;
    if (!isSlotName(name)) {
      return {
        error: `${JSON.stringify(match[0])} is not a slot: a name is a letter or "_", then letters, digits or "_"`,
      };
    }
    if (text !== "") pieces.push(text);
    pieces.push({ slot: name });
    text = "";
  }
  const rest = source.slice(last);
  const stray = strayOpen(rest);
  if (stray !== undefined) return { error: stray };
  text += rest;
  if (text !== "") pieces.push(text);
  return pieces;
}

function strayOpen(literal: string): string | undefined {
  const at = literal.indexOf("{{");
  if (at === -1) return undefined;
  const shown = literal.slice(at, at + 20);
  return `has "{{" that opens no slot (near ${JSON.stringify(shown)}); write {{name}} for a slot or ${LITERAL_OPEN} for a literal "{{"`;
}

/** Writes literal text so that {@link parseSlots} reads it back unchanged. */
export function escapeLiteral(text: string): string {
  return text.includes("{{") ? text.replaceAll("{{", LITERAL_OPEN) : text;
}

/** Writes a slot reference. */
export function slotToken(name: string): string {
  return `{{${name}}}`;
}
