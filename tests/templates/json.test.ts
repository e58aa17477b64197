import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { event, md, slot, str, ValidationError, type Slot } from "plain-events";
import { loadTemplate, toTemplateJSON, type TemplateDocument } from "plain-events/templates";

function problemsOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).problems.map((p) =>
      p.path === "" ? p.message : `${p.path}: ${p.message}`,
    );
  }
  throw new Error("expected a ValidationError");
}

const doc = (components: unknown[], extra: Record<string, unknown> = {}) => ({
  version: 1,
  title: "t",
  params: {},
  components,
  ...extra,
});

describe("toTemplateJSON()", () => {
  it("writes a versioned document with {{slots}}, declared params and escaped literal {{", () => {
    const t = event("API key generated")
      .text(md`Key **${slot("fingerprint", { description: "The key" })}** {{not a slot}}`)
      .button("View", slot.url("adminUrl"))
      .externalId(str`key-${slot("fingerprint")}`);
    expect(toTemplateJSON(t, { schema: false })).toEqual({
      version: 1,
      title: "API key generated",
      params: {
        fingerprint: { type: "string", description: "The key" },
        adminUrl: { type: "url" },
      },
      externalId: "key-{{fingerprint}}",
      components: [
        { componentText: { text: "Key **{{fingerprint}}** {{'{{'}}not a slot}}" } },
        { componentLinkButton: { linkButtonUrl: "{{adminUrl}}", linkButtonLabel: "View" } },
      ],
    });
    expect(toTemplateJSON(t).$schema).toBe(
      "https://unpkg.com/plain-events/schema/template.schema.json",
    );
  });

  it("refuses to write a template with problems", () => {
    expect(() => toTemplateJSON(event("t"))).toThrow(/components: must hold at least one/);
    expect(() => toTemplateJSON(event("t").button("x", "nope"))).toThrow(ValidationError);
  });
});

describe("loadTemplate()", () => {
  it("reads a document into a builder that renders", () => {
    const t = loadTemplate(
      doc([{ componentText: { text: "Hi **{{ name }}**, {{'{{'}}x}}" } }], {
        params: { name: { description: "Who" } },
        title: "Hello {{name}}",
        collapsed: true,
      }),
      { params: ["name"] },
    );
    expect(t.params).toEqual(["name"]);
    const request = t.render({ name: "_Jo_" }).forThread("th_1").build();
    expect(request.input).toEqual({
      threadId: "th_1",
      title: "Hello _Jo_",
      components: [{ componentText: { text: "Hi **\\_Jo\\_**, {{x}}" } }],
      isCollapsed: true,
    });
  });

  it("accepts JSON text and reports JSON syntax errors", () => {
    expect(loadTemplate(JSON.stringify(doc([{ componentDivider: {} }]))).params).toEqual([]);
    expect(problemsOf(() => loadTemplate("{nope"))[0]).toMatch(/^is not valid JSON/);
    expect(problemsOf(() => loadTemplate("[]"))).toEqual([
      "must be a template document object, got an array",
    ]);
  });

  it("reports every problem with its path", () => {
    const problems = problemsOf(() =>
      loadTemplate({
        version: 2,
        title: "",
        params: { used: { type: "url" }, unused: {}, bad: { type: "int", x: 1 } },
        components: [
          { componentChart: {} },
          { componentRow: { rowMainContent: [{ componentRow: {} }], rowAsideContent: [] } },
          { componentText: { text: "x".repeat(10_001) } },
          { componentLinkButton: { linkButtonUrl: "{{used}}", linkButtonLabel: "{{missing}}" } },
          { componentBadge: { badgeLabel: "{{ not a slot }}" } },
          { componentSpacer: { spacerSize: "{{used}}" } },
          null,
          [{ componentDivider: {} }],
          { componentLinkButton: { url: "https://a.b", label: "old" } },
        ],
        extra: true,
      }),
    );
    expect([...problems].sort()).toEqual(
      [
        "extra: is not part of a template document (expected $schema, version, title, description, params, externalId, timestamp, collapsed, components)",
        "version: must be 2 (the template format this version of plain-events reads), got 2".replace(
          "must be 2",
          "must be 1",
        ),
        "params.bad.x: is not part of a parameter (expected type, description)",
        'params.bad.type: "int" is not one of string, number, url, date-time',
        "params.unused: is declared but no string of the template uses {{unused}}",
        "title: must not be empty (title of 1–9007199254740991 characters)",
        "components[3].componentLinkButton.linkButtonLabel: uses {{missing}}, which params does not declare",
        'components[4].componentBadge.badgeLabel: has "{{" that opens no slot (near "{{ not a slot }}"); write {{name}} for a slot or {{\'{{\'}} for a literal "{{"',
        "components[0].componentChart: is not a Plain component",
        "components[1].componentRow.rowMainContent[0].componentRow: cannot stand inside a row",
        "components[1].componentRow.rowAsideContent: must hold at least one component",
        "components[2].componentText.text: is 10001 characters long; the limit is 10000",
        'components[5].componentSpacer.spacerSize: "{{used}}" is not one of XS, S, M, L, XL',
        "components[6]: must be a component object, got null",
        "components[7]: must be a component object, got an array",
        "components[8].componentLinkButton.url: is a deprecated alias; use linkButtonUrl instead",
        "components[8].componentLinkButton.label: is a deprecated alias; use linkButtonLabel instead",
        "components[8].componentLinkButton.linkButtonUrl: is required",
        "components[8].componentLinkButton.linkButtonLabel: is required",
      ].sort(),
    );
  });

  it("is safe against prototype pollution", () => {
    const hostile = JSON.parse(`{
      "version": 1, "title": "t",
      "params": { "__proto__": { "type": "string" }, "constructor": {} },
      "components": [
        { "__proto__": { "polluted": true } },
        { "componentText": { "text": "x", "__proto__": { "polluted": true } } },
        { "componentUser": { "userIdentifier": { "__proto__": { "polluted": true }, "userId": "u" } } }
      ]
    }`);
    const problems = problemsOf(() => loadTemplate(hostile));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^params\.__proto__: is not a parameter name/),
        expect.stringMatching(/^params\.constructor: is not a parameter name/),
        "components[0].__proto__: is not a Plain component",
        expect.stringMatching(/^components\[1\]\.componentText\.__proto__: /),
        expect.stringMatching(
          /^components\[2\]\.componentUser\.userIdentifier\.__proto__: is not a field/,
        ),
      ]),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("never evaluates anything: expressions are malformed slots", () => {
    for (const text of [
      "{{ 1 + 1 }}",
      "{{process.exit()}}",
      "{{constructor.constructor}}",
      "{{a|upper}}",
    ]) {
      const problems = problemsOf(() =>
        loadTemplate(doc([{ componentText: { text } }], { params: { a: {} } })),
      );
      expect(problems.join("\n")).toMatch(/opens no slot|is not a slot/);
    }
  });

  it("checks the params the code expects", () => {
    const json = doc([{ componentText: { text: "{{a}}" } }], { params: { a: {} } });
    expect(problemsOf(() => loadTemplate(json, { params: ["a", "b"] }))).toEqual([
      "params: declares a; the code expects a, b",
    ]);
  });

  it("checks declared types when rendering", () => {
    const t = loadTemplate(
      doc([{ componentText: { text: "{{n}} at {{at}}" } }], {
        params: { n: { type: "number" }, at: { type: "date-time" } },
      }),
    );
    expect(problemsOf(() => t.render({ n: "1", at: "now" }))).toEqual([
      'params.n: must be a finite number, got "1"',
      'params.at: "now" is not an ISO 8601 date-time with an offset (e.g. 2024-10-28T18:30:00Z)',
    ]);
    expect(t.render({ n: 2, at: "2024-10-28T18:30:00Z" }).components()).toEqual([
      { componentText: { text: "2 at 2024-10-28T18:30:00Z" } },
    ]);
  });
});

// ---- Round trip: builder → JSON → builder → JSON is exact. ----

const names = fc.constantFrom("a", "b", "fingerprint", "_x", "n2");
const slots: fc.Arbitrary<Slot> = fc
  .tuple(names, fc.option(fc.constantFrom("a note", "{{tricky}} note"), { nil: undefined }))
  .map(([n, d]) => slot(n, d === undefined ? undefined : { description: d }));
// Literal text that likes braces, so that the {{ escape is exercised.
const literal = fc
  .array(fc.constantFrom("{", "}", "{{", "}}", "'", "x", " ", "*", "é", "{{'{{'}}", "\\"), {
    minLength: 1,
    maxLength: 8,
  })
  .map((parts) => parts.join(""))
  .filter((s) => s.trim().length > 0);
const pieces = fc.array(fc.oneof(literal, slots), { minLength: 1, maxLength: 4 });
const withSlots = pieces.map((ps) => {
  const strings = ps.filter((p): p is string => typeof p === "string");
  return strings.length === ps.length ? strings.join("") : str(tag(ps), ...ps.filter(isSlot));
});
const markdown = pieces.map((ps) => md(tag(ps), ...ps.filter(isSlot)));

function isSlot(p: string | Slot): p is Slot {
  return typeof p !== "string";
}
/** A TemplateStringsArray for literal pieces between slots. */
function tag(ps: readonly (string | Slot)[]): TemplateStringsArray {
  const strings: string[] = [""];
  for (const p of ps) {
    if (typeof p === "string") strings[strings.length - 1] += p;
    else strings.push("");
  }
  return Object.assign(strings, { raw: strings }) as unknown as TemplateStringsArray;
}

// The chains below are generated, so the builder is used untyped here; types.test-d.ts covers types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
type Step = (b: Any) => Any;
const url = fc.oneof(fc.constant(slot.url("u")), fc.constant("https://example.com/{{x}}"));
const step: fc.Arbitrary<Step> = fc.oneof(
  markdown.map((m) => (b: Any) => b.text(m)),
  withSlots.map((v) => (b: Any) => b.plainText(v)),
  withSlots.map((v) => (b: Any) => b.badge(v, "BLUE")),
  fc.tuple(withSlots, url).map(
    ([l, u]) =>
      (b: Any) =>
        b.button(l, u),
  ),
  fc.tuple(withSlots, withSlots).map(
    ([v, t]) =>
      (b: Any) =>
        b.copyButton(v, t),
  ),
  withSlots.map((v) => (b: Any) => b.workflowButton("Run", { workflowKey: v })),
  fc.constant((b: Any) => b.dateTime(slot.dateTime("when"))),
  withSlots.map((v) => (b: Any) => b.user({ userId: v })),
  fc.constant((b: Any) => b.spacer("L")),
  fc.tuple(markdown, withSlots).map(
    ([m, v]) =>
      (b: Any) =>
        b.row(
          (main: Any) => main.text(m),
          (aside: Any) => aside.plainText(v),
        ),
  ),
  withSlots.map((v) => (b: Any) => b.container((c: Any) => c.badge(v).divider())),
);

describe("round trip", () => {
  it("builder → JSON → builder → JSON is exact, and both render the same", () => {
    fc.assert(
      fc.property(
        withSlots,
        fc.array(step, { minLength: 1, maxLength: 6 }),
        fc.option(withSlots, { nil: undefined }),
        fc.boolean(),
        (title, steps, externalId, collapsed) => {
          let b = event(title as never) as unknown as Any;
          for (const s of steps) b = s(b);
          if (externalId !== undefined) b = b.externalId(externalId);
          if (collapsed) b = b.collapsed();
          const types = new Map<string, string>();
          let json: TemplateDocument;
          try {
            json = toTemplateJSON(b);
          } catch (error) {
            // Only a slot used with two different types may fail, and it must say so.
            expect(String(error)).toMatch(/is declared as/);
            return;
          }
          const text = JSON.stringify(json);
          const loaded = loadTemplate(JSON.parse(text));
          expect(JSON.stringify(toTemplateJSON(loaded))).toBe(text);
          expect(loaded.params).toEqual(b.params);

          const values: Record<string, string> = {};
          for (const [name, decl] of Object.entries(json.params)) {
            types.set(name, decl.type ?? "string");
            values[name] =
              decl.type === "url"
                ? "https://example.com/x"
                : decl.type === "date-time"
                  ? "2024-10-28T18:30:00Z"
                  : "v*{{";
          }
          const render = (t: Any) => {
            try {
              return JSON.stringify(t.render(values).forThread("th_1").build());
            } catch (error) {
              return String(error);
            }
          };
          expect(render(loaded)).toBe(render(b));
        },
      ),
      { numRuns: 300 },
    );
  });
});
