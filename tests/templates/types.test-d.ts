import { describe, expectTypeOf, it } from "vitest";
import {
  card,
  event,
  fragment,
  md,
  slot,
  str,
  type CardBuilder,
  type EventBuilder,
  type Fragment,
  type TargetedEvent,
} from "plain-events";
import { loadTemplate, toTemplateJSON, type TemplateDocument } from "plain-events/templates";

const apiKeyGenerated = event("API key generated")
  .text(md`Fingerprint **${slot("fingerprint")}** with ${slot("roleCount")} roles.`)
  .spacer("M")
  .button("View in admin", slot("adminUrl"));

describe("template types", () => {
  it("accumulates slot names from every place a string goes", () => {
    expectTypeOf(apiKeyGenerated).toEqualTypeOf<
      EventBuilder<"fingerprint" | "roleCount" | "adminUrl">
    >();
    expectTypeOf(apiKeyGenerated.params).toEqualTypeOf<
      readonly ("fingerprint" | "roleCount" | "adminUrl")[]
    >();
    const everywhere = event(str`Deploy ${slot("version")}`)
      .plainText(slot("note"))
      .badge(slot("env"))
      .copyButton(slot("sha"), slot("tooltip"))
      .workflowButton(slot("label"), { workflowKey: slot("wf") })
      .dateTime(slot.dateTime("at"))
      .user({ email: slot("email") })
      .row(
        (m) => m.text(slot("main")),
        (a) => a.plainText(slot("aside")),
      )
      .container((c) => c.badge(slot("inner")))
      .externalId(str`deploy-${slot("extId")}`)
      .timestamp(slot("ts"));
    expectTypeOf(everywhere.params).toEqualTypeOf<
      readonly (
        | "version"
        | "note"
        | "env"
        | "sha"
        | "tooltip"
        | "label"
        | "wf"
        | "at"
        | "email"
        | "main"
        | "aside"
        | "inner"
        | "extId"
        | "ts"
      )[]
    >();
  });

  it("type-checks render()", () => {
    const rendered = apiKeyGenerated.render({
      fingerprint: "3b78",
      roleCount: 4,
      adminUrl: "https://admin.your-app.com",
    });
    expectTypeOf(rendered).toEqualTypeOf<EventBuilder<never>>();
    rendered.forCustomer({ email: "a@b.co" }).build();

    // @ts-expect-error roleCount and adminUrl are missing
    apiKeyGenerated.render({ fingerprint: "x" });
    apiKeyGenerated.render({
      fingerprint: "x",
      roleCount: 1,
      adminUrl: "https://a.b",
      // @ts-expect-error a misspelled or unknown parameter
      fingerprnt: "x",
    });
    // @ts-expect-error a value must be a string, number or Date
    apiKeyGenerated.render({ fingerprint: true, roleCount: 1, adminUrl: "https://a.b" });
  });

  it("cannot build or compile a template before it is rendered", () => {
    // @ts-expect-error open slots
    apiKeyGenerated.components();
    // @ts-expect-error open slots
    apiKeyGenerated.forCustomer({ email: "a@b.co" }).build();
    // @ts-expect-error a slot in externalId keeps the event open
    event("t").text("x").externalId(slot("id")).forThread("th_1").build();
    // @ts-expect-error a slot in the timestamp keeps a targeted event open
    event("t").text("x").forThread("th_1").timestamp(slot("at")).build();
  });

  it("renders targeted events, cards and fragments into their own kind", () => {
    const targeted = apiKeyGenerated.forThread("th_1");
    expectTypeOf(
      targeted.render({ fingerprint: "x", roleCount: 1, adminUrl: "https://a.b" }),
    ).toEqualTypeOf<TargetedEvent<never>>();
    expectTypeOf(card("usage").text(slot("n")).render({ n: 1 })).toEqualTypeOf<
      CardBuilder<never>
    >();
    expectTypeOf(fragment().badge(slot("b")).render({ b: "x" })).toEqualTypeOf<
      Fragment<"componentBadge", never>
    >();
  });

  it("types loaded templates by the params the code names", () => {
    expectTypeOf(loadTemplate({})).toEqualTypeOf<EventBuilder<string>>();
    const loaded = loadTemplate({}, { params: ["a", "b"] });
    expectTypeOf(loaded).toEqualTypeOf<EventBuilder<"a" | "b">>();
    // @ts-expect-error b is missing
    loaded.render({ a: "x" });
    expectTypeOf(toTemplateJSON(apiKeyGenerated)).toEqualTypeOf<TemplateDocument>();
  });

  it("slot types and descriptions keep the name's literal type", () => {
    expectTypeOf(slot.url("u").name).toEqualTypeOf<"u">();
    expectTypeOf(slot("n", { type: "number", description: "x" }).name).toEqualTypeOf<"n">();
    // @ts-expect-error not a slot type
    slot("n", "int");
  });
});
