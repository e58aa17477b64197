import { fileURLToPath } from "node:url";

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

/** Tests and examples import "plain-events" as users do; these point it at the source. */
export const sourceAliases = [
  { find: /^plain-events$/, replacement: src("index.ts") },
  {
    find: /^plain-events\/(transport|bulk|preview|testing|templates)$/,
    replacement: src("$1/index.ts"),
  },
];
