import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTemplate } from "../../src/templates/index.js";
import { renderHtml, renderText } from "../../src/preview/index.js";
import { FIXTURES, lines, run, tempDir } from "./helpers.js";

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(join(FIXTURES, name), "utf8")) as unknown;
const PARAMS = fixture("params.json") as {
  fingerprint: string;
  roleCount: number;
  adminUrl: string;
};
const rendered = () =>
  loadTemplate(fixture("api-key-generated.template.json"), {
    params: ["fingerprint", "roleCount", "adminUrl"],
  }).render(PARAMS);

describe("plain-events preview", () => {
  it("prints the filled-in template as renderText draws it, without colour off a TTY", async () => {
    const { code, stdout, stderr } = await run([
      "preview",
      "api-key-generated.template.json",
      "--params",
      "params.json",
    ]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toBe(`${renderText(rendered(), { color: false })}\n`);
    expect(stdout).toContain("3b7896975ee9fd15eeb7");
    expect(stdout).not.toContain("\u001b[");
  });

  it("uses colour on a TTY and with FORCE_COLOR, never with NO_COLOR", async () => {
    const argv = ["preview", "api-key-generated.template.json", "--params", "params.json"];
    const coloured = `${renderText(rendered(), { color: true })}\n`;
    expect(coloured).toContain("\u001b[");
    expect((await run(argv, { tty: true })).stdout).toBe(coloured);
    expect((await run(argv, { env: { FORCE_COLOR: "1" } })).stdout).toBe(coloured);
    expect((await run(argv, { tty: true, env: { NO_COLOR: "1" } })).stdout).not.toContain(
      "\u001b[",
    );
    expect((await run(argv, { env: { FORCE_COLOR: "0" } })).stdout).not.toContain("\u001b[");
  });

  it("takes params one by one, reading a number param as a number", async () => {
    const { code, stdout } = await run([
      "preview",
      "api-key-generated.template.json",
      "--param",
      `fingerprint=${PARAMS.fingerprint}`,
      "--param",
      "roleCount=4",
      "--param",
      `adminUrl=${PARAMS.adminUrl}`,
    ]);
    expect(code).toBe(0);
    expect(stdout).toBe(`${renderText(rendered(), { color: false })}\n`);
  });

  it("lets --param override --params", async () => {
    const { stdout } = await run([
      "preview",
      "api-key-generated.template.json",
      "--params",
      "params.json",
      "--param",
      "fingerprint=override",
    ]);
    expect(stdout).toContain("override");
    expect(stdout).not.toContain(PARAMS.fingerprint);
  });

  it("names every missing param, and says how to pass them", async () => {
    const { code, stdout, stderr } = await run(["preview", "api-key-generated.template.json"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    const out = lines(stderr);
    expect(out[0]).toBe(
      "plain-events: api-key-generated.template.json: missing params: fingerprint, roleCount, adminUrl (pass --params file.json or --param name=value)",
    );
    expect(out.slice(1)).toEqual([
      expect.stringMatching(/^ {2}params\.fingerprint: is missing/),
      expect.stringMatching(/^ {2}params\.roleCount: is missing/),
      expect.stringMatching(/^ {2}params\.adminUrl: is missing/),
    ]);
  });

  it("lists wrongly typed and unknown params", async () => {
    const dir = tempDir({
      "p.json": JSON.stringify({ ...PARAMS, roleCount: "four", adminUrl: "ftp://x", extra: 1 }),
    });
    const { code, stderr } = await run(
      ["preview", join(FIXTURES, "api-key-generated.template.json"), "--params", "p.json"],
      { cwd: dir },
    );
    expect(code).toBe(1);
    const out = lines(stderr);
    expect(out[0]).toMatch(/: invalid params \(3 problems\):$/);
    expect(out.slice(1).map((l) => l.trim().split(":")[0])).toEqual([
      "params.roleCount",
      "params.adminUrl",
      "params.extra",
    ]);
  });

  it("refuses a params file that is not an object, and a --param without =", async () => {
    const array = await run([
      "preview",
      "api-key-generated.template.json",
      "--params",
      "params-array.json",
    ]);
    expect(array.code).toBe(1);
    expect(lines(array.stderr)).toEqual([
      'plain-events: params-array.json: params must be a JSON object of name → value, e.g. { "fingerprint": "3b78" }',
    ]);
    const pair = await run(["preview", "api-key-generated.template.json", "--param", "oops"]);
    expect(pair.code).toBe(2);
    expect(lines(pair.stderr)[0]).toBe('plain-events: --param takes name=value, got "oops"');
  });

  it("previews a template without params, a request and a component list", async () => {
    const deploy = await run(["preview", "deploy.template.json"]);
    expect(deploy.code).toBe(0);
    expect(deploy.stdout).toContain("Deployed to production");

    const request = await run(["preview", "request.json", "--time-zone", "UTC"]);
    expect(request.stdout).toBe(
      `${renderText(fixture("request.json") as never, { color: false, timeZone: "UTC" })}\n`,
    );
    const components = await run(["preview", "components.json"]);
    expect(components.stdout).toBe(
      `${renderText(fixture("components.json") as never, { color: false })}\n`,
    );
  });

  it("refuses params for a request, and a time zone that does not exist", async () => {
    const params = await run(["preview", "request.json", "--params", "params.json"]);
    expect(params.code).toBe(2);
    expect(lines(params.stderr)[0]).toBe(
      "plain-events: request.json is a request, which takes no params",
    );
    const zone = await run(["preview", "request.json", "--time-zone", "Mars/Olympus"]);
    expect(zone.code).toBe(2);
    expect(lines(zone.stderr)[0]).toBe(
      'plain-events: --time-zone: "Mars/Olympus" is not an IANA time zone',
    );
  });

  it("writes an HTML page with --html and prints its path", async () => {
    const dir = tempDir();
    const { code, stdout, stderr } = await run(
      [
        "preview",
        join(FIXTURES, "api-key-generated.template.json"),
        "--params",
        join(FIXTURES, "params.json"),
        "--html",
        "out.html",
      ],
      { cwd: dir },
    );
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toBe("out.html\n");
    const page = readFileSync(join(dir, "out.html"), "utf8");
    expect(page).toBe(renderHtml(rendered()));
    expect(page).toMatch(/^<!doctype html>/i);
  });

  it("writes the page to standard output with --html -", async () => {
    const { code, stdout } = await run(["preview", "deploy.template.json", "--html", "-"]);
    expect(code).toBe(0);
    expect(stdout).toBe(renderHtml(loadTemplate(fixture("deploy.template.json"))));
  });

  it("reports a page it cannot write in one line", async () => {
    const { code, stderr } = await run([
      "preview",
      "deploy.template.json",
      "--html",
      "no/such/dir/out.html",
    ]);
    expect(code).toBe(1);
    expect(lines(stderr)).toHaveLength(1);
    expect(stderr).toMatch(/^plain-events: cannot write no\/such\/dir\/out\.html: /);
  });

  it("reports an invalid file as validate does", async () => {
    const preview = await run(["preview", "invalid.template.json"]);
    const validate = await run(["validate", "invalid.template.json"]);
    expect(preview.code).toBe(1);
    expect(preview.stderr).toBe(validate.stderr);
  });
});
