import { describe, expect, it } from "vitest";
import {
  ALLOWED,
  LEAF_KEYS,
  normalizeComponent,
  type Place,
  type Problem,
} from "../../src/components/index.js";
import { CHILD_FIELDS, SLOT_FIELDS } from "../../src/templates/json.js";

/** A minimal valid example of every component, and its required fields. */
const EXAMPLES: Record<string, { body: Record<string, unknown>; required: string[] }> = {
  componentText: { body: { text: "x", textSize: "S", textColor: "MUTED" }, required: ["text"] },
  componentPlainText: {
    body: { plainText: "x", plainTextSize: "L", plainTextColor: "ERROR" },
    required: ["plainText"],
  },
  componentDivider: { body: { dividerSpacingSize: "XL" }, required: [] },
  componentLinkButton: {
    body: { linkButtonUrl: "https://x.io", linkButtonLabel: "Open" },
    required: ["linkButtonUrl", "linkButtonLabel"],
  },
  componentWorkflowButton: {
    body: { workflowButtonWorkflowIdentifier: { workflowId: "wf_1" }, workflowButtonLabel: "Run" },
    required: ["workflowButtonWorkflowIdentifier", "workflowButtonLabel"],
  },
  componentSpacer: { body: { spacerSize: "XS" }, required: ["spacerSize"] },
  componentBadge: { body: { badgeLabel: "New", badgeColor: "YELLOW" }, required: ["badgeLabel"] },
  componentCopyButton: {
    body: { copyButtonValue: "v", copyButtonTooltipLabel: "Copy" },
    required: ["copyButtonValue"],
  },
  componentDateTime: {
    body: { dateTimeIso8601: "2024-10-28T18:30:00Z" },
    required: ["dateTimeIso8601"],
  },
  componentUser: {
    body: { userIdentifier: { machineUserId: "mu_1" } },
    required: ["userIdentifier"],
  },
  componentRow: {
    body: {
      rowMainContent: [{ componentText: { text: "a" } }],
      rowAsideContent: [{ componentText: { text: "b" } }],
    },
    required: ["rowMainContent", "rowAsideContent"],
  },
  componentContainer: {
    body: { containerContent: [{ componentText: { text: "a" } }] },
    required: ["containerContent"],
  },
};

function check(raw: unknown, place: Place = "event") {
  const out: Problem[] = [];
  const component = normalizeComponent(raw, place, "c", out);
  return { component, out };
}

describe("every component", () => {
  it("has an example here", () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...ALLOWED.event].sort());
  });

  // Data-driven: the same checks, generated for each component.
  describe.each(Object.entries(EXAMPLES))("%s", (key, { body, required }) => {
    it("accepts a valid example and returns it unchanged in value", () => {
      const { component, out } = check({ [key]: body });
      expect(out).toEqual([]);
      expect(component).toEqual({ [key]: body });
    });

    it.each(required)("requires %s", (field) => {
      const { [field]: _omitted, ...rest } = body;
      const { out } = check({ [key]: rest });
      expect(out).toContainEqual({ path: `c.${key}.${field}`, message: "is required" });
    });

    it("rejects unknown fields by name", () => {
      const { out } = check({ [key]: { ...body, bogus: 1 } });
      expect(out).toHaveLength(1);
      expect(out[0]?.path).toBe(`c.${key}.bogus`);
    });

    it("rejects a body that is not an object", () => {
      const { out } = check({ [key]: "nope" });
      expect(out[0]?.path).toBe(`c.${key}`);
    });

    it("outputs its fields in a fixed order whatever the input order", () => {
      const reversed = Object.fromEntries(Object.entries(body).reverse());
      const { component } = check({ [key]: reversed });
      expect(JSON.stringify(component)).toBe(JSON.stringify({ [key]: body }));
    });
  });
});

describe("nesting table", () => {
  const leaf = { componentText: { text: "x" } };
  const row = { componentRow: EXAMPLES.componentRow?.body };
  const container = { componentContainer: EXAMPLES.componentContainer?.body };

  it.each([
    ["event", leaf, true],
    ["event", row, true],
    ["event", container, true],
    ["card", container, true],
    ["container", row, true],
    ["container", container, false],
    ["row", leaf, true],
    ["row", row, false],
    ["row", container, false],
  ] as const)("in %s: %j allowed = %s", (place, component, allowed) => {
    const { out } = check(component, place);
    expect(out.length === 0).toBe(allowed);
  });

  it("lists the ten leaf components", () => {
    expect(LEAF_KEYS).toHaveLength(10);
  });
});

describe("deprecated aliases", () => {
  it.each([
    ["componentText", { text: "x", color: "MUTED" }, "color", "textColor"],
    ["componentText", { text: "x", size: "S" }, "size", "textSize"],
    ["componentLinkButton", { url: "https://x.io", label: "x" }, "url", "linkButtonUrl"],
    ["componentDivider", { spacingSize: "S" }, "spacingSize", "dividerSpacingSize"],
    ["componentSpacer", { size: "S" }, "size", "spacerSize"],
  ])("%s.%s is refused with the field to use", (key, body, alias, instead) => {
    const { out } = check({ [key]: body });
    expect(out).toContainEqual({
      path: `c.${key}.${alias}`,
      message: `is a deprecated alias; use ${instead} instead`,
    });
  });
});

describe("fields read off the components' rules", () => {
  // Templates put slots only in free-string fields; enums stay as written. The lists come from
  // each component's own rules, so a new component needs no extra line anywhere.
  it("finds every free-string field, and no enum", () => {
    expect([...SLOT_FIELDS].sort()).toEqual(
      [
        "text",
        "plainText",
        "linkButtonUrl",
        "linkButtonLabel",
        "copyButtonValue",
        "copyButtonTooltipLabel",
        "badgeLabel",
        "workflowButtonLabel",
        "workflowId",
        "workflowKey",
        "dateTimeIso8601",
        "userId",
        "emailAddress",
        "machineUserId",
      ].sort(),
    );
    for (const field of ["textSize", "spacerSize", "badgeColor", "dividerSpacingSize"]) {
      expect(SLOT_FIELDS.has(field)).toBe(false);
    }
  });

  it("finds the child lists", () => {
    expect([...CHILD_FIELDS].sort()).toEqual([
      "containerContent",
      "rowAsideContent",
      "rowMainContent",
    ]);
  });
});
