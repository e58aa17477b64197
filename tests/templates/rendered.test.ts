/**
 * A rendered template is an ordinary builder: checked when rendered, made fresh on every
 * compile. These tests pin what rendering must keep: branching, fresh outputs, appending and
 * splicing after a render, nesting checks and problem paths.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { card, event, fragment, md, slot } from "plain-events";
import { toTemplateJSON } from "plain-events/templates";
import { problemsOf } from "./problems-of.js";

const template = event("API key generated")
  .text(md`Fingerprint **${slot("fingerprint")}** with ${slot("roleCount")} roles.`)
  .spacer("M")
  .button("View in admin", slot.url("adminUrl"));

const values = { fingerprint: "3b78", roleCount: 4, adminUrl: "https://admin.your-app.com" };

const direct = (v: { fingerprint: string; roleCount: number; adminUrl: string }) =>
  event("API key generated")
    .text(md`Fingerprint **${v.fingerprint}** with ${v.roleCount} roles.`)
    .spacer("M")
    .button("View in admin", v.adminUrl);

// Every row, container, identifier object and leaf kind, with slots at every depth.
const nested = event(slot("title"))
  .row(
    (main) => main.plainText(slot("sku"), { color: "MUTED" }).user({ email: slot("owner") }),
    (aside) => aside.copyButton(slot("sku"), "Copy"),
  )
  .container((c) =>
    c.text(md`**${slot("name")}**`).row(
      (m) => m.workflowButton(slot("label"), { workflowKey: slot("workflow") }),
      (a) => a.badge("Fixed", "GREEN"),
    ),
  )
  .user({ userId: slot("userId") })
  .dateTime(slot.dateTime("at"))
  .divider();

const nestedValues = {
  title: "Order updated",
  sku: "SKU-1",
  owner: "jane@acme.com",
  name: "Deluxe *item*",
  label: "Refund",
  workflow: "refund",
  userId: "u_1",
  at: "2024-10-28T18:30:00Z",
};

/** Every object and array inside a value, to check that two outputs share none. */
function objectsIn(value: unknown, into = new Set<object>()): Set<object> {
  if (typeof value === "object" && value !== null) {
    into.add(value);
    for (const v of Object.values(value)) objectsIn(v, into);
  }
  return into;
}

function sharesNothing(a: unknown, b: unknown): boolean {
  const seen = objectsIn(a);
  return [...objectsIn(b)].every((o) => !seen.has(o));
}

describe("a rendered template", () => {
  it("is a builder with no state a caller can reach, and no slots left", () => {
    const rendered = template.render(values);
    expect(Reflect.ownKeys(rendered)).toEqual([]);
    expect(rendered.params).toEqual([]);
    expect(template.params).toEqual(["fingerprint", "roleCount", "adminUrl"]);
  });

  it("compiles to what direct building makes, with fresh objects on every compile", () => {
    const rendered = template.render(values);
    const first = rendered.components();
    const second = rendered.components();
    expect(first).toStrictEqual(direct(values).components());
    expect(second).toStrictEqual(first);
    expect(sharesNothing(first, second)).toBe(true);
    const request = rendered.forCustomer({ email: "jane@acme.com" }).build();
    expect(request.input.components).toStrictEqual(first);
    expect(sharesNothing(request, first)).toBe(true);
  });

  it("is not changed by a caller who changes its output", () => {
    const rendered = template.render(values);
    const before = JSON.stringify(rendered.components());
    const out = rendered.components() as unknown as Record<string, Record<string, unknown>>[];
    out[0]!.componentText!.text = "changed";
    out[1]!.componentSpacer!.spacerSize = "XL";
    out.push(out[0]!);
    const built = rendered.forThread("th_1").build();
    (
      built.input.components as unknown as Record<string, Record<string, unknown>>[]
    )[2]!.componentLinkButton!.linkButtonUrl = "https://evil.example";
    expect(JSON.stringify(rendered.components())).toBe(before);
    expect(JSON.stringify(template.render(values).components())).toBe(before);
  });

  it("renders nested slots (rows, containers, identifier objects) fresh every time", () => {
    const rendered = nested.render(nestedValues);
    const a = rendered.components();
    const b = rendered.components();
    expect(a).toStrictEqual(b);
    expect(sharesNothing(a, b)).toBe(true);
    expect(a).toStrictEqual(
      event("Order updated")
        .row(
          (main) =>
            main.plainText("SKU-1", { color: "MUTED" }).user({ emailAddress: "jane@acme.com" }),
          (aside) => aside.copyButton("SKU-1", "Copy"),
        )
        .container((c) =>
          c.text(md`**${"Deluxe *item*"}**`).row(
            (m) => m.workflowButton("Refund", { workflowKey: "refund" }),
            (s) => s.badge("Fixed", "GREEN"),
          ),
        )
        .user({ userId: "u_1" })
        .dateTime("2024-10-28T18:30:00Z")
        .divider()
        .components(),
    );
    (a[0] as { componentRow: { rowMainContent: unknown[] } }).componentRow.rowMainContent.pop();
    expect(rendered.components()).toStrictEqual(b);
  });

  it("branches safely: variants appended after a render share nothing and change nothing", () => {
    const rendered = template.render(values);
    const ok = rendered.badge("Succeeded", "GREEN");
    const failed = rendered.badge("Failed", "RED").text("See the logs");
    expect(rendered.components()).toHaveLength(3);
    expect(ok.components()).toStrictEqual([
      ...direct(values).components(),
      { componentBadge: { badgeLabel: "Succeeded", badgeColor: "GREEN" } },
    ]);
    expect(failed.components().slice(3)).toStrictEqual([
      { componentBadge: { badgeLabel: "Failed", badgeColor: "RED" } },
      { componentText: { text: "See the logs" } },
    ]);
    expect(sharesNothing(ok.components(), failed.components())).toBe(true);
    expect(Reflect.ownKeys(ok)).toEqual([]);
  });

  it("reports problems appended after a render at their index after the rendered components", () => {
    const rendered = template.render(values);
    const bad = rendered.button("Open", "javascript:alert(1)").text("");
    expect(bad.problems().map((p) => `${p.path}: ${p.message}`)).toEqual([
      'components[3].componentLinkButton.linkButtonUrl: "javascript:alert(1)" is not an absolute http(s) URL',
      "components[4].componentText.text: must not be empty (text of 1–10000 characters)",
    ]);
    expect(problemsOf(() => bad.components()).every((p) => p.startsWith("components["))).toBe(true);
    // The slow path (problems) still makes the rendered components, fresh.
    expect(rendered.components()).toStrictEqual(direct(values).components());
  });

  it("can be rendered again (it has no params) and written as a template document", () => {
    const rendered = template.render(values);
    expect(rendered.params).toEqual([]);
    expect(rendered.problems()).toEqual([]);
    expect(rendered.render({}).components()).toStrictEqual(rendered.components());
    expect(problemsOf(() => rendered.render({ fingerprint: "x" }))).toEqual([
      "params.fingerprint: is not a parameter of this template (it takes none)",
    ]);
    const doc = toTemplateJSON(rendered);
    expect(doc.components).toStrictEqual(rendered.components());
  });

  // The same problems and paths as direct building, in payload order.
  it("reports problems at the paths direct building reports, nested ones included", () => {
    expect(
      problemsOf(() => template.render({ ...values, adminUrl: "javascript:alert(1)" })),
    ).toEqual(['params.adminUrl: "javascript:alert(1)" is not an absolute http(s) URL']);
    expect(problemsOf(() => nested.render({ ...nestedValues, sku: " ", owner: "nope" }))).toEqual([
      "components[0].componentRow.rowMainContent[0].componentPlainText.plainText: must not be blank (plain text of 1–10000 characters)",
      'components[0].componentRow.rowMainContent[1].componentUser.userIdentifier.emailAddress: "nope" is not an email address',
      "components[0].componentRow.rowAsideContent[0].componentCopyButton.copyButtonValue: must not be blank (copy value of 1–1000 characters)",
    ]);
  });
});

describe("rendered content spliced elsewhere", () => {
  const footer = fragment()
    .divider("M")
    .button(slot("label"), slot.url("url"))
    .row(
      (m) => m.plainText(slot("label")),
      (a) => a.copyButton(slot("url")),
    );

  it("splices a rendered fragment into events and cards, fresh on every compile", () => {
    const rendered = footer.render({ label: "Open", url: "https://acme.com" });
    const e = event("Invoice paid").text("Paid").add(rendered).badge("Done");
    const expected = [
      { componentText: { text: "Paid" } },
      { componentDivider: { dividerSpacingSize: "M" } },
      { componentLinkButton: { linkButtonUrl: "https://acme.com", linkButtonLabel: "Open" } },
      {
        componentRow: {
          rowMainContent: [{ componentPlainText: { plainText: "Open" } }],
          rowAsideContent: [{ componentCopyButton: { copyButtonValue: "https://acme.com" } }],
        },
      },
      { componentBadge: { badgeLabel: "Done" } },
    ];
    const a = e.components();
    expect(a).toStrictEqual(expected);
    expect(sharesNothing(a, e.components())).toBe(true);
    expect(e.forThread("th_1").build().input.components).toStrictEqual(expected);
    const c = card("usage").add(rendered, rendered);
    expect(c.build().components).toStrictEqual([...expected.slice(1, 4), ...expected.slice(1, 4)]);
    expect(sharesNothing(c.build(), c.build())).toBe(true);
  });

  it("reports problems beside spliced rendered content at their full index", () => {
    const rendered = footer.render({ label: "Open", url: "https://acme.com" });
    const e = event("x")
      .add(rendered)
      .spacer("nope" as never);
    expect(e.problems().map((p) => p.path)).toEqual(["components[3].componentSpacer.spacerSize"]);
  });

  it("checks the nesting of rendered content by its kinds", () => {
    const rendered = footer.render({ label: "Open", url: "https://acme.com" });
    const problems = event("x")
      .row(
        (m) => m.add(rendered as never),
        (a) => a.text("b"),
      )
      .problems();
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      "components[0].componentRow.rowMainContent[0].componentRow: cannot stand inside a row (the fragment's item 2)",
    ]);
    // Leaves only: fine inside a row, and made fresh there too.
    const leaves = fragment().badge(slot("b")).render({ b: "New" });
    const row = event("x").row(
      (m) => m.add(leaves),
      (a) => a.add(leaves),
    );
    expect(row.components()).toStrictEqual([
      {
        componentRow: {
          rowMainContent: [{ componentBadge: { badgeLabel: "New" } }],
          rowAsideContent: [{ componentBadge: { badgeLabel: "New" } }],
        },
      },
    ]);
  });

  it("renders what direct building makes, for any values", () => {
    const text = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== "");
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 1000 }), (fingerprint, roleCount) => {
        const v = { fingerprint, roleCount, adminUrl: "https://admin.your-app.com/x" };
        const rendered = template.render(v);
        expect(rendered.components()).toStrictEqual(direct(v).components());
        expect(rendered.forThread("th_1").build()).toStrictEqual(
          direct(v).forThread("th_1").build(),
        );
      }),
      { numRuns: 200 },
    );
  });
});
