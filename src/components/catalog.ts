import { badgeSpec, type BadgeComponent } from "./badge.js";
import { containerSpec, type ContainerComponent } from "./container.js";
import { copyButtonSpec, type CopyButtonComponent } from "./copy-button.js";
import { dateTimeSpec, type DateTimeComponent } from "./date-time.js";
import { dividerSpec, type DividerComponent } from "./divider.js";
import { linkButtonSpec, type LinkButtonComponent } from "./link-button.js";
import { ALLOWED, describePlace, type ComponentKey, type LeafKey, type Place } from "./nesting.js";
import { plainTextSpec, type PlainTextComponent } from "./plain-text.js";
import { fieldPath, showValue, type Problem } from "./problems.js";
import { rowSpec, type RowComponent } from "./row.js";
import { checkFields, checkObject, isRecord, object, type Rule } from "./rules.js";
import { spacerSpec, type SpacerComponent } from "./spacer.js";
import type { ComponentSpec } from "./spec.js";
import { textSpec, type TextComponent } from "./text.js";
import { userSpec, type UserComponent } from "./user.js";
import { workflowButtonSpec, type WorkflowButtonComponent } from "./workflow-button.js";

/** Any component that holds no other components. */
export type LeafComponent =
  | TextComponent
  | PlainTextComponent
  | DividerComponent
  | LinkButtonComponent
  | WorkflowButtonComponent
  | SpacerComponent
  | BadgeComponent
  | CopyButtonComponent
  | DateTimeComponent
  | UserComponent;

/** Plain's `ComponentRowContentInput`: what a row's main and aside content may hold. */
export type ComponentRowContentInput = LeafComponent;
/** Plain's `ComponentContainerContentInput`: what a container may hold. */
export type ComponentContainerContentInput = LeafComponent | RowComponent;
/** Plain's `EventComponentInput`: what an event may hold. */
export type EventComponentInput = LeafComponent | RowComponent | ContainerComponent;
/** Plain's `ComponentInput`: what a customer card may hold. */
export type ComponentInput = LeafComponent | RowComponent | ContainerComponent;

/** Any component, with exactly one key naming its kind. */
export type AnyComponent = EventComponentInput;

/** The component type that a key names. */
export type ComponentOf<K extends ComponentKey> = Extract<AnyComponent, Record<K, unknown>>;

/** The component types a place accepts. */
export type ComponentIn<P extends Place> = P extends "row"
  ? ComponentRowContentInput
  : P extends "container"
    ? ComponentContainerContentInput
    : EventComponentInput;

// List rules, known by identity so that the catalog can tell child lists from other fields.
const LIST_RULES = new WeakSet<Rule>();

/**
 * Every component Plain ships, keyed by its payload key. Adding a component is one new file
 * and one line here.
 */
const SPECS: Readonly<Record<ComponentKey, ComponentSpec>> = {
  componentText: textSpec,
  componentPlainText: plainTextSpec,
  componentDivider: dividerSpec,
  componentLinkButton: linkButtonSpec,
  componentWorkflowButton: workflowButtonSpec,
  componentSpacer: spacerSpec,
  componentBadge: badgeSpec,
  componentCopyButton: copyButtonSpec,
  componentDateTime: dateTimeSpec,
  componentUser: userSpec,
  componentRow: rowSpec(componentList),
  componentContainer: containerSpec(componentList),
};

// Registers every field's rule by name (see `ruleOf`), for template slots filled in later.
for (const key in SPECS) object(SPECS[key as ComponentKey].shape);

const CHECKS = Object.fromEntries(
  Object.values(SPECS).map((spec) => [spec.key, checkFields(spec.shape)]),
) as Record<ComponentKey, ReturnType<typeof checkFields>>;

// Components that have been through normalizeComponent. Their problems, if any, were reported
// when they were checked, so a list that holds them again (a row built from another builder's
// output, say) skips straight to the nesting check instead of copying and checking them twice.
const CHECKED = new WeakSet<object>();

/**
 * Stands in a list where a component could not be made; its problem is already reported, so
 * checking the list again (a row's side, say) passes over it instead of reporting it twice.
 */
export const ALREADY_REPORTED: AnyComponent = Object.freeze({}) as AnyComponent;

/** True when `key` names one of Plain's components. */
export const isComponentKey = (key: string): key is ComponentKey => Object.hasOwn(SPECS, key);

/** The problem of a kind that may not stand at `place`, if it may not. */
function misplaced(key: ComponentKey, place: Place, path: string, out: Problem[]): boolean {
  if (ALLOWED[place].includes(key)) return false;
  out.push({ path, message: `cannot stand inside ${describePlace(place)}` });
  return true;
}

/**
 * Checks one component in raw JSON form and returns a normalized copy: exactly one key, a kind
 * allowed at `place`, every field checked, fields in a fixed order, no `null`s and no
 * deprecated aliases. Problems go into `out` with paths under `path`.
 */
export function normalizeComponent(
  raw: unknown,
  place: Place,
  path: string,
  out: Problem[],
): AnyComponent | undefined {
  if (raw === ALREADY_REPORTED) return undefined;
  if (!isRecord(raw)) {
    out.push({ path, message: `must be a component object, got ${showValue(raw)}` });
    return undefined;
  }
  const keys = Object.keys(raw);
  const key = keys[0] as ComponentKey;
  if (keys.length !== 1) {
    out.push({
      path,
      message: `must have exactly one key naming its kind, got ${keys.length ? `${keys.length} (${keys.join(", ")})` : "none"}`,
    });
    return undefined;
  }
  const at = fieldPath(path, key);
  if (!isComponentKey(key)) {
    out.push({ path: at, message: "is not a Plain component" });
    return undefined;
  }
  if (misplaced(key, place, at, out)) return undefined;
  if (CHECKED.has(raw)) return raw as unknown as AnyComponent;
  const body = raw[key];
  if (!isRecord(body)) {
    out.push({
      path: at,
      message: `must be an object with ${Object.keys(SPECS[key].shape.fields).join(", ")}, got ${showValue(body)}`,
    });
    return undefined;
  }
  const component = { [key]: checkObject(SPECS[key].shape, body, at, out) };
  CHECKED.add(component);
  return component as unknown as AnyComponent;
}

/**
 * Checks a leaf the builder made itself (its `create…` function, fields in order, options left
 * out): every field's rule. No copy, no key scan: this is the builder's hot path. Problems go into `out` with paths under the component key.
 */
export function checkBuilt(
  component: Record<string, Record<string, unknown>>,
  key: LeafKey,
  out: Problem[],
): void {
  // Every place accepts every leaf, so only the fields are checked.
  CHECKS[key](component[key]!, key, out);
}

/** Every component's spec, by key: one line a component, in `SPECS` above. */
export const COMPONENT_SPECS: ReadonlyMap<ComponentKey, ComponentSpec> = new Map(
  Object.values(SPECS).map((spec) => [spec.key as ComponentKey, spec]),
);

/** True when a field with this rule holds a list of child components (`rowMainContent`, …). */
export const isChildList = (rule: Rule): boolean => LIST_RULES.has(rule);

/** A rule for a list of components at `place`: at least one, each checked and normalized. */
export function componentList(place: Place): Rule<AnyComponent[]> {
  const rule: Rule<AnyComponent[]> = (value, path, out) => {
    if (!Array.isArray(value)) {
      out.push({ path, message: `must be a list of components, got ${showValue(value)}` });
      return undefined;
    }
    if (value.length === 0) {
      out.push({ path, message: "must hold at least one component" });
      return undefined;
    }
    const result: AnyComponent[] = [];
    for (let i = 0; i < value.length; i++) {
      const component = normalizeComponent(value[i], place, `${path}[${i}]`, out);
      if (component !== undefined) result.push(component);
    }
    return result;
  };
  LIST_RULES.add(rule);
  return rule;
}
