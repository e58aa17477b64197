import { describe, expect, it } from "vitest";
import { event, ValidationError, type Problem } from "plain-events";

/** Runs `fn`, expects a ValidationError, and returns its problems. */
function problemsOf(fn: () => unknown): readonly Problem[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).problems;
  }
  throw new Error("expected a ValidationError, but nothing was thrown");
}

const any = (value: unknown) => value as never;

describe("validation", () => {
  it("lists every problem with its path, names the title, and points at the caller's line", () => {
    let error: ValidationError | undefined;
    try {
      event("API key generated")
        .text("ok")
        .spacer("M")
        .button("View in admin", "javascript:alert(1)")
        .badge("x".repeat(501))
        .row(
          (m) => m.text("main"),
          (a) => a,
        )
        .components();
    } catch (e) {
      error = e as ValidationError;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(error?.problems.map((p) => p.path)).toEqual([
      "components[2].componentLinkButton.linkButtonUrl",
      "components[3].componentBadge.badgeLabel",
      "components[4].componentRow.rowAsideContent",
    ]);
    expect(error?.message).toContain('Invalid event "API key generated" (3 problems)');
    expect(error?.message).toContain('"javascript:alert(1)" is not an absolute http(s) URL');
    expect(error?.message).toContain("is 501 characters long; the limit is 500");
    expect(error?.message).toContain("must hold at least one component");
    expect(error?.problems[0]?.site).toMatch(/tests\/builder\/validation\.test\.ts:\d+:\d+$/);
  });

  it("keeps each call's problems to its own component, and none after a call that had some", () => {
    const base = event("t").text("ok");
    const broken = base.badge("").button("", "ftp://x");
    expect(broken.problems().map((p) => p.path)).toEqual([
      "components[1].componentBadge.badgeLabel",
      "components[2].componentLinkButton.linkButtonUrl",
      "components[2].componentLinkButton.linkButtonLabel",
    ]);
    expect(base.badge("fine").problems()).toEqual([]);
    expect(broken.text("after").problems()).toHaveLength(3);
  });

  it.each([
    ["text", (v: string) => event("t").text(v), 10_000, "componentText.text"],
    ["plainText", (v: string) => event("t").plainText(v), 10_000, "componentPlainText.plainText"],
    [
      "button label",
      (v: string) => event("t").button(v, "https://x.io"),
      500,
      "componentLinkButton.linkButtonLabel",
    ],
    ["badge", (v: string) => event("t").badge(v), 500, "componentBadge.badgeLabel"],
    [
      "copy value",
      (v: string) => event("t").copyButton(v),
      1_000,
      "componentCopyButton.copyButtonValue",
    ],
    [
      "tooltip",
      (v: string) => event("t").copyButton("v", v),
      500,
      "componentCopyButton.copyButtonTooltipLabel",
    ],
    [
      "workflow label",
      (v: string) => event("t").workflowButton(v, { workflowId: "wf_1" }),
      500,
      "componentWorkflowButton.workflowButtonLabel",
    ],
  ] as const)("enforces the %s limit at exactly %#", (_name, make, max, field) => {
    expect(make("a".repeat(max)).problems()).toEqual([]);
    const over = make("a".repeat(max + 1)).problems();
    expect(over).toHaveLength(1);
    expect(over[0]?.path).toBe(`components[0].${field}`);
    expect(over[0]?.message).toBe(`is ${max + 1} characters long; the limit is ${max}`);
    expect(make("").problems()[0]?.message).toMatch(/must not be empty/);
  });

  it.each([
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/relative/path",
    "admin.your-app.com",
    "https://",
    "http:// spaces.com",
    "java\tscript:alert(1)",
    "ftp://files.example.com",
    "not a url",
    "",
  ])("rejects the URL %j", (url) => {
    const [problem] = event("t").button("Open", url).problems();
    expect(problem?.path).toBe("components[0].componentLinkButton.linkButtonUrl");
  });

  it.each(["https://admin.your-app.com", "http://localhost:3000/x?y=1#z", "HTTPS://EXAMPLE.COM"])(
    "accepts the URL %j",
    (url) => {
      expect(event("t").button("Open", url).problems()).toEqual([]);
    },
  );

  it("checks enums with the allowed values in the message", () => {
    const problems = event("t")
      .text("x", { size: any("XL"), color: any("PINK") })
      .spacer(any("XXL"))
      .divider(any("huge"))
      .badge("b", any("PURPLE"))
      .problems();
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ["components[0].componentText.textSize", '"XL" is not one of S, M, L'],
      [
        "components[0].componentText.textColor",
        '"PINK" is not one of NORMAL, MUTED, SUCCESS, WARNING, ERROR',
      ],
      ["components[1].componentSpacer.spacerSize", '"XXL" is not one of XS, S, M, L, XL'],
      ["components[2].componentDivider.dividerSpacingSize", '"huge" is not one of XS, S, M, L, XL'],
      [
        "components[3].componentBadge.badgeColor",
        '"PURPLE" is not one of GREY, GREEN, YELLOW, RED, BLUE',
      ],
    ]);
  });

  it("checks ISO 8601 date-times and timestamps", () => {
    const ok = event("t")
      .dateTime("2024-10-28T18:30:00Z")
      .dateTime("2024-10-28T18:30:00.123+02:00");
    expect(ok.problems()).toEqual([]);
    for (const bad of [
      "2024-10-28",
      "yesterday",
      "2024-02-30T10:00:00Z",
      "2024-10-28T25:00:00Z",
      "2024-10-28T18:30:00",
    ]) {
      expect(event("t").dateTime(bad).problems()[0]?.path).toBe(
        "components[0].componentDateTime.dateTimeIso8601",
      );
    }
    expect(event("t").dateTime(new Date("nope")).problems()).toHaveLength(1);
    const problems = problemsOf(() =>
      event("t").text("x").timestamp("last tuesday").forThread("th").build(),
    );
    expect(problems.map((p) => p.path)).toEqual(["timestamp"]);
  });

  it("requires exactly one user identifier and one customer identifier", () => {
    expect(event("t").user({ userId: "u_1" }).problems()).toEqual([]);
    expect(event("t").user({ email: "a@b.co" }).components()).toEqual([
      { componentUser: { userIdentifier: { emailAddress: "a@b.co" } } },
    ]);
    expect(event("t").user({ machineUserId: "mu_1" }).problems()).toEqual([]);
    const two = event("t")
      .user(any({ userId: "u", machineUserId: "m" }))
      .problems();
    expect(two[0]).toMatchObject({
      path: "components[0].componentUser.userIdentifier",
      message: "must have exactly one of userId, emailAddress, machineUserId, got 2",
    });
    expect(event("t").user(any({})).problems()[0]?.message).toMatch(/exactly one .* got none/);
    const customer = problemsOf(() =>
      event("t")
        .text("x")
        .forCustomer(any({ email: "a@b.co", customerId: "c" }))
        .build(),
    );
    expect(customer[0]).toMatchObject({
      path: "customerIdentifier",
      message: "must have exactly one of emailAddress, externalId, customerId, got 2",
    });
  });

  it("requires exactly one workflow identifier", () => {
    expect(event("t").workflowButton("Run", { workflowId: "wf_1" }).problems()).toEqual([]);
    const problems = event("t")
      .workflowButton("Run", any({ workflowId: "a", workflowKey: "b" }))
      .problems();
    expect(problems[0]?.path).toBe(
      "components[0].componentWorkflowButton.workflowButtonWorkflowIdentifier",
    );
  });

  it("requires a non-empty title, externalId and at least one component", () => {
    const problems = problemsOf(() => event("  ").externalId("").forThread("th_1").build());
    expect(problems.map((p) => p.path)).toEqual(["title", "components", "externalId"]);
    expect(problems[0]?.message).toMatch(/must not be blank/);
  });

  it("requires each side of a row, and a container, to hold a component", () => {
    const problems = event("t")
      .row([], [])
      .container((c) => c)
      .problems();
    expect(problems.map((p) => p.path)).toEqual([
      "components[0].componentRow.rowMainContent",
      "components[0].componentRow.rowAsideContent",
      "components[1].componentContainer.containerContent",
    ]);
  });

  it("gives untyped JavaScript the same clear errors, never a half-built payload", () => {
    const problems = event("t")
      .text(any(42))
      .button("Open", any(undefined))
      .badge(any(null))
      .spacer(any(undefined))
      .problems();
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ["components[0].componentText.text", "must be a string (text), got 42"],
      ["components[1].componentLinkButton.linkButtonUrl", "is required"],
      ["components[2].componentBadge.badgeLabel", "is required"],
      ["components[3].componentSpacer.spacerSize", "is required"],
    ]);
    expect(() => event("t").text(any(42)).components()).toThrow(ValidationError);
    expect(() => event(any(undefined)).text("x").forThread("t").build()).toThrow(
      /title: must be a string/,
    );
  });

  it("reports a row or container callback that forgets to return", () => {
    const problems = event("t")
      .row(
        any(() => undefined),
        (a) => a.text("x"),
      )
      .problems();
    expect(problems[0]).toMatchObject({ path: "components[0].componentRow.rowMainContent" });
    expect(problems[0]?.message).toMatch(
      /callback must return the builder it was given, got undefined/,
    );
    expect(() =>
      event("t").when(
        true,
        any(() => undefined),
      ),
    ).toThrow(/did you forget "return"/);
  });
});
