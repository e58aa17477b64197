/**
 * The CPU benchmarks behind `npm run bench` (bench/index.ts bundles this file with esbuild and
 * runs the bundle with node). Every figure is a ratio against a hand-written object literal
 * serialized with JSON.stringify, measured in the same run.
 *
 * Each task runs an inner loop, so that the timer's own cost does not swamp microsecond
 * operations, and the input values change on every call (a rolling index over distinct
 * values), so that no cache can answer from a previous call. Each suite runs in rounds and
 * keeps every task's best round, so that other work on the machine skews no single ratio.
 *
 * "literal + the same checks" is the floor for any validating library: the literal with the
 * checks plain-events makes written inline. Its gap to the literal is the checks' own cost.
 */
import { uiComponent } from "@team-plain/ui-components";
import { Bench } from "tinybench";
import {
  escapeMarkdown,
  event,
  isHttpUrl,
  LIMITS,
  md,
  slot,
  type EventBuilder,
} from "plain-events";
import { isEmailAddress } from "../src/components/rules.js";

const INNER = 200;
const VARIANTS = 257; // prime, so that the two events' indices drift apart
const quick = process.env.BENCH_QUICK === "1";
const TIME = quick ? 600 : 3_000;
const ROUNDS = quick ? 2 : 5;
const WARMUP = quick ? 100 : 300;

let sink = 0;
let tick = 0;

// --- The "API key generated" event, from Plain's documentation -------------------------------

interface KeyParams {
  fingerprint: string;
  roleCount: number;
  adminUrl: string;
  email: string;
}

const keyParams: KeyParams[] = Array.from({ length: VARIANTS }, (_, i) => ({
  fingerprint: (0x3b7896975ee9fd15n + BigInt(i) * 7919n).toString(16),
  roleCount: i % 9,
  adminUrl: `https://admin.your-app.com/keys/${i}`,
  email: `user${i}@acme.com`,
}));

/** What someone writes by hand without a library: no escaping, no checks. */
function keyLiteral(p: KeyParams) {
  return {
    operation: "createCustomerEvent",
    input: {
      customerIdentifier: { emailAddress: p.email },
      title: "API key generated",
      components: keyLiteralComponents(p),
    },
  };
}

/**
 * The floor for any validating library: the literal plus the checks plain-events makes on these
 * values (Markdown escaping, URL, email address, text limits), hand-written inline, with no
 * builder at all. The gap between this and the literal is the cost of the checks themselves.
 */
function keyChecked(p: KeyParams) {
  if (!isEmailAddress(p.email)) throw new Error("email");
  return {
    operation: "createCustomerEvent",
    input: {
      customerIdentifier: { emailAddress: p.email },
      title: "API key generated",
      components: keyCheckedComponents(p),
    },
  };
}

/** keyChecked's components alone: the floor for issue 4's "render of the seed event". */
function keyCheckedComponents(p: KeyParams) {
  if (!isHttpUrl(p.adminUrl)) throw new Error("url");
  const text = `New API key was added with the fingerprint **${escapeMarkdown(p.fingerprint)}** with ${p.roleCount} associated roles.`;
  if (text.length > LIMITS.textMax) throw new Error("text");
  return [
    { componentText: { text } },
    { componentSpacer: { spacerSize: "M" } },
    { componentLinkButton: { linkButtonUrl: p.adminUrl, linkButtonLabel: "View in admin" } },
  ];
}

/** The literal's components alone: issue 4's baseline for "a render of the seed event". */
function keyLiteralComponents(p: KeyParams) {
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

/** Plain's own helpers; the request around them is written by hand, as their docs show. */
function keyUiComponents(p: KeyParams) {
  return {
    operation: "createCustomerEvent",
    input: {
      customerIdentifier: { emailAddress: p.email },
      title: "API key generated",
      components: [
        uiComponent.text({
          text: `New API key was added with the fingerprint **${p.fingerprint}** with ${p.roleCount} associated roles.`,
        }),
        uiComponent.spacer({ size: "M" }),
        uiComponent.linkButton({ label: "View in admin", url: p.adminUrl }),
      ],
    },
  };
}

function keyBuilder(p: KeyParams) {
  return event("API key generated")
    .text(
      md`New API key was added with the fingerprint **${p.fingerprint}** with ${p.roleCount} associated roles.`,
    )
    .spacer("M")
    .button("View in admin", p.adminUrl)
    .forCustomer({ email: p.email })
    .build();
}

const keyTemplate = event("API key generated")
  .text(
    md`New API key was added with the fingerprint **${slot("fingerprint")}** with ${slot("roleCount")} associated roles.`,
  )
  .spacer("M")
  .button("View in admin", slot.url("adminUrl"));

function keyRender(p: KeyParams) {
  return keyTemplate
    .render({ fingerprint: p.fingerprint, roleCount: p.roleCount, adminUrl: p.adminUrl })
    .forCustomer({ email: p.email })
    .build();
}

/** Issue 4's wording: a render of the seed event, its components only. */
function keyRenderComponents(p: KeyParams) {
  return keyTemplate
    .render({ fingerprint: p.fingerprint, roleCount: p.roleCount, adminUrl: p.adminUrl })
    .components();
}

// --- A 40-component event: 10 groups of text, row (plain text | copy button), button, badge ---

interface Line {
  name: string;
  sku: string;
  url: string;
  status: string;
}
interface OrderParams {
  threadId: string;
  lines: Line[];
}

const orderParams: OrderParams[] = Array.from({ length: VARIANTS }, (_, v) => ({
  threadId: `th_01HB924RWAW8H3Q8KZ${v.toString(36).padStart(6, "0")}`,
  lines: Array.from({ length: 10 }, (_, i) => ({
    name: `Item ${v}-${i} deluxe`,
    sku: `SKU-${(v * 31 + i).toString(16)}`,
    url: `https://shop.acme.com/orders/${v}/lines/${i}`,
    status: i % 3 === 0 ? "Shipped" : i % 3 === 1 ? "Packed" : "Waiting",
  })),
}));

function orderLiteral(p: OrderParams) {
  return {
    operation: "createThreadEvent",
    input: { threadId: p.threadId, title: "Order updated", components: orderLiteralComponents(p) },
  };
}

function orderUiComponents(p: OrderParams) {
  const components: unknown[] = [];
  for (const line of p.lines) {
    components.push(
      uiComponent.text({ text: `**${line.name}**` }),
      uiComponent.row({
        mainContent: [uiComponent.plainText({ text: line.sku, color: "MUTED" })],
        asideContent: [uiComponent.copyButton({ value: line.sku, tooltip: "Copy" })],
      }),
      uiComponent.linkButton({ label: "Open line", url: line.url }),
      uiComponent.badge({ label: line.status, color: "BLUE" }),
    );
  }
  return {
    operation: "createThreadEvent",
    input: { threadId: p.threadId, title: "Order updated", components },
  };
}

function orderBuilder(p: OrderParams) {
  return event("Order updated")
    .each(p.lines, (b, line) =>
      b
        .text(md`**${line.name}**`)
        .row(
          (main) => main.plainText(line.sku, { color: "MUTED" }),
          (aside) => aside.copyButton(line.sku, "Copy"),
        )
        .button("Open line", line.url)
        .badge(line.status, "BLUE"),
    )
    .forThread(p.threadId)
    .build();
}

// The template: one slot per value, ten groups.
let orderTemplateBuilder: EventBuilder<string> = event("Order updated");
for (let i = 0; i < 10; i++) {
  orderTemplateBuilder = orderTemplateBuilder
    .text(md`**${slot(`name${i}`)}**`)
    .row(
      (main) => main.plainText(slot(`sku${i}`), { color: "MUTED" }),
      (aside) => aside.copyButton(slot(`sku${i}`), "Copy"),
    )
    .button("Open line", slot.url(`url${i}`))
    .badge(slot(`status${i}`), "BLUE");
}
const orderTemplate = orderTemplateBuilder;
const orderRenderParams = orderParams.map((p) => {
  const params: Record<string, string> = {};
  p.lines.forEach((line, i) => {
    params[`name${i}`] = line.name;
    params[`sku${i}`] = line.sku;
    params[`url${i}`] = line.url;
    params[`status${i}`] = line.status;
  });
  return { threadId: p.threadId, params };
});

function orderRender(i: number) {
  const p = orderRenderParams[i]!;
  return orderTemplate.render(p.params).forThread(p.threadId).build();
}

const nonBlank = (value: string, max: number) => value.trim() !== "" && value.length <= max;

/** The floor for the 40 components: the literal plus the same checks, inline (see keyChecked). */
function orderChecked(p: OrderParams) {
  if (p.threadId.trim() === "") throw new Error("threadId");
  const components: unknown[] = [];
  for (const line of p.lines) {
    const text = `**${escapeMarkdown(line.name)}**`;
    if (text.length > LIMITS.textMax || !nonBlank(line.sku, LIMITS.copyValueMax)) {
      throw new Error("text");
    }
    if (!isHttpUrl(line.url) || !nonBlank(line.status, LIMITS.labelMax)) throw new Error("url");
    components.push(
      { componentText: { text } },
      {
        componentRow: {
          rowMainContent: [
            { componentPlainText: { plainText: line.sku, plainTextColor: "MUTED" } },
          ],
          rowAsideContent: [
            { componentCopyButton: { copyButtonValue: line.sku, copyButtonTooltipLabel: "Copy" } },
          ],
        },
      },
      { componentLinkButton: { linkButtonUrl: line.url, linkButtonLabel: "Open line" } },
      { componentBadge: { badgeLabel: line.status, badgeColor: "BLUE" } },
    );
  }
  return {
    operation: "createThreadEvent",
    input: { threadId: p.threadId, title: "Order updated", components },
  };
}

/** The literal's components, written by hand as a user without the library would. */
function orderLiteralComponents(p: OrderParams) {
  const components: unknown[] = [];
  for (const line of p.lines) {
    components.push(
      { componentText: { text: `**${line.name}**` } },
      {
        componentRow: {
          rowMainContent: [
            { componentPlainText: { plainText: line.sku, plainTextColor: "MUTED" } },
          ],
          rowAsideContent: [
            { componentCopyButton: { copyButtonValue: line.sku, copyButtonTooltipLabel: "Copy" } },
          ],
        },
      },
      { componentLinkButton: { linkButtonUrl: line.url, linkButtonLabel: "Open line" } },
      { componentBadge: { badgeLabel: line.status, badgeColor: "BLUE" } },
    );
  }
  return components;
}

function orderRenderComponents(i: number) {
  return orderTemplate.render(orderRenderParams[i]!.params).components();
}

// --- Same output, or the comparison means nothing ---------------------------------------------

const withoutNulls = (json: string) => JSON.stringify(JSON.parse(json, (_k, v) => v ?? undefined));
for (let i = 0; i < VARIANTS; i++) {
  const key = JSON.stringify(keyLiteral(keyParams[i]!));
  const order = JSON.stringify(orderLiteral(orderParams[i]!));
  const check = (what: string, actual: string, expected: string) => {
    if (actual !== expected) throw new Error(`${what} differs from the literal:\n${actual}`);
  };
  check("key builder", JSON.stringify(keyBuilder(keyParams[i]!)), key);
  check("key checked", JSON.stringify(keyChecked(keyParams[i]!)), key);
  check("order checked", JSON.stringify(orderChecked(orderParams[i]!)), order);
  check("key render", JSON.stringify(keyRender(keyParams[i]!)), key);
  check("order builder", JSON.stringify(orderBuilder(orderParams[i]!)), order);
  check("order render", JSON.stringify(orderRender(i)), order);
  check(
    "key render components",
    JSON.stringify(keyRenderComponents(keyParams[i]!)),
    JSON.stringify(keyLiteralComponents(keyParams[i]!)),
  );
  check(
    "key checked components",
    JSON.stringify(keyCheckedComponents(keyParams[i]!)),
    JSON.stringify(keyLiteralComponents(keyParams[i]!)),
  );
  check(
    "order render components",
    JSON.stringify(orderRenderComponents(i)),
    JSON.stringify(orderLiteralComponents(orderParams[i]!)),
  );
  // ui-components writes `null` for options left out and its own key order: same data.
  const sorted = (json: string) =>
    JSON.stringify(
      JSON.parse(json, (_k, v: unknown) =>
        v !== null && typeof v === "object" && !Array.isArray(v)
          ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
          : v,
      ),
    );
  check(
    "key ui-components",
    sorted(withoutNulls(JSON.stringify(keyUiComponents(keyParams[i]!)))),
    sorted(key),
  );
  check(
    "order ui-components",
    sorted(withoutNulls(JSON.stringify(orderUiComponents(orderParams[i]!)))),
    sorted(order),
  );
}

// --- Timing -----------------------------------------------------------------------------------

type Make = (i: number) => unknown;

function task(bench: Bench, name: string, make: Make) {
  bench.add(name, () => {
    for (let n = 0; n < INNER; n++) {
      sink += JSON.stringify(make(tick++ % VARIANTS)).length;
    }
  });
}

const suites = {
  "API key generated (3 components)": {
    literal: (i: number) => keyLiteral(keyParams[i]!),
    "@team-plain/ui-components": (i: number) => keyUiComponents(keyParams[i]!),
    "literal + the same checks": (i: number) => keyChecked(keyParams[i]!),
    "plain-events builder": (i: number) => keyBuilder(keyParams[i]!),
    "plain-events template render": (i: number) => keyRender(keyParams[i]!),
  },
  "40 components, 10 rows": {
    literal: (i: number) => orderLiteral(orderParams[i]!),
    "@team-plain/ui-components": (i: number) => orderUiComponents(orderParams[i]!),
    "literal + the same checks": (i: number) => orderChecked(orderParams[i]!),
    "plain-events builder": (i: number) => orderBuilder(orderParams[i]!),
    "plain-events template render": orderRender,
  },
  // Issue 4 asks for "a render of the seed event": template.render(params).components(), against
  // the literal's components, each with JSON.stringify.
  "API key generated, components only (issue 4: a render of the seed event)": {
    literal: (i: number) => keyLiteralComponents(keyParams[i]!),
    "literal + the same checks": (i: number) => keyCheckedComponents(keyParams[i]!),
    "plain-events template render": (i: number) => keyRenderComponents(keyParams[i]!),
  },
  "40 components, components only": {
    literal: (i: number) => orderLiteralComponents(orderParams[i]!),
    "plain-events template render": orderRenderComponents,
  },
} satisfies Record<string, Record<string, Make>>;

const GOALS: Record<string, number> = {
  "plain-events builder": 1.5,
  "plain-events template render": 1.2,
};

function meanNs(bench: Bench, name: string, inner: number): number {
  const result = bench.getTask(name)?.result as { latency?: { mean: number } } | undefined;
  const mean = result?.latency?.mean;
  if (mean === undefined) throw new Error(`no result for ${name}`);
  return (mean * 1e6) / inner;
}

const fmtNs = (ns: number) =>
  ns >= 10_000
    ? `${(ns / 1000).toFixed(1)} µs`
    : ns >= 1000
      ? `${(ns / 1000).toFixed(2)} µs`
      : `${ns.toFixed(0)} ns`;

let missed = 0;
console.log(
  `Event payloads + JSON.stringify, per event (node ${process.version}, bundled with esbuild)\n`,
);
for (const [suite, tasks] of Object.entries(suites)) {
  // Several rounds, each running every task in turn, and each task's best round: a burst of
  // other work on the machine then slows one round of one task, not the figure.
  const best = new Map<string, number>();
  for (let round = 0; round < ROUNDS; round++) {
    const bench = new Bench({ time: TIME / ROUNDS, warmupTime: WARMUP });
    for (const [name, make] of Object.entries(tasks)) task(bench, name, make);
    await bench.run();
    for (const name of Object.keys(tasks)) {
      const ns = meanNs(bench, name, INNER);
      best.set(name, Math.min(best.get(name) ?? Infinity, ns));
    }
  }
  const base = best.get("literal")!;
  console.log(suite);
  for (const name of Object.keys(tasks)) {
    const ns = best.get(name)!;
    const ratio = ns / base;
    const goal = GOALS[name];
    const verdict =
      goal === undefined ? "" : ratio <= goal ? `goal ≤ ${goal}×: met` : `goal ≤ ${goal}×: missed`;
    if (goal !== undefined && ratio > goal) missed++;
    console.log(
      `  ${name.padEnd(30)} ${fmtNs(ns).padStart(9)}/op  ${ratio.toFixed(2).padStart(5)}×  ${verdict}`,
    );
  }
  console.log();
}

// --- Compiling long chains: linear? -----------------------------------------------------------

function chain(n: number) {
  let b = event("Long event");
  for (let i = 0; i < n; i++) {
    b =
      i % 3 === 0
        ? b.text(`Line ${i}`)
        : i % 3 === 1
          ? b.badge(`Badge ${i}`, "GREEN")
          : b.button(`Open ${i}`, `https://acme.com/${i}`);
  }
  return b;
}

const sizes = [1_000, 10_000];
const built = sizes.map(chain);
const compileBench = new Bench({ time: TIME, warmupTime: WARMUP });
const buildBench = new Bench({ time: TIME, warmupTime: WARMUP });
sizes.forEach((n, i) => {
  compileBench.add(String(n), () => {
    sink += built[i]!.components().length;
  });
  buildBench.add(String(n), () => {
    sink += chain(n) === undefined ? 0 : 1;
  });
});
await buildBench.run();
await compileBench.run();
console.log("Long chains (a builder of N components, text/badge/button)");
const compileNs = sizes.map((n) => meanNs(compileBench, String(n), 1));
const buildNs = sizes.map((n) => meanNs(buildBench, String(n), 1));
sizes.forEach((n, i) => {
  console.log(
    `  ${String(n).padStart(6)} components: build the chain ${fmtNs(buildNs[i]!).padStart(9)} (${fmtNs(buildNs[i]! / n)}/component), .components() ${fmtNs(compileNs[i]!).padStart(9)} (${fmtNs(compileNs[i]! / n)}/component)`,
  );
});
const growth = compileNs[1]! / compileNs[0]!;
const linear = growth <= 12;
if (!linear) missed++;
console.log(
  `  .components() 10,000 / 1,000 = ${growth.toFixed(1)}×  goal ≤ 12× (linear): ${linear ? "met" : "missed"}`,
);
console.log(`\n(checksum ${sink % 997})`);
if (missed > 0) console.log(`${missed} goal(s) missed`);
