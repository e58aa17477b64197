import { Composer } from "./compose.js";
import type { Fragment } from "./types.js";

/**
 * Starts a reusable run of components. Add it anywhere with `.add(fragment)`: it is spliced in
 * O(1), and its type remembers which kinds it holds, so a fragment with a row cannot be added
 * to a row, nor one with a container to a container.
 *
 * @example
 * ```ts
 * const footer = fragment().divider("M").button("Open dashboard", "https://app.example.com");
 * event("Invoice paid").text("Paid in full").add(footer);
 * ```
 */
export function fragment(): Fragment {
  return new Composer("fragment", undefined, undefined) as unknown as Fragment;
}
