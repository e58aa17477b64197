import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { event, md, slot, str } from "plain-events";
import { loadTemplate, toTemplateJSON } from "plain-events/templates";
import { validate } from "./json-schema-subset.js";

const root = new URL("../../", import.meta.url);
const schema = JSON.parse(readFileSync(new URL("schema/template.schema.json", root), "utf8"));
const examples = readdirSync(new URL("examples/templates/", root)).filter((f) =>
  f.endsWith(".template.json"),
);

describe("schema/template.schema.json", () => {
  it("is found by the examples", () => expect(examples.length).toBeGreaterThan(0));

  it.each(examples)("accepts the shipped example %s, which loadTemplate accepts too", (file) => {
    const doc = JSON.parse(readFileSync(new URL(`examples/templates/${file}`, root), "utf8"));
    expect(validate(schema, doc)).toEqual([]);
    expect(() => loadTemplate(doc)).not.toThrow();
  });

  it("accepts what toTemplateJSON writes, rows, containers and identifiers included", () => {
    const template = event(str`Deploy ${slot("version")}`)
      .text(md`**${slot("who")}** deployed`, { size: "S", color: "MUTED" })
      .plainText(slot("note"))
      .divider()
      .badge(slot("env"), "GREEN")
      .copyButton(slot("sha"), "Copy SHA")
      .workflowButton("Roll back", { workflowKey: slot("workflow") })
      .dateTime(slot.dateTime("at"))
      .user({ userId: slot("userId") })
      .row(
        (m) => m.text("Plan"),
        (a) => a.badge("Pro", "BLUE"),
      )
      .container((c) =>
        c.text("Inside").row(
          (m) => m.plainText("a"),
          (a) => a.plainText("b"),
        ),
      )
      .externalId(str`deploy-${slot("version")}`)
      .timestamp(slot.dateTime("at"))
      .collapsed();
    const doc = toTemplateJSON(template);
    expect(validate(schema, doc)).toEqual([]);
  });

  it.each([
    ["an unknown component", { componentChart: { x: 1 } }],
    ["two kinds in one object", { componentSpacer: { spacerSize: "M" }, componentDivider: {} }],
    [
      "a container in a row",
      {
        componentRow: {
          rowMainContent: [
            { componentContainer: { containerContent: [{ componentDivider: {} }] } },
          ],
          rowAsideContent: [{ componentDivider: {} }],
        },
      },
    ],
    [
      "an empty row side",
      { componentRow: { rowMainContent: [], rowAsideContent: [{ componentDivider: {} }] } },
    ],
    ["a wrong enum", { componentSpacer: { spacerSize: "XXL" } }],
    ["a deprecated alias", { componentLinkButton: { url: "https://a.b", label: "x" } }],
  ])("rejects %s", (_what, component) => {
    const doc = { version: 1, title: "t", params: {}, components: [component] };
    expect(validate(schema, doc)).not.toEqual([]);
  });

  it("rejects a wrong version, unknown keys and reserved parameter names", () => {
    const doc = JSON.parse(
      '{"version":2,"title":"t","params":{"__proto__":{"type":"string"},"n":{"type":"int"}},"components":[{"componentDivider":{}}],"extra":1}',
    );
    const errors = validate(schema, doc);
    expect(errors.join("\n")).toMatch(/version/);
    expect(errors.join("\n")).toMatch(/extra/);
    expect(errors.join("\n")).toMatch(/__proto__/);
    expect(errors.join("\n")).toMatch(/params\.n\.type/);
  });
});
