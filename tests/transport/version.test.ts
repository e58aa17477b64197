import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { USER_AGENT } from "../../src/transport/index.js";
import { VERSION } from "../../src/version.js";

describe("VERSION", () => {
  it("equals package.json's version and names the User-Agent", () => {
    const pkg = JSON.parse(
      readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
    ) as {
      version: string;
    };
    expect(VERSION).toBe(pkg.version);
    expect(USER_AGENT).toBe(`plain-events/${pkg.version}`);
  });
});
