import { build } from "esbuild";
import { describe, expect, it } from "vitest";

async function inputsOf(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    platform: "node",
    logLevel: "silent",
  });
  return Object.keys(result.metafile.inputs);
}

describe("entry points", () => {
  it("the core loads no transport code and not graphql-request", async () => {
    const inputs = await inputsOf("src/index.ts");
    expect(
      inputs.filter((i) => i.includes("graphql-request") || i.includes("src/transport")),
    ).toEqual([]);
  });

  it("the testing entry does not load graphql-request", async () => {
    const inputs = await inputsOf("src/testing/index.ts");
    expect(inputs.filter((i) => i.includes("graphql-request"))).toEqual([]);
  });

  it("the transport entry is built on graphql-request", async () => {
    const inputs = await inputsOf("src/transport/index.ts");
    expect(inputs.some((i) => i.includes("graphql-request"))).toBe(true);
  });
});
