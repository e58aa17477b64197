import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadTemplate } from "../../src/templates/index.js";
import { failure, startPlainTestServer, type PlainTestServer } from "../../src/testing/index.js";
import { dumpTransport, graphqlTransport, type Transport } from "../../src/transport/index.js";
import { FIXTURES, lines, run } from "./helpers.js";

const TEMPLATE = "api-key-generated.template.json";
const KEY = "plainApiKey_super-secret-7f3a";
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(join(FIXTURES, name), "utf8")) as unknown;
const PARAMS = fixture("params.json") as {
  fingerprint: string;
  roleCount: number;
  adminUrl: string;
};

/** The request the CLI should build for the fixture template, params and a customer email. */
const expectedRequest = () =>
  loadTemplate(fixture(TEMPLATE), { params: ["fingerprint", "roleCount", "adminUrl"] })
    .render(PARAMS)
    .forCustomer({ email: "jane@acme.com" })
    .build();

const base = [TEMPLATE, "--params", "params.json"];

describe("plain-events send: usage and configuration", () => {
  it("needs a target", async () => {
    const { code, stdout, stderr } = await run(["send", ...base], { env: { PLAIN_API_KEY: KEY } });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(lines(stderr)).toEqual([
      "plain-events: send needs a target: one of --customer-email, --customer-id, --customer-external-id, --thread",
      'Run "plain-events send --help" for usage.',
    ]);
  });

  it("takes exactly one target", async () => {
    const { code, stderr } = await run(
      ["send", ...base, "--customer-email", "jane@acme.com", "--thread", "th_1"],
      { env: { PLAIN_API_KEY: KEY } },
    );
    expect(code).toBe(2);
    expect(lines(stderr)[0]).toBe(
      "plain-events: send takes one target, got --customer-email and --thread",
    );
  });

  it("needs a file", async () => {
    const { code, stderr } = await run(["send", "--thread", "th_1"]);
    expect(code).toBe(2);
    expect(lines(stderr)[0]).toBe("plain-events: send needs a file: send <template.json>");
  });

  it.each([{}, { PLAIN_API_KEY: "" }, { PLAIN_API_KEY: "  " }])(
    "exits 3 with one line when PLAIN_API_KEY is missing (%o)",
    async (env) => {
      expect(await run(["send", ...base, "--customer-email", "jane@acme.com"], { env })).toEqual({
        code: 3,
        stdout: "",
        stderr:
          "plain-events: PLAIN_API_KEY is not set: export a Plain machine user's API key, or use --dry-run\n",
      });
    },
  );

  it("exits 3 when PLAIN_API_URL is not an http(s) URL", async () => {
    const { code, stderr } = await run(["send", ...base, "--thread", "th_1"], {
      env: { PLAIN_API_KEY: KEY, PLAIN_API_URL: "file:///etc/passwd" },
    });
    expect(code).toBe(3);
    expect(stderr).toBe("plain-events: PLAIN_API_URL is not an http(s) URL: file:///etc/passwd\n");
  });
});

describe("plain-events send: invalid input", () => {
  const env = { PLAIN_API_KEY: KEY };

  it("lists the problems of an invalid target, and sends nothing", async () => {
    let sent = 0;
    const { code, stderr } = await run(["send", ...base, "--customer-email", "nope"], {
      env,
      createTransport: () => ({
        send: async () => {
          sent++;
          return failure("network");
        },
      }),
    });
    expect(code).toBe(1);
    expect(sent).toBe(0);
    expect(lines(stderr)).toEqual([
      `plain-events: ${TEMPLATE}: invalid event "API key generated" (1 problem):`,
      expect.stringMatching(/^ {2}customerIdentifier\.emailAddress: "nope" /),
    ]);
  });

  it("names missing params", async () => {
    const { code, stderr } = await run(["send", TEMPLATE, "--thread", "th_1"], { env });
    expect(code).toBe(1);
    expect(lines(stderr)[0]).toContain("missing params: fingerprint, roleCount, adminUrl");
  });

  it("checks --external-id and --timestamp", async () => {
    const { code, stderr } = await run(
      ["send", ...base, "--thread", "th_1", "--external-id", "", "--timestamp", "yesterday"],
      { env },
    );
    expect(code).toBe(1);
    expect(
      lines(stderr)
        .slice(1)
        .map((l) => l.trim().split(":")[0]),
    ).toEqual(["externalId", "timestamp"]);
  });

  it("refuses a request or component list: send fills in templates", async () => {
    const { code, stderr } = await run(["send", "request.json", "--thread", "th_1"], { env });
    expect(code).toBe(1);
    expect(stderr).toBe(
      "plain-events: request.json: send takes a template document, not a request\n",
    );
  });

  it("reports an invalid template as validate does", async () => {
    const send = await run(["send", "invalid.template.json", "--thread", "th_1"], { env });
    expect(send.code).toBe(1);
    expect(send.stderr).toBe((await run(["validate", "invalid.template.json"])).stderr);
  });
});

describe("plain-events send --dry-run", () => {
  it("prints exactly what dumpTransport shows, with the key redacted", async () => {
    const { code, stdout, stderr } = await run(
      ["send", ...base, "--customer-email", "jane@acme.com", "--dry-run"],
      { env: { PLAIN_API_KEY: KEY } },
    );
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const dump = dumpTransport({ write: false, apiKey: KEY }).dump(expectedRequest());
    expect(stdout).toBe(`${dump.text}\n`);
    expect(stdout).toContain("authorization: Bearer [redacted]");
    expect(stdout).not.toContain(KEY);
  });

  it("needs no key, and shows PLAIN_API_URL as the endpoint", async () => {
    const endpoint = "http://127.0.0.1:9/graphql";
    const { code, stdout } = await run(
      ["send", ...base, "--customer-email", "jane@acme.com", "--dry-run"],
      { env: { PLAIN_API_URL: endpoint } },
    );
    expect(code).toBe(0);
    expect(stdout).toBe(
      `${dumpTransport({ write: false, endpoint }).dump(expectedRequest()).text}\n`,
    );
    expect(stdout.split("\n")[0]).toBe(`POST ${endpoint}`);
  });

  it("applies every target and option", async () => {
    const { stdout } = await run([
      "send",
      ...base,
      "--customer-external-id",
      "cust-42",
      "--external-id",
      "evt-1",
      "--timestamp",
      "2024-10-28T18:30:00Z",
      "--dry-run",
    ]);
    const body = JSON.parse(stdout.slice(stdout.indexOf("\n\n") + 2)) as {
      variables: { input: Record<string, unknown> };
    };
    expect(body.variables.input).toMatchObject({
      customerIdentifier: { externalId: "cust-42" },
      externalId: "evt-1",
      timestamp: "2024-10-28T18:30:00Z",
    });
    const customerId = await run(["send", ...base, "--customer-id", "c_01", "--dry-run"]);
    expect(customerId.stdout).toContain('"customerId": "c_01"');
    const thread = await run(["send", ...base, "--thread", "th_01", "--dry-run"]);
    expect(thread.stdout).toContain('"operationName": "createThreadEvent"');
    expect(thread.stdout).toContain('"threadId": "th_01"');
  });
});

describe("plain-events send, end to end against the test server", () => {
  let server: PlainTestServer;
  beforeEach(async () => {
    server = await startPlainTestServer();
  });
  afterEach(async () => {
    await server.close();
  });
  const env = () => ({ PLAIN_API_KEY: server.apiKey, PLAIN_API_URL: server.url });

  it("sends a customer event and prints its id", async () => {
    const { code, stdout, stderr } = await run(
      ["send", ...base, "--customer-email", "jane@acme.com"],
      { env: env() },
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(server.events).toHaveLength(1);
    const stored = server.events[0]!;
    expect(stored.input).toEqual(expectedRequest().input);
    expect(stdout).toBe(`✓ sent: ${stored.id} (request ${stored.requestId})\n`);
    expect(stdout).not.toContain(server.apiKey);
  });

  it("sends a thread event with the given external id and timestamp", async () => {
    const { code } = await run(
      [
        "send",
        "deploy.template.json",
        "--thread",
        "th_01HB924RWAW8H3Q8KZDFWYBJHZ",
        "--external-id",
        "deploy-2.4.1",
        "--timestamp",
        "2024-10-28T18:30:00Z",
      ],
      { env: env() },
    );
    expect(code).toBe(0);
    expect(server.events[0]).toMatchObject({
      operation: "createThreadEvent",
      threadId: "th_01HB924RWAW8H3Q8KZDFWYBJHZ",
      input: { externalId: "deploy-2.4.1", timestamp: "2024-10-28T18:30:00Z" },
    });
  });

  it("exits 4 with one line when Plain refuses the send", async () => {
    server.faults.push({ kind: "forbidden" });
    const { code, stdout, stderr } = await run(
      ["send", ...base, "--customer-email", "jane@acme.com"],
      { env: env() },
    );
    expect(code).toBe(4);
    expect(stdout).toBe("");
    expect(lines(stderr)).toHaveLength(1);
    expect(stderr).toMatch(
      /^plain-events: send failed: mutation \(FORBIDDEN[^)]*\): .+ \[request \S+\]\n$/,
    );
    expect(stderr).not.toContain(server.apiKey);
    expect(server.events).toHaveLength(0);
  });

  it("exits 4 with one line for a wrong key, and never prints the key", async () => {
    const wrong = `${server.apiKey}-but-wrong`;
    const { code, stdout, stderr } = await run(
      ["send", ...base, "--customer-email", "jane@acme.com"],
      { env: { ...env(), PLAIN_API_KEY: wrong } },
    );
    expect(code).toBe(4);
    expect(stdout).toBe("");
    expect(lines(stderr)).toHaveLength(1);
    expect(stderr).toMatch(/^plain-events: send failed: http \(status 401\): /);
    expect(stderr).not.toContain(wrong);
    expect(stderr).not.toContain(server.apiKey);
  });

  it("reports an event Plain already had as a success", async () => {
    // Stored, then the connection drops: the retry meets the duplicate external id.
    server.faults.push({ kind: "drop", after: true });
    const { code, stdout } = await run(["send", ...base, "--customer-email", "jane@acme.com"], {
      env: env(),
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(
      new RegExp(`^✓ already existed: event with external id api-key-${PARAMS.fingerprint}`),
    );
    expect(server.events).toHaveLength(1);
  });

  it("exits 4 for a network failure, through an injected transport factory", async () => {
    const endpoint = server.url;
    await server.close();
    let options: unknown;
    const { code, stderr } = await run(["send", ...base, "--thread", "th_1"], {
      env: { PLAIN_API_KEY: KEY, PLAIN_API_URL: endpoint },
      createTransport: (o) => {
        options = o;
        return graphqlTransport({ ...o, retry: false });
      },
    });
    expect(options).toEqual({ apiKey: KEY, endpoint });
    expect(code).toBe(4);
    expect(lines(stderr)).toHaveLength(1);
    expect(stderr).toMatch(/^plain-events: send failed: network/);
    server = await startPlainTestServer(); // for afterEach
  });

  it("passes an injected fetch to the graphql transport", async () => {
    const seen: string[] = [];
    const { code } = await run(["send", ...base, "--thread", "th_1"], {
      env: env(),
      fetch: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });
    expect(code).toBe(0);
    expect(seen).toEqual([server.url]);
  });
});

describe("plain-events send never prints the API key", () => {
  it("redacts the key even from a transport's own message", async () => {
    const leaky: Transport = {
      send: async () =>
        failure("http", { status: 500, message: `upstream echoed Bearer ${KEY}\nsecond line` }),
    };
    const { code, stdout, stderr } = await run(["send", ...base, "--thread", "th_1"], {
      env: { PLAIN_API_KEY: KEY },
      createTransport: () => leaky,
    });
    expect(code).toBe(4);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      "plain-events: send failed: http (status 500): upstream echoed Bearer [redacted]; second line\n",
    );
  });

  it("never shows it in any command's output", async () => {
    const env = { PLAIN_API_KEY: KEY };
    const runs = await Promise.all([
      run(["send", ...base, "--thread", "th_1", "--dry-run"], { env }),
      run(["send", TEMPLATE, "--thread", "th_1"], { env }),
      run(["send", ...base, "--customer-email", "nope"], { env }),
      run(["send", "--help"], { env }),
      run(["preview", TEMPLATE, "--params", "params.json"], { env }),
      run(["validate", TEMPLATE], { env }),
    ]);
    for (const r of runs) expect(r.stdout + r.stderr).not.toContain(KEY);
  });
});
