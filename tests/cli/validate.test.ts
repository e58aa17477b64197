import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { excerpt, parseJson, positionAt } from "../../src/cli/shared.js";
import { lines, run, tempDir } from "./helpers.js";

describe("plain-events validate", () => {
  it("accepts a template document and names its params", async () => {
    const { code, stdout, stderr } = await run(["validate", "api-key-generated.template.json"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toBe(
      "✓ valid: API key generated, 3 components, params: fingerprint, roleCount, adminUrl\n",
    );
  });

  it("accepts a template without params", async () => {
    expect((await run(["validate", "deploy.template.json"])).stdout).toBe(
      "✓ valid: Deployed to production, 2 components, params: none\n",
    );
  });

  it("accepts a request and a component list", async () => {
    expect(await run(["validate", "request.json"])).toEqual({
      code: 0,
      stdout: '✓ valid: createThreadEvent "Deploy finished", 1 component\n',
      stderr: "",
    });
    expect((await run(["validate", "components.json"])).stdout).toBe(
      "✓ valid: component list, 3 components\n",
    );
  });

  it("lists every problem of a template with its path, and exits 1", async () => {
    const { code, stdout, stderr } = await run(["validate", "invalid.template.json"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(lines(stderr)).toEqual([
      'plain-events: invalid.template.json: invalid template "Broken" (6 problems):',
      "  params.unused: is declared but no string of the template uses {{unused}}",
      "  components[0].componentText.text: uses {{who}}, which params does not declare",
      '  components[1].componentLinkButton.linkButtonUrl: "javascript:alert(1)" is not an absolute http(s) URL',
      "  components[1].componentLinkButton.linkButtonLabel: must not be empty (label of 1–500 characters)",
      "  components[2].componentRow.rowMainContent: must hold at least one component",
      expect.stringMatching(/^ {2}components\[3\]\.componentFancy: /),
    ]);
  });

  it("lists every problem of a component list with its index", async () => {
    const { code, stderr } = await run(["validate", "invalid-components.json"]);
    expect(code).toBe(1);
    const out = lines(stderr);
    expect(out[0]).toBe(
      "plain-events: invalid-components.json: invalid component list (2 problems):",
    );
    expect(out[1]).toMatch(/^ {2}\[1\]\.componentBogus: /);
    expect(out[2]).toMatch(/^ {2}\[2\]\.componentSpacer\.spacerSize: .*HUGE/);
  });

  it("lists the problems of a request with their paths", async () => {
    const dir = tempDir({
      "bad-request.json": JSON.stringify({
        operation: "createCustomerEvent",
        input: { customerIdentifier: { emailAddress: "nope" }, title: "", components: [] },
      }),
    });
    const { code, stderr } = await run(["validate", "bad-request.json"], { cwd: dir });
    expect(code).toBe(1);
    const out = lines(stderr);
    expect(out[0]).toMatch(/^plain-events: bad-request\.json: invalid request \(\d+ problems\):$/);
    expect(out.slice(1).map((l) => l.trim().split(":")[0])).toEqual(
      expect.arrayContaining([
        "input.customerIdentifier.emailAddress",
        "input.title",
        "input.components",
      ]),
    );
  });

  it("reports malformed JSON with its line and column and shows the line", async () => {
    const dir = tempDir({
      "malformed.json": '{\n  "version": 1,\n  "title": "Oops",\n  components: []\n}\n',
    });
    const { code, stdout, stderr } = await run(["validate", "malformed.json"], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(lines(stderr)).toEqual([
      "plain-events: malformed.json:4:3: not valid JSON: Expected double-quoted property name",
      "  4 |   components: []",
      "    |   ^",
    ]);
  });

  it("reports a truncated file at its end, and an empty file at 1:1", async () => {
    const dir = tempDir({
      "cut.json": '{\n  "version": 1,\n  "title": "Cut',
      "end.json": '{\n  "version":',
      "empty.json": "",
    });
    const cut = await run(["validate", "cut.json"], { cwd: dir });
    expect(cut.code).toBe(1);
    expect(lines(cut.stderr)[0]).toBe(
      "plain-events: cut.json:3:16: not valid JSON: Unterminated string",
    );
    const end = await run(["validate", "end.json"], { cwd: dir });
    expect(lines(end.stderr)[0]).toBe(
      "plain-events: end.json:2:13: not valid JSON: Unexpected end of JSON input",
    );
    const empty = await run(["validate", "empty.json"], { cwd: dir });
    expect(empty.code).toBe(1);
    expect(lines(empty.stderr)[0]).toBe(
      "plain-events: empty.json:1:1: not valid JSON: Unexpected end of JSON input",
    );
  });

  it("finds the place of an unexpected token, which V8 reports without a position", async () => {
    const text = '[\n  { "componentSpacer": { "spacerSize": "M" } },\n]\n';
    const dir = tempDir({ "comma.json": text });
    const { code, stderr } = await run(["validate", "comma.json"], { cwd: dir });
    expect(code).toBe(1);
    expect(lines(stderr)).toEqual([
      "plain-events: comma.json:3:1: not valid JSON: Unexpected token ']'",
      "  3 | ]",
      "    | ^",
    ]);
  });

  it("reads a file that starts with a byte-order mark", async () => {
    const dir = tempDir({ "bom.json": '\uFEFF[{ "componentText": { "text": "hi" } }]' });
    expect((await run(["validate", "bom.json"], { cwd: dir })).code).toBe(0);
  });

  it("reports a file it cannot read in one line", async () => {
    expect(await run(["validate", "missing.json"])).toEqual({
      code: 1,
      stdout: "",
      stderr: "plain-events: cannot read missing.json: no such file\n",
    });
    expect((await run(["validate", "."])).stderr).toBe(
      "plain-events: cannot read .: is a directory\n",
    );
  });

  it("reads relative paths from the injected working directory", async () => {
    const dir = tempDir();
    const { code } = await run(["validate", join(dir, "..", "nope", "x.json")], { cwd: dir });
    expect(code).toBe(1);
  });

  it("needs exactly one file", async () => {
    const none = await run(["validate"]);
    expect(none.code).toBe(2);
    expect(lines(none.stderr)).toEqual([
      "plain-events: validate needs a file: validate <file.json>",
      'Run "plain-events validate --help" for usage.',
    ]);
    const two = await run(["validate", "a.json", "b.json"]);
    expect(two.code).toBe(2);
    expect(lines(two.stderr)[0]).toBe("plain-events: validate takes one file, got 2");
  });

  it("colours its marks only when asked to", async () => {
    const plain = await run(["validate", "deploy.template.json"], {
      tty: true,
      env: { NO_COLOR: "1" },
    });
    expect(plain.stdout).not.toContain("\u001b[");
    const tty = await run(["validate", "deploy.template.json"], { tty: true });
    expect(tty.stdout).toContain("\u001b[32m✓\u001b[39m");
    const forced = await run(["validate", "missing.json"], { env: { FORCE_COLOR: "1" } });
    expect(forced.stderr).toContain("\u001b[31mplain-events:\u001b[39m");
  });
});

describe("parseJson", () => {
  it("converts V8's 'at position N' to line and column, counting CRLF as one break", () => {
    const text = '{\r\n  "a": 1,\r\n  "b": tru\r\n}';
    expect(parseJson(text)).toEqual({
      ok: false,
      message: "Unexpected token '\\r'",
      position: { line: 3, column: 11 },
    });
    expect(parseJson('{"a": 1 "b": 2}')).toEqual({
      ok: false,
      message: "Expected ',' or '}' after property value",
      position: { line: 1, column: 9 },
    });
    expect(parseJson("[1,]")).toMatchObject({ position: { line: 1, column: 4 } });
    expect(parseJson("x")).toMatchObject({ position: { line: 1, column: 1 } });
    expect(positionAt(text, text.indexOf("tru"))).toEqual({ line: 3, column: 8 });
  });

  it("reads '(line L column C)' messages from newer engines", () => {
    const original = JSON.parse;
    JSON.parse = () => {
      throw new SyntaxError("Unexpected token 'x', \"x\" is not valid JSON (line 7 column 9)");
    };
    try {
      expect(parseJson("x")).toEqual({
        ok: false,
        message: "Unexpected token 'x'",
        position: { line: 7, column: 9 },
      });
    } finally {
      JSON.parse = original;
    }
  });

  it("keeps a message it cannot place as it is", () => {
    const original = JSON.parse;
    JSON.parse = () => {
      throw new SyntaxError("JSON.parse: unexpected character");
    };
    try {
      expect(parseJson("x")).toEqual({ ok: false, message: "JSON.parse: unexpected character" });
    } finally {
      JSON.parse = original;
    }
  });

  it("reports a positionless message without an excerpt", async () => {
    const original = JSON.parse;
    JSON.parse = () => {
      throw new SyntaxError("Bad JSON");
    };
    try {
      const dir = tempDir({ "x.json": "x" });
      expect(await run(["validate", "x.json"], { cwd: dir })).toEqual({
        code: 1,
        stdout: "",
        stderr: "plain-events: x.json: not valid JSON: Bad JSON\n",
      });
    } finally {
      JSON.parse = original;
    }
  });

  it("points the caret at the column", () => {
    expect(excerpt("ab\ncd x\n", { line: 2, column: 4 })).toEqual(["  2 | cd x", "    |    ^"]);
    expect(excerpt("ab", { line: 5, column: 1 })).toEqual([]);
  });
});
