/**
 * The overhead of `graphqlTransport.send` (validation, graphql-request, result decoding,
 * retry and pacing bookkeeping) against a raw `fetch` POST of the same body to the same local
 * test server, rate limiting off. Rounds alternate between the two so that drift hits both.
 *
 * Run: `npx tsx bench/transport.ts [sends-per-round] [rounds]`. Goal: ratio ≤ 1.2.
 */
import type { EventRequest } from "../src/builder/request.js";
import { startPlainTestServer } from "../src/testing/index.js";
import { dumpTransport, graphqlTransport } from "../src/transport/index.js";

const perRound = Number(process.argv[2] ?? 500);
const rounds = Number(process.argv[3] ?? 6);

// No externalId: every send creates an event, so both sides make the server do the same work.
const request: EventRequest = {
  operation: "createCustomerEvent",
  input: {
    customerIdentifier: { emailAddress: "jane@acme.com" },
    title: "API key generated",
    components: [
      { componentText: { text: "New API key was added with the fingerprint **3b78**." } },
      { componentSpacer: { spacerSize: "M" } },
      {
        componentLinkButton: {
          linkButtonUrl: "https://admin.your-app.com",
          linkButtonLabel: "View in admin",
        },
      },
    ],
  },
};

const server = await startPlainTestServer({ rateLimit: false });
const transport = graphqlTransport({ apiKey: server.apiKey, endpoint: server.url, retry: false });
const dumped = dumpTransport({ write: false, apiKey: server.apiKey }).dump(request);
const headers = { ...dumped.headers, authorization: `Bearer ${server.apiKey}` };
const body = dumped.bodyText;

async function viaTransport(): Promise<void> {
  const result = await transport.send(request);
  if (!result.ok) throw new Error(result.error.message);
}

async function viaFetch(): Promise<void> {
  const response = await fetch(server.url, { method: "POST", headers, body });
  const json = (await response.json()) as { data?: { createCustomerEvent?: { error: unknown } } };
  if (response.status !== 200 || json.data?.createCustomerEvent?.error !== null) {
    throw new Error(`raw fetch failed: HTTP ${response.status}`);
  }
}

async function time(fn: () => Promise<void>, n: number): Promise<bigint> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  return process.hrtime.bigint() - start;
}

try {
  await time(viaFetch, 200); // warm-up: JIT, keep-alive sockets, the server's document cache
  await time(viaTransport, 200);
  let fetchNs = 0n;
  let transportNs = 0n;
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      fetchNs += await time(viaFetch, perRound);
      transportNs += await time(viaTransport, perRound);
    } else {
      transportNs += await time(viaTransport, perRound);
      fetchNs += await time(viaFetch, perRound);
    }
  }
  const n = BigInt(perRound * rounds);
  const fetchPerOp = Number(fetchNs / n);
  const transportPerOp = Number(transportNs / n);
  const ratio = transportPerOp / fetchPerOp;
  const fmt = (ns: number) => `${ns.toLocaleString("en-US")} ns/op`;
  console.log(`sends: ${perRound * rounds} each, ${rounds} alternating rounds`);
  console.log(`raw fetch POST            ${fmt(fetchPerOp)}`);
  console.log(`graphqlTransport.send     ${fmt(transportPerOp)}`);
  console.log(`ratio ${ratio.toFixed(3)} (goal ≤ 1.2) ${ratio <= 1.2 ? "✓" : "✗"}`);
} finally {
  await server.close();
}
