import { describe, expect, it } from "vitest";
import { card, event, fragment, md, slot, str } from "plain-events";
import { problemsOf } from "./problems-of.js";

const apiKeyGenerated = event("API key generated")
  .text(
    md`New API key was added with the fingerprint **${slot("fingerprint")}** with ${slot("roleCount")} associated roles.`,
  )
  .spacer("M")
  .button("View in admin", slot("adminUrl"));

const values = { fingerprint: "3b78", roleCount: 4, adminUrl: "https://admin.your-app.com" };

describe("render()", () => {
  it("lists params in order of first use and renders what direct building makes", () => {
    expect(apiKeyGenerated.params).toEqual(["fingerprint", "roleCount", "adminUrl"]);
    const direct = event("API key generated")
      .text(
        md`New API key was added with the fingerprint **${"3b78"}** with ${4} associated roles.`,
      )
      .spacer("M")
      .button("View in admin", "https://admin.your-app.com");
    expect(apiKeyGenerated.render(values).components()).toEqual(direct.components());
    expect(apiKeyGenerated.render(values).params).toEqual([]);
  });

  it("escapes values placed into Markdown exactly as md does", () => {
    const nasty = "**x** [a](javascript:alert(1)) # 1. www.x.com _y_ <b>";
    const rendered = apiKeyGenerated.render({ ...values, fingerprint: nasty }).components();
    const direct = event("t").text(
      md`New API key was added with the fingerprint **${nasty}** with ${4} associated roles.`,
    );
    expect(rendered[0]).toEqual(direct.components()[0]);
  });

  it("inserts values into fields that are not Markdown as given", () => {
    const t = event("t")
      .plainText(slot("a"))
      .badge(str`v${slot("b")}*`);
    expect(t.render({ a: "**a**", b: "_1_" }).components()).toEqual([
      { componentPlainText: { plainText: "**a**" } },
      { componentBadge: { badgeLabel: "v_1_*" } },
    ]);
  });

  it("fills slots everywhere a string goes, events' own fields included", () => {
    const t = event(str`Deploy ${slot("version")}`)
      .text(slot("body"))
      .plainText(slot("note"))
      .badge(slot("env"))
      .button(slot("label"), slot.url("url"))
      .copyButton(slot("sha"), slot("tooltip"))
      .workflowButton(slot("wfLabel"), { workflowId: slot("workflowId") })
      .workflowButton("Key", { workflowKey: slot("workflowKey") })
      .dateTime(slot.dateTime("at"))
      .user({ email: slot("email") })
      .user({ userId: slot("userId") })
      .user({ machineUserId: slot("machineUserId") })
      .row(
        (m) => m.text(md`main ${slot("main")}`),
        (a) => a.plainText(slot("aside")),
      )
      .container((c) => c.badge(slot("inner")))
      .externalId(str`deploy-${slot("version")}`)
      .timestamp(slot("at"));
    expect(t.params).toEqual([
      // In payload order: linkButtonUrl comes before linkButtonLabel in Plain's JSON.
      "version",
      "body",
      "note",
      "env",
      "url",
      "label",
      "sha",
      "tooltip",
      "workflowId",
      "wfLabel",
      "workflowKey",
      "at",
      "email",
      "userId",
      "machineUserId",
      "main",
      "aside",
      "inner",
    ]);
    const request = t
      .render({
        version: "1.2",
        body: "*b*",
        note: "n",
        env: "prod",
        label: "Open",
        url: "https://x.dev/1",
        sha: "abc",
        tooltip: "Copy",
        wfLabel: "Run",
        workflowId: "wf_1",
        workflowKey: "key",
        at: new Date("2024-10-28T18:30:00Z"),
        email: "a@b.co",
        userId: "u_1",
        machineUserId: "mu_1",
        main: "m",
        aside: "s",
        inner: "i",
      })
      .forThread("th_1")
      .build();
    expect(request.input).toMatchObject({
      title: "Deploy 1.2",
      externalId: "deploy-1.2",
      timestamp: "2024-10-28T18:30:00.000Z",
    });
    expect(JSON.stringify(request)).not.toContain("{{");
    expect(request.input.components[0]).toEqual({ componentText: { text: "\\*b\\*" } });
    expect(request.input.components.at(-2)).toEqual({
      componentRow: {
        rowMainContent: [{ componentText: { text: "main m" } }],
        rowAsideContent: [{ componentPlainText: { plainText: "s" } }],
      },
    });
  });

  it("reports filled values with the paths direct building uses", () => {
    const problems = problemsOf(() =>
      apiKeyGenerated.render({ ...values, adminUrl: "javascript:alert(1)" }),
    );
    expect(problems).toEqual([
      'components[2].componentLinkButton.linkButtonUrl: "javascript:alert(1)" is not an absolute http(s) URL',
    ]);
    const nested = event("t").row(
      (m) => m.user({ email: slot("who") }),
      (a) => a.text("x"),
    );
    expect(problemsOf(() => nested.render({ who: "nope" }))).toEqual([
      'components[0].componentRow.rowMainContent[0].componentUser.userIdentifier.emailAddress: "nope" is not an email address',
    ]);
    expect(problemsOf(() => event(slot("t")).text("x").render({ t: " " }))[0]).toMatch(/^title: /);
    expect(
      problemsOf(() => event("t").text("x").externalId(slot("id")).render({ id: "" }))[0],
    ).toMatch(/^externalId: /);
  });

  it("checks limits on the filled text", () => {
    const t = event("t").badge(slot("label"));
    expect(problemsOf(() => t.render({ label: "x".repeat(501) }))).toEqual([
      "components[0].componentBadge.badgeLabel: is 501 characters long; the limit is 500",
    ]);
  });

  it("names missing, unknown and wrongly typed parameters, all at once", () => {
    const typed = event("t")
      .text(md`${slot.number("n")}`)
      .button("Open", slot.url("url"))
      .dateTime(slot.dateTime("at"));
    const problems = problemsOf(() =>
      typed.render({ n: "4", url: "ftp://x", at: "yesterday", bogus: 1 } as never),
    );
    expect(problems).toEqual([
      'params.n: must be a finite number, got "4"',
      'params.url: "ftp://x" is not an absolute http(s) URL',
      'params.at: "yesterday" is not an ISO 8601 date-time with an offset (e.g. 2024-10-28T18:30:00Z)',
      "params.bogus: is not a parameter of this template (it takes n, url, at)",
    ]);
    expect(problemsOf(() => apiKeyGenerated.render({ fingerprint: "x" } as never))).toEqual([
      "params.roleCount: is missing: the template's {{roleCount}} needs a string",
      "params.adminUrl: is missing: the template's {{adminUrl}} needs a string",
    ]);
    expect(problemsOf(() => apiKeyGenerated.render({ ...values, roleCount: {} } as never))).toEqual(
      ["params.roleCount: must be a string or a finite number, got an object"],
    );
    expect(problemsOf(() => apiKeyGenerated.render(null as never))[0]).toMatch(/^params: /);
    // A bad parameter does not hide a problem in a field that another one fills.
    const two = event("t").text(slot("long")).badge(slot("label"));
    expect(problemsOf(() => two.render({ long: "x".repeat(10_001) } as never))).toEqual([
      "params.label: is missing: the template's {{label}} needs a string",
      "components[0].componentText.text: is 10001 characters long; the limit is 10000",
    ]);
  });

  it("reads only own properties of params", () => {
    const inherited = Object.create({ fingerprint: "x", roleCount: 1, adminUrl: "https://a.b" });
    expect(problemsOf(() => apiKeyGenerated.render(inherited))).toEqual([
      "params: must be an object with a value for each parameter, got an object",
    ]);
    const nullProto = Object.assign(Object.create(null), values);
    expect(apiKeyGenerated.render(nullProto).components()).toHaveLength(3);
    const t = event("t").text(slot("constructorName"));
    expect(problemsOf(() => t.render({} as never))).toEqual([
      "params.constructorName: is missing: the template's {{constructorName}} needs a string",
    ]);
    // Names that Object.prototype also has: missing is missing, not a function to reject.
    const named = event("t").text(slot("toString")).badge(slot("valueOf"));
    expect(problemsOf(() => named.render({ valueOf: "v" } as never))).toEqual([
      "params.toString: is missing: the template's {{toString}} needs a string",
    ]);
    expect(named.render({ toString: "a", valueOf: "b" }).components()).toEqual([
      { componentText: { text: "a" } },
      { componentBadge: { badgeLabel: "b" } },
    ]);
  });

  it("checks a slot an untyped caller put into an option by that option's rule", () => {
    // The types allow slots only where strings go; plain JavaScript can still put one here.
    const sized = event("t").text("x", { size: slot("size") as never });
    expect(sized.render({ size: "L" }).components()).toEqual([
      { componentText: { text: "x", textSize: "L" } },
    ]);
    expect(problemsOf(() => sized.render({ size: "XL" }))).toEqual([
      'components[0].componentText.textSize: "XL" is not one of S, M, L',
    ]);
  });

  it("refuses slot names that reach Object.prototype, and malformed names", () => {
    expect(() => slot("__proto__")).toThrow(TypeError);
    expect(() => slot("constructor")).toThrow(TypeError);
    expect(() => slot("1x")).toThrow(TypeError);
    expect(() => slot("x", "int" as never)).toThrow(TypeError);
  });

  it("keeps a slot's most precise type and reports two different ones", () => {
    const t = event("t")
      .text(md`${slot("u")}`)
      .button("Open", slot.url("u"));
    expect(problemsOf(() => t.render({ u: "nope" }))).toEqual([
      'params.u: "nope" is not an absolute http(s) URL',
    ]);
    const clash = event("t")
      .text(md`${slot.number("u")}`)
      .button("Open", slot.url("u"));
    expect(problemsOf(() => clash.render({ u: "https://a.b" }))[0]).toMatch(
      /slot \{\{u\}\} is declared as url here and as number elsewhere/,
    );
  });

  it("leaves the template unchanged, and hands out components nobody else holds", () => {
    const rendered = apiKeyGenerated.render(values);
    expect(apiKeyGenerated.params).toEqual(["fingerprint", "roleCount", "adminUrl"]);
    const [, , button] = rendered.components();
    (
      button as { componentLinkButton: { linkButtonUrl: string } }
    ).componentLinkButton.linkButtonUrl = "https://changed.example";
    expect(JSON.stringify(rendered.components())).not.toContain("changed.example");
    expect(JSON.stringify(apiKeyGenerated.render(values).components())).not.toContain("changed");
    expect(Reflect.ownKeys(rendered)).toEqual([]);
    // Rendered builders keep building.
    expect(rendered.divider().components()).toHaveLength(4);
  });

  it("still refuses to compile a template that was not rendered, naming its slots", () => {
    expect(() => (apiKeyGenerated as never as { components(): unknown }).components()).toThrow(
      /open slots \("fingerprint", "roleCount", "adminUrl"\); call render\(\)/,
    );
    expect(() =>
      (apiKeyGenerated.forCustomer({ email: "a@b.co" }) as never as { build(): unknown }).build(),
    ).toThrow(/open slots/);
  });

  it("renders targeted events, cards and fragments", () => {
    const targeted = apiKeyGenerated.forCustomer({ email: "jane@acme.com" }).render(values).build();
    expect(targeted.operation).toBe("createCustomerEvent");
    expect(targeted.input.components).toHaveLength(3);

    const usage = card("usage")
      .ttl(60)
      .text(md`**${slot("seats")}** seats`);
    expect(usage.render({ seats: 42 }).build()).toEqual({
      key: "usage",
      timeToLiveSeconds: 60,
      components: [{ componentText: { text: "**42** seats" } }],
    });

    const footer = fragment().divider("M").button("Open", slot("url"));
    const added = event("t")
      .text("x")
      .add(footer.render({ url: "https://a.b" }));
    expect(added.components()).toHaveLength(3);
  });

  it("reports the template's own problems when rendering it", () => {
    const broken = event("t")
      .badge(slot("x"))
      .spacer("HUGE" as never);
    expect(problemsOf(() => broken.render({ x: "a" }))).toEqual([
      'components[1].componentSpacer.spacerSize: "HUGE" is not one of XS, S, M, L, XL',
    ]);
  });

  it("renders a template many times with different values", () => {
    for (let i = 0; i < 50; i++) {
      const c = apiKeyGenerated.render({ ...values, roleCount: i }).components();
      expect((c[0] as { componentText: { text: string } }).componentText.text).toContain(` ${i} `);
    }
  });
});
