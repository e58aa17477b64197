/**
 * Prepare once, render many: rendering the seed event's template against a hand-written
 * object literal, both serialized with JSON.stringify, in the same run.
 *
 * Run: `npx tsx bench/template.ts`. The goal is a ratio ≤ 1.2 for "components". Each task runs
 * an inner loop, so that the timer's own cost does not swamp sub-microsecond operations, and
 * the parameter values change on every call, so that no cache can answer from a previous call.
 */
import { Bench } from "tinybench";
import { event, md, slot } from "plain-events";

const INNER = 1_000;
const VARIANTS = 64;

const apiKeyGenerated = event("API key generated")
  .text(
    md`New API key was added with the fingerprint **${slot("fingerprint")}** with ${slot("roleCount")} associated roles.`,
  )
  .spacer("M")
  .button("View in admin", slot("adminUrl"));

// Distinct values per call: hex fingerprints (as real ones are), role counts and URLs.
const params = Array.from({ length: VARIANTS }, (_, i) => ({
  fingerprint: (0x3b7896975ee9fd15n + BigInt(i) * 7919n).toString(16),
  roleCount: i % 9,
  adminUrl: `https://admin.your-app.com/keys/${i}`,
}));

/** What someone writes by hand without the library: no escaping, no checks. */
function literal(p: (typeof params)[number]) {
  return [
    {
      componentText: {
        text: `New API key was added with the fingerprint **${p.fingerprint}** with ${p.roleCount} associated roles.`,
      },
    },
    { componentSpacer: { spacerSize: "M" } },
    { componentLinkButton: { linkButtonUrl: p.adminUrl, linkButtonLabel: "View in admin" } },
  ];
}

function literalRequest(p: (typeof params)[number]) {
  return {
    operation: "createCustomerEvent",
    input: {
      customerIdentifier: { emailAddress: "jane@acme.com" },
      title: "API key generated",
      components: literal(p),
    },
  };
}

// Same output, or the comparison means nothing.
for (const p of params) {
  const a = JSON.stringify(apiKeyGenerated.render(p).components());
  if (a !== JSON.stringify(literal(p))) throw new Error(`render differs from the literal:\n${a}`);
}

let sink = 0;
const bench = new Bench({ time: 1_500, warmupTime: 300 });
bench
  .add("literal components", () => {
    for (let i = 0; i < INNER; i++) sink += JSON.stringify(literal(params[i % VARIANTS]!)).length;
  })
  .add("render components", () => {
    for (let i = 0; i < INNER; i++) {
      sink += JSON.stringify(apiKeyGenerated.render(params[i % VARIANTS]!).components()).length;
    }
  })
  .add("literal request", () => {
    for (let i = 0; i < INNER; i++) {
      sink += JSON.stringify(literalRequest(params[i % VARIANTS]!)).length;
    }
  })
  .add("render request", () => {
    for (let i = 0; i < INNER; i++) {
      const request = apiKeyGenerated
        .render(params[i % VARIANTS]!)
        .forCustomer({ email: "jane@acme.com" })
        .build();
      sink += JSON.stringify(request).length;
    }
  });

await bench.run();

const nsPerOp = (name: string): number => {
  const task = bench.getTask(name);
  const result = task?.result as { latency?: { mean: number } } | undefined;
  const mean = result?.latency?.mean;
  if (mean === undefined) throw new Error(`no result for ${name}`);
  return (mean * 1e6) / INNER;
};

const rows = [
  ["components", nsPerOp("literal components"), nsPerOp("render components")],
  ["request", nsPerOp("literal request"), nsPerOp("render request")],
] as const;
console.log("template render vs hand-written literal (JSON.stringify in both), ns/op");
for (const [what, lit, rendered] of rows) {
  console.log(
    `  ${what.padEnd(10)} literal ${lit.toFixed(0).padStart(6)}  render ${rendered.toFixed(0).padStart(6)}  ratio ${(rendered / lit).toFixed(2)}`,
  );
}
const ratio = (rows[0][2] / rows[0][1]).toFixed(2);
const met = rows[0][2] / rows[0][1] <= 1.2 ? "met" : "missed";
console.log(`  goal: components ratio ≤ 1.20: ${met} (${ratio}); checksum ${sink % 1000}`);
