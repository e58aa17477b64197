/**
 * Loads a shared template document and renders it for one customer.
 *
 * Run it with `npx tsx examples/templates/render-template.ts`. It prints the request that would
 * be sent: the mutation to call and its exact input.
 */
import { readFileSync } from "node:fs";
import type { EventRequest } from "plain-events";
import { loadTemplate } from "plain-events/templates";

const json = readFileSync(new URL("./api-key-generated.template.json", import.meta.url), "utf8");

/**
 * Naming the params your code passes makes `render()` type-checked, and `loadTemplate` throws
 * if the document declares other ones.
 */
export const apiKeyGenerated = loadTemplate(json, {
  params: ["fingerprint", "roleCount", "adminUrl"],
});

export function main(): EventRequest {
  return apiKeyGenerated
    .render({
      fingerprint: "3b7896975ee9fd15eeb7",
      roleCount: 4,
      adminUrl: "https://admin.your-app.com/keys/3b7896975ee9fd15eeb7",
    })
    .forCustomer({ email: "jane@acme.com" })
    .build();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(main(), null, 2));
}
