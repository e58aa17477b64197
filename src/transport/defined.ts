/** `T` with its fields that may be `undefined` made optional instead. */
export type Defined<T> = {
  [K in keyof T as undefined extends T[K] ? never : K]: T[K];
} & { [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined> };

/**
 * A copy of `fields` without those that are `undefined`, in the same order: how results and
 * errors leave out an optional field (`requestId`, `resetAt`, …) rather than hold `undefined`.
 */
export function defined<T extends object>(fields: T): Defined<T> {
  const out: Partial<T> = {};
  // for…in, not Object.entries: no arrays to allocate on the way (this runs once per answer).
  for (const key in fields) if (fields[key] !== undefined) out[key] = fields[key];
  return out as unknown as Defined<T>;
}
