/**
 * ANSI styling for the terminal preview, and the one place that decides whether to use it.
 * Hand-rolled rather than `util.styleText`: Node 22+ makes `styleText` check the stream itself
 * and drop colours, which would override an explicit `color: true`; and without `node:util`
 * the preview entry bundles for browsers too.
 */
import type { BadgeColor, TextColor } from "../components/spec.js";

/** A stream that may be a terminal. */
export interface MaybeTTY {
  readonly isTTY?: boolean | undefined;
}

/**
 * Whether the terminal preview uses colour: `explicit` when given; otherwise never when
 * `NO_COLOR` is set, always when `FORCE_COLOR` is set (and not `0`), else when `stream` is a
 * TTY. Pass `stream` and `env` in tests; they default to `process.stdout` and `process.env`.
 */
export function shouldUseColor(
  explicit?: boolean,
  stream: MaybeTTY | undefined = globalThis.process?.stdout,
  env: Readonly<Record<string, string | undefined>> = globalThis.process?.env ?? {},
): boolean {
  if (explicit !== undefined) return explicit;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false")
    return true;
  return stream?.isTTY === true;
}

/** Styles text; the no-colour painter returns it unchanged. */
export interface Painter {
  readonly color: boolean;
  bold(s: string): string;
  dim(s: string): string;
  italic(s: string): string;
  underline(s: string): string;
  text(color: TextColor, s: string): string;
  badge(color: BadgeColor, s: string): string;
}

const sgr = (open: number, close: number) => (s: string) =>
  s === "" ? s : `\u001b[${open}m${s}\u001b[${close}m`;

const TEXT_FG: Readonly<Record<TextColor, number | undefined>> = {
  NORMAL: undefined,
  MUTED: 90,
  SUCCESS: 32,
  WARNING: 33,
  ERROR: 31,
};
// Badges: black on a coloured background reads well on dark and light terminals alike.
const BADGE_BG: Readonly<Record<BadgeColor, number>> = {
  GREY: 47,
  GREEN: 42,
  YELLOW: 43,
  RED: 41,
  BLUE: 44,
};

const identity = (s: string) => s;

const PLAIN: Painter = {
  color: false,
  bold: identity,
  dim: identity,
  italic: identity,
  underline: identity,
  text: (_c, s) => s,
  badge: (_c, s) => s,
};

const COLOR: Painter = {
  color: true,
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  italic: sgr(3, 23),
  underline: sgr(4, 24),
  text: (c, s) => {
    const fg = TEXT_FG[c];
    return fg === undefined ? s : sgr(fg, 39)(s);
  },
  badge: (c, s) => (s === "" ? s : `\u001b[30;${BADGE_BG[c]}m${s}\u001b[39;49m`),
};

export function painter(color: boolean): Painter {
  return color ? COLOR : PLAIN;
}

// No node:util here, so that the preview entry also bundles for browsers.
const SGR = /\u001b\[[0-9;]*m/g;

/** Columns a string takes on a terminal: ANSI codes take none, wide characters take two. */
export function visibleWidth(s: string): number {
  let width = 0;
  // Only our own SGR codes can be present: payload strings have been through escapeTerminal.
  for (const ch of s.replace(SGR, "")) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isZeroWidth(cp)) continue;
    width += isWide(cp) ? 2 : 1;
  }
  return width;
}

function isZeroWidth(cp: number): boolean {
  return (
    (cp >= 0x300 && cp <= 0x36f) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    cp === 0x2060 ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    cp === 0xfeff
  );
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}
