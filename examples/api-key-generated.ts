/**
 * The "API key generated" event from Plain's documentation, built with plain-events.
 *
 * Run it with `npm run demo`. It prints the request that would be sent: the mutation to call
 * and its exact input.
 */
import { pathToFileURL } from "node:url";
import { event, md } from "plain-events";

const fingerprint = "3b7896975ee9fd15eeb7";
const roles = ["admin", "billing", "support", "read-only"];

/** The event, without a target: a template-like base that can be branched into variants. */
export const apiKeyGenerated = event("API key generated")
  .text(
    md`New API key was added with the fingerprint **${fingerprint}** with ${roles.length} associated roles.`,
  )
  .spacer("M")
  .button("View in admin", "https://admin.your-app.com");

/** The request for one customer, with an idempotency key. */
export const request = apiKeyGenerated
  .forCustomer({ email: "jane@acme.com" })
  .externalId(`key-${fingerprint}`)
  .build();

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(JSON.stringify(request, null, 2));
}
