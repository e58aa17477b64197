import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkConformance, projectSamples } from "../../scripts/conformance.js";
import { PLAIN_SUBSET_SDL } from "../../src/testing/schema.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const PLAIN_SCHEMA = fileURLToPath(
  new URL("../../../shared/plain-api/schema.graphql", import.meta.url),
);

function broken(...edits: [from: string, to: string][]): string {
  let sdl = PLAIN_SUBSET_SDL;
  for (const [from, to] of edits) {
    // Whitespace-insensitive, since the SDL's layout is Prettier's.
    const pattern = new RegExp(
      from
        .trim()
        .split(/\s+/)
        .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
        .join("\\s+"),
    );
    if (!pattern.test(sdl)) throw new Error(`test edit not found: ${from}`);
    sdl = sdl.replace(pattern, to);
  }
  return sdl;
}

describe("conformance", () => {
  it("our own SDL, documents and samples agree with themselves", async () => {
    const { samples } = await projectSamples(root);
    const report = checkConformance(PLAIN_SUBSET_SDL, { samples });
    expect(report.problems).toEqual([]);
    expect(report.checked).toContain("the test server's SDL is a subset of the schema");
  });

  it.runIf(existsSync(PLAIN_SCHEMA))("passes against Plain's schema", async () => {
    const { samples } = await projectSamples(root);
    const report = checkConformance(readFileSync(PLAIN_SCHEMA, "utf8"), { samples });
    expect(report.problems).toEqual([]);
    expect(report.checked.length).toBeGreaterThanOrEqual(samples.length + 3);
  });

  it("names every mismatch in a broken schema", () => {
    const schema = broken(
      ["  customerId: ID!\n  title: String!", "  customerId: ID!\n  title: String"],
      ["enum ComponentBadgeColor {\n  GREY", "enum ComponentBadgeColor {\n  PINK\n  GREY"],
      ["  linkButtonLabel: String\n", "  linkButtonText: String\n"],
      ["input CreateThreadEventInput {\n", "input CreateThreadEventInput {\n  source: String!\n"],
      [
        '  color: ComponentTextColor @deprecated(reason: "use textColor instead")',
        "  color: ComponentTextColor",
      ],
    );
    const report = checkConformance(schema, {
      samples: [
        { name: "bad", value: [{ componentBadge: { badgeLabel: "x", badgeColor: "PURPLE" } }] },
        { name: "odd", value: { hello: 1 } },
      ],
    });
    expect(report.problems).toEqual(
      expect.arrayContaining([
        "SDL CustomerEvent.title: String! here, String in the schema",
        "SDL ComponentBadgeColor: lacks enum values PINK",
        "SDL ComponentLinkButtonInput.linkButtonLabel: not in the schema",
        "SDL CreateThreadEventInput: lacks the required field source: String!",
        "SDL ComponentTextInput.color: deprecated here only",
        expect.stringMatching(
          /^bad: \[0\]\[componentBadge\]\[badgeColor\] Value "PURPLE" does not exist/,
        ),
      ]),
    );
    expect(report.notes).toEqual(["odd: skipped (neither a request, a component list nor cards)"]);
  });

  it("reports documents that do not validate and requests that do not coerce", () => {
    const schema = broken([
      "  threadId: ID!\n  title: String!\n  createdAt",
      "  title: String!\n  createdAt",
    ]);
    const report = checkConformance(schema, {
      samples: [
        {
          name: "req",
          value: {
            operation: "createThreadEvent",
            input: { threadId: "t", title: 3, components: [] },
          },
        },
      ],
    });
    expect(report.problems).toEqual(
      expect.arrayContaining([
        'document createThreadEvent: Cannot query field "threadId" on type "ThreadEvent".',
        expect.stringMatching(/^req: Variable "\$input" got invalid value 3 at "input.title"/),
      ]),
    );
  });

  it("reports a schema that cannot be built", () => {
    expect(checkConformance("type {").problems[0]).toMatch(/^schema: cannot be built/);
  });
});
