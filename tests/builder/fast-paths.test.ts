/**
 * The builder's fast paths must give exactly what the general rules give: same values, same
 * problems, same paths.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { event, md, ValidationError } from "plain-events";
import { toEmailAddressKey, type Problem } from "../../src/components/index.js";
import { customerIdentifier } from "../../src/builder/request.js";

/** What the general rule makes of an identifier: its value, or its problems. */
function general(customer: unknown): { value?: unknown; problems?: string[] } {
  const out: Problem[] = [];
  const value = customerIdentifier(toEmailAddressKey(customer), "customerIdentifier", out);
  return out.length === 0 ? { value } : { problems: out.map((p) => `${p.path}: ${p.message}`) };
}

function viaBuilder(customer: unknown): { value?: unknown; problems?: string[] } {
  const targeted = event("x")
    .text("y")
    .forCustomer(customer as never);
  try {
    return {
      value: (targeted.build().input as { customerIdentifier?: unknown }).customerIdentifier,
    };
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return { problems: (error as ValidationError).problems.map((p) => `${p.path}: ${p.message}`) };
  }
}

describe("forCustomer's fast path", () => {
  const nonEnumerable = (extra: string) => {
    const o: Record<string, unknown> = { email: "jane@acme.com" };
    Object.defineProperty(o, extra, { value: "x", enumerable: false });
    return o;
  };
  const nullProto = Object.assign(Object.create(null) as object, { email: "jane@acme.com" });

  it.each([
    { email: "jane@acme.com" },
    { emailAddress: "jane@acme.com" },
    { externalId: "ext_1" },
    { customerId: "c_1" },
    { email: "nope" },
    { emailAddress: "a b@c" },
    { externalId: "  " },
    { customerId: "" },
    { customerId: 42 },
    { email: "jane@acme.com", emailAddress: "jane@acme.com" },
    { email: "jane@acme.com", externalId: "x" },
    { userId: "u_1" },
    {},
    nullProto,
    nonEnumerable("externalId"),
    nonEnumerable("emailAddress"),
    nonEnumerable("other"),
    "jane@acme.com",
    null,
  ])("agrees with the general rule for %o", (customer) => {
    expect(viaBuilder(customer)).toStrictEqual(general(customer));
  });

  it("agrees with the general rule on arbitrary identifiers", () => {
    const key = fc.constantFrom("email", "emailAddress", "externalId", "customerId", "other");
    const value = fc.oneof(fc.string(), fc.emailAddress(), fc.integer(), fc.constant(undefined));
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 3 }), (customer) => {
        expect(viaBuilder(customer)).toStrictEqual(general(customer));
      }),
      { numRuns: 1_000 },
    );
  });

  // Before this test, every build of one targeted event shared its identifier object.
  it("hands out an identifier the caller owns", () => {
    const targeted = event("x").text("y").forCustomer({ email: "jane@acme.com" });
    const a = targeted.build();
    const identifier = (request: typeof a) =>
      (request.input as { customerIdentifier: { emailAddress: string } }).customerIdentifier;
    identifier(a).emailAddress = "changed@acme.com";
    expect(identifier(targeted.build())).toStrictEqual({
      emailAddress: "jane@acme.com",
    });
  });
});

describe("Markdown fast path", () => {
  it("gives the same text as joining the parts", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer(), (a, b) => {
        const m = md`**${a}** and ${b}`;
        expect(m.toString()).toBe(m.parts.join(""));
        expect(event("x").text(m).components()).toStrictEqual([
          { componentText: { text: m.parts.join("") } },
        ]);
      }),
    );
  });
});
