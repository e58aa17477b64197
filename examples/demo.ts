/**
 * The demo behind `npm run demo`: builds the "API key generated" event and sends it through the
 * real GraphQL transport.
 *
 * - With `PLAIN_API_KEY` set, it sends to Plain (or to `PLAIN_API_URL`). Set `DEMO_EMAIL` to a
 *   customer of your workspace.
 * - Without it, it starts the embedded Plain-compatible test server on 127.0.0.1 and sends there,
 *   so the whole path (validation, GraphQL, HTTP, result) runs on any machine.
 */
import { pathToFileURL } from "node:url";
import { match } from "ts-pattern";
import { startPlainTestServer, type PlainTestServer } from "plain-events/testing";
import { graphqlTransport } from "plain-events/transport";
import { apiKeyGenerated } from "./api-key-generated.js";

async function main(): Promise<number> {
  const apiKey = process.env.PLAIN_API_KEY ?? "";
  let server: PlainTestServer | undefined;
  if (apiKey === "") {
    server = await startPlainTestServer();
    console.log(
      `No PLAIN_API_KEY set: sending to the local Plain-compatible server at ${server.url}\n`,
    );
  }
  try {
    const plain = graphqlTransport(
      server !== undefined
        ? { apiKey: server.apiKey, endpoint: server.url }
        : { apiKey, ...(process.env.PLAIN_API_URL ? { endpoint: process.env.PLAIN_API_URL } : {}) },
    );
    const request = apiKeyGenerated
      .forCustomer({ email: process.env.DEMO_EMAIL ?? "jane@acme.com" })
      .externalId(`key-3b7896975ee9fd15eeb7-${Date.now()}`)
      .build();

    console.log("Request:");
    console.log(JSON.stringify(request, null, 2));

    const result = await plain.send(request);
    console.log("\nResult:");
    return match(result)
      .with({ ok: true }, (r) => {
        console.log(JSON.stringify(r, null, 2));
        if (server !== undefined)
          console.log(`\nThe server now holds ${server.events.length} event(s).`);
        return 0;
      })
      .with({ ok: false }, (r) => {
        console.error(`Failed (${r.error.kind}): ${r.error.message}`);
        return 1;
      })
      .exhaustive();
  } finally {
    await server?.close();
  }
}

// Run only when executed, not when imported (the conformance check imports every example).
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) process.exitCode = await main();
