import { describe, expect, it } from "vitest";
import { event, fragment } from "plain-events";

describe("immutability", () => {
  it("returns a new builder from every call, with no state a caller can reach", () => {
    const base = event("Deploy");
    const next = base.text("hello");
    expect(next).not.toBe(base);
    // State lives in private (#) fields: no own property to change, delete or redefine.
    for (const builder of [base, next, next.forThread("th_1"), fragment().divider()]) {
      expect(Reflect.ownKeys(builder)).toEqual([]);
    }
    // Writing onto a builder only adds own properties; the state it builds from is untouched.
    const sneaky = next as unknown as Record<string, unknown>;
    sneaky._list = undefined;
    sneaky._meta = { title: { value: "Changed" } };
    delete sneaky.title;
    const request = next.forThread("th_1").build();
    expect(request.input.title).toBe("Deploy");
    expect(request.input.components).toEqual([{ componentText: { text: "hello" } }]);
  });

  it("never changes the base when it is branched into variants", () => {
    const base = event("Deploy").text("Started");
    const ok = base.badge("Succeeded", "GREEN");
    const failed = base.badge("Failed", "RED").text("See the logs");
    expect(base.components()).toEqual([{ componentText: { text: "Started" } }]);
    expect(ok.components()).toEqual([
      { componentText: { text: "Started" } },
      { componentBadge: { badgeLabel: "Succeeded", badgeColor: "GREEN" } },
    ]);
    expect(failed.components()).toHaveLength(3);
    // Options too: setting an externalId on a branch leaves the base alone.
    const targeted = base.forThread("th_1");
    expect(targeted.externalId("a").build().input.externalId).toBe("a");
    expect(targeted.build().input).not.toHaveProperty("externalId");
  });

  // Builders share components between variants; what they hand out must be the caller's own.
  it("hands out new components each time, so changing the output changes no builder", () => {
    const base = event("x")
      .text("a")
      .row(
        (m) => m.text("m"),
        (a) => a.text("a"),
      );
    const variant = base.spacer("M");
    const first = base.components();
    first.push({ componentSpacer: { spacerSize: "M" } });
    (first[0] as { componentText: { text: string } }).componentText.text = "changed";
    const row = first[1] as {
      componentRow: { rowMainContent: { componentText: { text: string } }[] };
    };
    (row.componentRow.rowMainContent[0] as { componentText: { text: string } }).componentText.text =
      "changed";
    row.componentRow.rowMainContent.push({ componentText: { text: "extra" } });
    for (const b of [base, variant]) {
      expect(JSON.stringify(b.components())).not.toMatch(/changed|extra/);
    }
    expect(base.components()).toHaveLength(2);
  });

  it("shares no child object of a row or container with the fragments they were built from", () => {
    const shared = fragment().text("s").badge("b");
    const base = event("x").row(shared, shared).container(shared);
    const [row, container] = base.components() as unknown as [
      { componentRow: { rowMainContent: { componentText: { text: string } }[] } },
      { componentContainer: { containerContent: { componentText: { text: string } }[] } },
    ];
    row.componentRow.rowMainContent[0]!.componentText.text = "changed";
    container.componentContainer.containerContent[0]!.componentText.text = "changed";
    expect(JSON.stringify(shared.components())).not.toContain("changed");
    expect(JSON.stringify(base.components())).not.toContain("changed");
  });

  it("hands out a new request each build, so changing it changes no builder", () => {
    const targeted = event("x").text("a").forThread("th_1");
    const request = targeted.build();
    (request.input as { title: string }).title = "changed";
    (request.input.components[0] as { componentText: { text: string } }).componentText.text =
      "changed";
    expect(JSON.stringify(targeted.build())).not.toContain("changed");
  });

  it("compiles a chain of 10,000 calls in order, without overflowing the stack", () => {
    let b = event("Long");
    for (let i = 0; i < 10_000; i++) b = b.plainText(`line ${i}`);
    const components = b.components();
    expect(components).toHaveLength(10_000);
    expect(components[0]).toEqual({ componentPlainText: { plainText: "line 0" } });
    expect(components[9_999]).toEqual({ componentPlainText: { plainText: "line 9999" } });
  });

  it("splices a fragment without copying it, and keeps order across many fragments", () => {
    const piece = fragment().text("a").spacer("S");
    let b = event("Many");
    for (let i = 0; i < 1_000; i++) b = b.add(piece).plainText(String(i));
    const components = b.components();
    expect(components).toHaveLength(3_000);
    expect(components[2]).toEqual({ componentPlainText: { plainText: "0" } });
    expect(components[2_999]).toEqual({ componentPlainText: { plainText: "999" } });
  });
});

describe("event options and targets", () => {
  const base = event("API key generated").text("x");

  it("builds a thread event with options in a fixed key order, omitting what is not set", () => {
    const request = base
      .collapsed()
      .timestamp(new Date("2024-10-28T18:30:00Z"))
      .externalId("ext-1")
      .forThread("th_01")
      .build();
    expect(request.operation).toBe("createThreadEvent");
    expect(Object.keys(request.input)).toEqual([
      "threadId",
      "title",
      "components",
      "externalId",
      "timestamp",
      "isCollapsed",
    ]);
    expect(request.input.timestamp).toBe("2024-10-28T18:30:00.000Z");
    expect(request.input.isCollapsed).toBe(true);
    expect(JSON.stringify(base.forThread("th_01").build())).not.toContain("null");
  });

  it("sends isCollapsed: false only when it was set explicitly", () => {
    expect(base.collapsed(false).forThread("t").build().input.isCollapsed).toBe(false);
    expect(base.forThread("t").build().input).not.toHaveProperty("isCollapsed");
  });

  it.each([
    [{ email: "jane@acme.com" }, { emailAddress: "jane@acme.com" }],
    [{ emailAddress: "jane@acme.com" }, { emailAddress: "jane@acme.com" }],
    [{ externalId: "cus_42" }, { externalId: "cus_42" }],
    [{ customerId: "c_01" }, { customerId: "c_01" }],
  ] as const)("targets a customer by %j", (identifier, expected) => {
    const request = base.forCustomer(identifier).build();
    expect(request.operation).toBe("createCustomerEvent");
    expect(request.input).toMatchObject({ customerIdentifier: expected });
  });

  it("can set options after targeting, and retarget", () => {
    const targeted = base.forCustomer({ email: "a@b.co" }).externalId("e1");
    const retargeted = targeted.forThread("th_9");
    expect(retargeted.build().operation).toBe("createThreadEvent");
    expect(targeted.build().input.externalId).toBe("e1");
    expect(targeted.title).toBe("API key generated");
  });
});
