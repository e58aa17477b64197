/**
 * Turns compiled components (Plain's JSON) into a small view model that both renderers share.
 * It reads defensively: a preview must show hand-written or invalid JSON too, so a missing
 * field gets Plain's default and an unknown component becomes a visible placeholder instead
 * of an exception. Enum values are checked against Plain's lists here, so renderers can put
 * them into class names without escaping.
 */
import { isHttpUrl, isIsoDateTime } from "../components/rules.js";
import {
  BADGE_COLORS,
  SIZES_SML,
  SIZES_XS_XL,
  TEXT_COLORS,
  type BadgeColor,
  type SpacingSize,
  type TextColor,
  type TextSize,
} from "../components/spec.js";
import { parseMarkdown, type MdNode } from "./markdown.js";

/** How a user component names its user. */
export type UserIdentifierKind = "userId" | "emailAddress" | "machineUserId";

/** One component, ready to draw. */
export type ViewNode =
  | {
      readonly kind: "text";
      readonly markdown: readonly MdNode[];
      readonly size: TextSize;
      readonly color: TextColor;
    }
  | {
      readonly kind: "plainText";
      readonly text: string;
      readonly size: TextSize;
      readonly color: TextColor;
    }
  | { readonly kind: "spacer"; readonly size: SpacingSize }
  | { readonly kind: "divider"; readonly size: SpacingSize }
  | {
      readonly kind: "linkButton";
      readonly label: string;
      readonly url: string;
      readonly safe: boolean;
    }
  | { readonly kind: "copyButton"; readonly value: string; readonly tooltip: string | undefined }
  | { readonly kind: "badge"; readonly label: string; readonly color: BadgeColor }
  | {
      readonly kind: "workflowButton";
      readonly label: string;
      readonly workflow:
        { readonly by: "workflowId" | "workflowKey"; readonly value: string } | undefined;
    }
  | { readonly kind: "dateTime"; readonly iso: string; readonly date: Date | undefined }
  | { readonly kind: "user"; readonly by: UserIdentifierKind | undefined; readonly id: string }
  | {
      readonly kind: "row";
      readonly main: readonly ViewNode[];
      readonly aside: readonly ViewNode[];
    }
  | { readonly kind: "container"; readonly content: readonly ViewNode[] }
  | { readonly kind: "unknown"; readonly key: string; readonly reason: string };

// Plain allows a container holding a row holding leaves: three levels. Anything deeper is
// invalid anyway; the limit keeps cyclic or hostile input from recursing forever.
const MAX_DEPTH = 8;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const str = (v: unknown): string =>
  typeof v === "string" ? v : v === undefined || v === null ? "" : safeString(v);

function safeString(v: unknown): string {
  try {
    return typeof v === "object" ? JSON.stringify(v) : String(v);
  } catch {
    return Object.prototype.toString.call(v);
  }
}

function pick<const V extends string>(values: readonly V[], v: unknown, fallback: V): V {
  return (values as readonly unknown[]).includes(v) ? (v as V) : fallback;
}

/** The view model of a list of components (any place: event, card, row or container). */
export function toView(components: readonly unknown[], depth = 0): ViewNode[] {
  if (!Array.isArray(components)) return [];
  return components.map((c) => toViewNode(c, depth));
}

function list(value: unknown, depth: number): ViewNode[] {
  return Array.isArray(value) ? toView(value, depth + 1) : [];
}

/** The view model of one component. Never throws. */
export function toViewNode(component: unknown, depth = 0): ViewNode {
  if (!isRecord(component)) {
    return { kind: "unknown", key: typeof component, reason: "not a component object" };
  }
  const keys = Object.keys(component);
  const key = keys[0];
  if (key === undefined || keys.length !== 1) {
    return {
      kind: "unknown",
      key: keys.join(", "),
      reason: "a component has exactly one key",
    };
  }
  if (depth >= MAX_DEPTH) return { kind: "unknown", key, reason: "nested too deeply" };
  const body = component[key];
  const b: Record<string, unknown> = isRecord(body) ? body : {};
  switch (key) {
    case "componentText":
      return {
        kind: "text",
        markdown: parseMarkdown(str(b.text)),
        size: pick(SIZES_SML, b.textSize, "M"),
        color: pick(TEXT_COLORS, b.textColor, "NORMAL"),
      };
    case "componentPlainText":
      return {
        kind: "plainText",
        text: str(b.plainText),
        size: pick(SIZES_SML, b.plainTextSize, "M"),
        color: pick(TEXT_COLORS, b.plainTextColor, "NORMAL"),
      };
    case "componentSpacer":
      return { kind: "spacer", size: pick(SIZES_XS_XL, b.spacerSize, "M") };
    case "componentDivider":
      return { kind: "divider", size: pick(SIZES_XS_XL, b.dividerSpacingSize, "S") };
    case "componentLinkButton": {
      const url = str(b.linkButtonUrl);
      return { kind: "linkButton", label: str(b.linkButtonLabel), url, safe: isHttpUrl(url) };
    }
    case "componentCopyButton":
      return {
        kind: "copyButton",
        value: str(b.copyButtonValue),
        tooltip:
          typeof b.copyButtonTooltipLabel === "string" ? b.copyButtonTooltipLabel : undefined,
      };
    case "componentBadge":
      return {
        kind: "badge",
        label: str(b.badgeLabel),
        color: pick(BADGE_COLORS, b.badgeColor, "GREY"),
      };
    case "componentWorkflowButton":
      return { kind: "workflowButton", label: str(b.workflowButtonLabel), workflow: workflow(b) };
    case "componentDateTime": {
      const iso = str(b.dateTimeIso8601);
      return { kind: "dateTime", iso, date: parseDate(iso) };
    }
    case "componentUser":
      return user(b.userIdentifier);
    case "componentRow":
      return {
        kind: "row",
        main: list(b.rowMainContent, depth),
        aside: list(b.rowAsideContent, depth),
      };
    case "componentContainer":
      return { kind: "container", content: list(b.containerContent, depth) };
    default:
      return { kind: "unknown", key, reason: "not a component Plain knows" };
  }
}

function workflow(
  b: Record<string, unknown>,
): Extract<ViewNode, { kind: "workflowButton" }>["workflow"] {
  const id = b.workflowButtonWorkflowIdentifier;
  if (!isRecord(id)) return undefined;
  if (typeof id.workflowId === "string") return { by: "workflowId", value: id.workflowId };
  if (typeof id.workflowKey === "string") return { by: "workflowKey", value: id.workflowKey };
  return undefined;
}

function user(identifier: unknown): ViewNode {
  if (isRecord(identifier)) {
    for (const by of ["emailAddress", "userId", "machineUserId"] as const) {
      const value = identifier[by];
      if (typeof value === "string") return { kind: "user", by, id: value };
    }
  }
  return { kind: "user", by: undefined, id: "" };
}

/** A `Date` for an ISO 8601 date-time with an offset; `undefined` for anything else. */
export function parseDate(value: Date | string): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (!isIsoDateTime(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
