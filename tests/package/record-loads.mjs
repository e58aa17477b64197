// Module hooks for tests/package: append every module URL Node resolves to $PLAIN_EVENTS_LOAD_LOG,
// so a test can see exactly what importing an entry of the built package loads.
import { appendFileSync } from "node:fs";

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.PLAIN_EVENTS_LOAD_LOG, `${result.url}\n`);
  return result;
}
