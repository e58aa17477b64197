/**
 * Finds the user's own line of code that called a builder method, so that a validation error
 * can point at it. Only called when something is wrong: capturing a stack is too slow for the
 * happy path.
 *
 * @param boundary - the public method the user called; V8 drops it and every frame above it.
 */
export function callSite(boundary: (...args: never[]) => unknown): string | undefined {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 5;
  try {
    Error.captureStackTrace(holder, boundary);
  } finally {
    Error.stackTraceLimit = limit;
  }
  for (const line of (holder.stack ?? "").split("\n").slice(1)) {
    const match = /\(([^()]+:\d+:\d+)\)\s*$/.exec(line) ?? /at\s+([^\s()]+:\d+:\d+)\s*$/.exec(line);
    if (match === null) continue;
    const location = (match[1] as string).replace(/^file:\/\//, "");
    if (location.startsWith("node:")) continue;
    return relativeToCwd(location);
  }
  return undefined;
}

function relativeToCwd(location: string): string {
  const cwd = typeof process === "object" && typeof process.cwd === "function" ? process.cwd() : "";
  return cwd !== "" && location.startsWith(cwd + "/") ? location.slice(cwd.length + 1) : location;
}
