import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { event, fragment, requestProblems, type EventBuilder } from "plain-events";

// Arbitrary valid arguments, within Plain's limits.
const label = fc.string({ minLength: 1, maxLength: 500 }).filter((s) => s.trim().length > 0);
const text = fc.string({ minLength: 1, maxLength: 2_000 }).filter((s) => s.trim().length > 0);
const url = fc.webUrl({ validSchemes: ["http", "https"] });
const size = fc.constantFrom("S", "M", "L" as const);
const spacing = fc.constantFrom("XS", "S", "M", "L", "XL" as const);
const color = fc.constantFrom("NORMAL", "MUTED", "SUCCESS", "WARNING", "ERROR" as const);
const badgeColor = fc.constantFrom("GREY", "GREEN", "YELLOW", "RED", "BLUE" as const);
const date = fc.date({
  min: new Date("1970-01-01"),
  max: new Date("2999-12-31"),
  noInvalidDate: true,
});
const id = fc.stringMatching(/^[a-z]{1,4}_[A-Za-z0-9]{1,26}$/);

type Leaf = <B extends EventBuilder>(b: B) => B;
type Step = (b: EventBuilder) => EventBuilder;

const leaf: fc.Arbitrary<Leaf> = fc.oneof(
  fc
    .tuple(text, fc.option(size, { nil: undefined }), fc.option(color, { nil: undefined }))
    .map(([t, s, c]) => ((b: EventBuilder) => b.text(t, { size: s, color: c })) as Leaf),
  fc
    .tuple(text, size, color)
    .map(([t, s, c]) => ((b: EventBuilder) => b.plainText(t, { size: s, color: c })) as Leaf),
  spacing.map((s) => ((b: EventBuilder) => b.spacer(s)) as Leaf),
  fc.option(spacing, { nil: undefined }).map((s) => ((b: EventBuilder) => b.divider(s)) as Leaf),
  fc.tuple(label, badgeColor).map(([l, c]) => ((b: EventBuilder) => b.badge(l, c)) as Leaf),
  fc.tuple(label, url).map(([l, u]) => ((b: EventBuilder) => b.button(l, u)) as Leaf),
  fc
    .tuple(
      fc.string({ minLength: 1, maxLength: 1_000 }).filter((s) => s.trim() !== ""),
      fc.option(label, { nil: undefined }),
    )
    .map(([v, t]) => ((b: EventBuilder) => b.copyButton(v, t)) as Leaf),
  fc
    .tuple(label, id, fc.boolean())
    .map(
      ([l, i, byKey]) =>
        ((b: EventBuilder) =>
          b.workflowButton(l, byKey ? { workflowKey: i } : { workflowId: i })) as Leaf,
    ),
  date.map((d) => ((b: EventBuilder) => b.dateTime(d)) as Leaf),
  fc
    .oneof(
      id.map((i) => ({ userId: i })),
      fc.emailAddress().map((e) => ({ email: e })),
      id.map((i) => ({ machineUserId: i })),
    )
    .map((u) => ((b: EventBuilder) => b.user(u)) as Leaf),
);

const leaves = fc.array(leaf, { minLength: 1, maxLength: 4 });
const apply = (steps: Leaf[], b: never) => steps.reduce((acc: never, s) => s(acc) as never, b);

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: leaf.map((l) => l as Step) },
  {
    weight: 1,
    arbitrary: fc.tuple(leaves, leaves).map(
      ([m, a]) =>
        ((b: EventBuilder) =>
          b.row(
            (main) => apply(m, main as never),
            (aside) => apply(a, aside as never),
          )) as Step,
    ),
  },
  {
    weight: 1,
    arbitrary: leaves.map(
      (c) => ((b: EventBuilder) => b.container((inner) => apply(c, inner as never))) as Step,
    ),
  },
  {
    weight: 1,
    arbitrary: leaves.map(
      (c) => ((b: EventBuilder) => b.add(apply(c, fragment() as never))) as Step,
    ),
  },
);

describe("properties", () => {
  it("any builder chain compiles to a payload that passes validation as raw JSON", () => {
    fc.assert(
      fc.property(
        label,
        fc.array(step, { minLength: 1, maxLength: 25 }),
        id,
        (title, steps, threadId) => {
          const built = steps.reduce((b, s) => s(b), event(title));
          const request = built.forThread(threadId).build();
          // Through JSON and back, as Plain receives it: the raw validator finds nothing wrong.
          const wire = JSON.parse(JSON.stringify(request)) as typeof request;
          expect(requestProblems(wire)).toEqual([]);
          // And the raw JSON rebuilds into exactly the same payload.
          expect(JSON.stringify(event(title).add(wire.input.components).components())).toBe(
            JSON.stringify(request.input.components),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  // Ways to break one field of a valid component, each with the path it must be reported at.
  const breakers: fc.Arbitrary<{ component: unknown; path: string }> = fc.oneof(
    fc.nat(5).map((n) => ({
      component: { componentText: { text: "x".repeat(10_001 + n) } },
      path: "componentText.text",
    })),
    fc
      .string()
      .filter((s) => !["S", "M", "L"].includes(s))
      .map((s) => ({
        component: { componentText: { text: "x", textSize: s } },
        path: "componentText.textSize",
      })),
    fc
      .constantFrom("javascript:alert(1)", "data:,x", "/relative", "mailto:a@b.co", "")
      .map((u) => ({
        component: { componentLinkButton: { linkButtonUrl: u, linkButtonLabel: "x" } },
        path: "componentLinkButton.linkButtonUrl",
      })),
    fc.oneof(fc.integer(), fc.boolean(), fc.constant([])).map((v) => ({
      component: { componentBadge: { badgeLabel: v } },
      path: "componentBadge.badgeLabel",
    })),
    fc.nat(5).map((n) => ({
      component: { componentCopyButton: { copyButtonValue: "v".repeat(1_001 + n) } },
      path: "componentCopyButton.copyButtonValue",
    })),
    fc
      .string({ minLength: 1 })
      .filter((k) => !["spacerSize", "__proto__"].includes(k))
      .map((k) => ({
        component: { componentSpacer: { spacerSize: "M", [k]: "x" } },
        // Keys that are not plain names are quoted in paths.
        path: /^[A-Za-z_$][\w$]*$/.test(k)
          ? `componentSpacer.${k}`
          : `componentSpacer[${JSON.stringify(k)}]`,
      })),
    fc.constant({
      component: {
        componentRow: { rowMainContent: [], rowAsideContent: [{ componentText: { text: "x" } }] },
      },
      path: "componentRow.rowMainContent",
    }),
    fc.constant({
      component: { componentUser: { userIdentifier: { userId: "u", emailAddress: "a@b.co" } } },
      path: "componentUser.userIdentifier",
    }),
  );

  it("rejects any invalid raw component with its path", () => {
    fc.assert(
      fc.property(fc.nat(5), breakers, (before, { component, path }) => {
        const b = event("t")
          .each(Array.from({ length: before }), (acc) => acc.spacer("S"))
          .add(component as never);
        const problems = b.problems();
        expect(problems.map((p) => p.path)).toContain(`components[${before}].${path}`);
        expect(() => b.components()).toThrow(/Invalid event "t"/);
      }),
      { numRuns: 300 },
    );
  });
});
