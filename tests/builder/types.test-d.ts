import type {
  ComponentInput as PlainComponentInput,
  CreateCustomerEventInput as PlainCreateCustomerEventInput,
  CreateThreadEventInput as PlainCreateThreadEventInput,
  EventComponentInput as PlainEventComponentInput,
} from "@team-plain/graphql";
import { describe, expectTypeOf, it } from "vitest";
import { memoryTransport } from "plain-events/testing";
import {
  card,
  event,
  fragment,
  slot,
  type CardResponseEntry,
  type ContainerContent,
  type CustomerEventRequest,
  type EventBuilder,
  type EventRequest,
  type Fragment,
  type RowContent,
  type ThreadEventRequest,
} from "plain-events";

describe("nesting rules in the types", () => {
  it("offers no row and no container inside a row", () => {
    expectTypeOf<RowContent>().not.toHaveProperty("row");
    expectTypeOf<RowContent>().not.toHaveProperty("container");
    expectTypeOf<RowContent>().toHaveProperty("text");
    const side = (x: RowContent) => x.text("a");
    // @ts-expect-error a row's content offers no row
    event("t").row((m) => m.row(side, side), side);
    event("t").row(
      // @ts-expect-error a row's content offers no container
      (m) => m.container((c) => c.text("a")),
      (a) => a.text("x"),
    );
  });

  it("offers rows but no container inside a container", () => {
    expectTypeOf<ContainerContent>().toHaveProperty("row");
    expectTypeOf<ContainerContent>().not.toHaveProperty("container");
    event("t").container((c) =>
      c.row(
        (m) => m.text("a"),
        (a) => a.text("b"),
      ),
    );
    // @ts-expect-error a container offers no container
    event("t").container((c) => c.container((d) => d.text("a")));
  });

  it("lets events and cards hold both", () => {
    expectTypeOf<EventBuilder>().toHaveProperty("row");
    expectTypeOf<EventBuilder>().toHaveProperty("container");
    card("k")
      .container((c) => c.text("a"))
      .row(
        (m) => m.text("a"),
        (a) => a.text("b"),
      );
  });

  it("remembers which kinds a fragment holds, and checks them where it is added", () => {
    const leaves = fragment().text("a").badge("b");
    const withRow = fragment().row(
      (m) => m.text("a"),
      (a) => a.text("b"),
    );
    const withContainer = fragment().container((c) => c.text("a"));
    expectTypeOf(leaves).toEqualTypeOf<Fragment<"componentText" | "componentBadge">>();

    event("t").row(
      (m) => m.add(leaves),
      (a) => a.add(leaves),
    );
    event("t").container((c) => c.add(leaves, withRow));
    event("t").add(leaves, withRow, withContainer);

    const aside = (a: RowContent) => a.text("x");
    // @ts-expect-error a fragment with a row cannot go into a row
    event("t").row((m) => m.add(withRow), aside);
    // @ts-expect-error a fragment with a container cannot go into a container
    event("t").container((c) => c.add(withContainer));
    // @ts-expect-error nor into a row, even nested in an array
    event("t").row((m) => m.add([leaves, [withContainer]]), aside);
  });

  it("types raw JSON by place", () => {
    event("t").add({ componentText: { text: "x" } });
    event("t").row(
      (m) => m.add({ componentBadge: { badgeLabel: "x" } }),
      (a) => a.text("y"),
    );
    event("t").row(
      // @ts-expect-error raw rows cannot go into a row
      (m) => m.add({ componentRow: { rowMainContent: [], rowAsideContent: [] } }),
      (a) => a.text("y"),
    );
    // Deprecated aliases and two keys in one object are refused at run time (see
    // composition.test.ts): `.add()` infers its arguments' types to collect slots and kinds,
    // and TypeScript does not check excess properties on inferred type arguments.
  });
});

describe("arguments", () => {
  it("checks enums and identifiers", () => {
    // @ts-expect-error not a spacer size
    event("t").spacer("XXL");
    // @ts-expect-error not a badge colour
    event("t").badge("x", "PURPLE");
    // @ts-expect-error exactly one user identifier
    event("t").user({ userId: "u", email: "a@b.co" });
    // @ts-expect-error exactly one workflow identifier
    event("t").workflowButton("Run", { workflowId: "a", workflowKey: "b" });
    // @ts-expect-error exactly one customer identifier
    event("t").forCustomer({ email: "a@b.co", customerId: "c" });
    event("t").dateTime(new Date()).dateTime("2024-10-28T18:30:00Z");
  });

  it("refuses to hand a template that was not rendered to a transport", () => {
    const template = event("t").button("Open", slot("url")).forCustomer({ email: "a@b.co" });
    // @ts-expect-error open slots: render() first
    void memoryTransport().send(template);
    void memoryTransport().send(template.render({ url: "https://x.io" }));
    void memoryTransport().send(event("t").text("x").forThread("th_1"));
  });

  it("needs a target before build()", () => {
    expectTypeOf<EventBuilder>().not.toHaveProperty("build");
    expectTypeOf(event("t").text("x").forThread("th").build()).toEqualTypeOf<EventRequest>();
  });

  it("narrows when() to the present value", () => {
    const user = null as { email: string } | null | undefined;
    event("t").when(user, (b, u) => {
      expectTypeOf(u).toEqualTypeOf<{ email: string }>();
      return b.user({ email: u.email });
    });
  });
});

describe("compatibility with Plain's official types (@team-plain/graphql)", () => {
  // Plain assignments, not matchers: this is exactly what a user passing our output to Plain's
  // own SDK needs to compile.
  it("compiles to Plain's EventComponentInput and ComponentInput", () => {
    const components = event("t").text("x").components();
    const asEvent: PlainEventComponentInput[] = components;
    const asGeneric: PlainComponentInput[] = card("k").text("x").components();
    const entry: CardResponseEntry = card("k").text("x").build();
    const cardComponents: PlainComponentInput[] | null = entry.components;
    expectTypeOf(asEvent).not.toBeAny();
    expectTypeOf(asGeneric).not.toBeAny();
    expectTypeOf(cardComponents).not.toBeAny();
  });

  it("builds inputs assignable to CreateCustomerEventInput and CreateThreadEventInput", () => {
    const request = event("t").text("x").forCustomer({ email: "a@b.co" }).build();
    if (request.operation === "createCustomerEvent") {
      const input: PlainCreateCustomerEventInput = request.input;
      expectTypeOf(input).not.toBeAny();
    } else {
      const input: PlainCreateThreadEventInput = request.input;
      expectTypeOf(input).not.toBeAny();
    }
    expectTypeOf<CustomerEventRequest["input"]>().toExtend<PlainCreateCustomerEventInput>();
    expectTypeOf<ThreadEventRequest["input"]>().toExtend<PlainCreateThreadEventInput>();
  });
});
