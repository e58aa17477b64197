import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { assertValidRequest } from "plain-events";
import { loadTemplate, toTemplateJSON } from "plain-events/templates";
import { apiKeyGenerated, main } from "../../examples/templates/render-template.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

describe("examples/templates", () => {
  it("render-template.ts renders the shared template into a valid request", () => {
    const request = main();
    assertValidRequest(request);
    expect(request).toEqual({
      operation: "createCustomerEvent",
      input: {
        customerIdentifier: { emailAddress: "jane@acme.com" },
        title: "API key generated",
        components: [
          {
            componentText: {
              text: "New API key was added with the fingerprint **3b7896975ee9fd15eeb7** with 4 associated roles.",
            },
          },
          { componentSpacer: { spacerSize: "M" } },
          {
            componentLinkButton: {
              linkButtonUrl: "https://admin.your-app.com/keys/3b7896975ee9fd15eeb7",
              linkButtonLabel: "View in admin",
            },
          },
        ],
        externalId: "api-key-3b7896975ee9fd15eeb7",
      },
    });
    expect(apiKeyGenerated.params).toEqual(["fingerprint", "roleCount", "adminUrl"]);
  });

  it("the shared template is written exactly as toTemplateJSON writes it", () => {
    const path = `${root}examples/templates/api-key-generated.template.json`;
    const text = readFileSync(path, "utf8");
    const doc = JSON.parse(text) as { $schema: string; description: string };
    const again = toTemplateJSON(loadTemplate(doc), {
      schema: doc.$schema,
      description: doc.description,
    });
    expect(`${JSON.stringify(again, null, 2)}\n`).toBe(text);
  });

  it("runs as a program and prints the request", async () => {
    const { stdout } = await promisify(execFile)(
      "npx",
      ["tsx", "examples/templates/render-template.ts"],
      { cwd: root },
    );
    expect(JSON.parse(stdout)).toEqual(main());
  }, 30_000);
});
