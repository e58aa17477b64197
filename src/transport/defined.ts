/** `T` with its fields that may be `undefined` made optional instead. */
export type Defined<T> = {
  [K in keyof T as undefined extends T[K] ? never : K]: T[K];
} & { [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined> };

/**
 * A copy of `fields` without those that are `undefined`, in the same order: how results and
 * errors leave out an optional field (`requestId`, `resetAt`, …) rather than hold `undefined`.
 */
export function defined<T extends object>(fields: T): Defined<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out as Defined<T>;
}
