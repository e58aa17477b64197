import {
  integer,
  LIMITS,
  showValue,
  ValidationError,
  type EventComponentInput,
  type Problem,
} from "../components/index.js";
import { compileList, Composer, listOf, metaOf, throwIfInvalid } from "./compose.js";
import type { Cell } from "./list.js";
import { callSite } from "./site.js";
import type { CardBuilder, CardResponseEntry } from "./types.js";

const CARD_KEY = /^[a-zA-Z0-9_-]+$/;

interface CardMeta {
  readonly key: string;
  readonly ttl?: number;
  readonly problems: readonly Problem[];
}

function keyProblems(key: unknown): Problem[] {
  if (typeof key !== "string" || !CARD_KEY.test(key)) {
    return [
      {
        path: "key",
        message: `${showValue(key)} is not a card key (letters, digits, "_" and "-" only)`,
      },
    ];
  }
  if (key.length > LIMITS.cardKeyMax) {
    return [
      {
        path: "key",
        message: `is ${key.length} characters long; the limit is ${LIMITS.cardKeyMax}`,
      },
    ];
  }
  return [];
}

const ttlRule = integer(LIMITS.cardTtlMin, LIMITS.cardTtlMax);

class CardComposer extends Composer<CardMeta> {
  /** @internal */
  override _with(list: Cell | undefined, meta: CardMeta = metaOf(this)): this {
    return new CardComposer("card", list, meta) as this;
  }

  get key(): string {
    return metaOf(this).key;
  }

  /** @internal */
  override _subject(): string {
    return `card ${JSON.stringify(this.key)}`;
  }

  ttl(seconds: unknown): CardComposer {
    const out: Problem[] = [];
    ttlRule(seconds, "timeToLiveSeconds", out);
    const site = out.length > 0 ? callSite(CardComposer.prototype.ttl) : undefined;
    const meta = metaOf(this);
    return this._with(listOf(this), {
      ...meta,
      ttl: seconds as number,
      problems: [
        ...meta.problems.filter((p) => p.path !== "timeToLiveSeconds"),
        ...out.map((p) => (site === undefined ? p : { ...p, site })),
      ],
    });
  }

  build(): CardResponseEntry {
    const { key, ttl, problems } = metaOf(this);
    const compiled = compileList(listOf(this), "components");
    const extra = [...problems];
    if (compiled.components.length === 0) {
      extra.push({
        path: "components",
        message: "must hold at least one component (use hiddenCard(key) to hide a card)",
      });
    }
    throwIfInvalid(this._subject(), compiled, extra);
    const components = compiled.components as EventComponentInput[];
    // The documented key order: key, timeToLiveSeconds, components.
    return ttl === undefined ? { key, components } : { key, timeToLiveSeconds: ttl, components };
  }
}

/**
 * Starts a customer card: the same components as an event, answered to Plain's card request.
 *
 * @param key - The card's key: `[a-zA-Z0-9_-]+`, at most 500 characters.
 * @example
 * ```ts
 * const usage = card("usage").ttl(300).text("**42** seats").badge("Enterprise", "BLUE");
 * res.json(cardsResponse([usage]));
 * ```
 */
export function card(key: string): CardBuilder {
  const problems = keyProblems(key);
  const site = problems.length > 0 ? callSite(card) : undefined;
  return new CardComposer("card", undefined, {
    key,
    problems: site === undefined ? problems : problems.map((p) => ({ ...p, site })),
  }) as unknown as CardBuilder;
}

/** A card answered with `components: null`, which tells Plain to hide it. */
export function hiddenCard(key: string): CardResponseEntry {
  const problems = keyProblems(key);
  if (problems.length > 0) throw new ValidationError(`card ${JSON.stringify(key)}`, problems);
  return { key, components: null };
}

/** Options of {@link cardsResponse}. */
export interface CardsResponseOptions {
  /** The `cardKeys` of Plain's request. Every one must come back; none may be extra. */
  readonly requestedKeys?: readonly string[];
}

/**
 * Turns cards into the response body Plain expects: `{ cards: [{ key, timeToLiveSeconds, components }] }`.
 * Throws a `ValidationError` listing every problem: invalid cards, duplicate keys, more than 25
 * cards, or (with `requestedKeys`) a requested key missing from the answer.
 */
export function cardsResponse(
  cards: readonly (CardBuilder | CardResponseEntry)[],
  options: CardsResponseOptions = {},
): { readonly cards: readonly CardResponseEntry[] } {
  const problems: Problem[] = [];
  const entries: CardResponseEntry[] = [];
  cards.forEach((c, i) => {
    try {
      entries.push(
        c instanceof CardComposer ? (c as CardComposer).build() : (c as CardResponseEntry),
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const p of error.problems)
        problems.push({ ...p, path: `cards[${i}].${p.path}`.replace(/\.$/, "") });
    }
  });
  if (cards.length > LIMITS.cardsMax) {
    problems.push({
      path: "cards",
      message: `holds ${cards.length} cards; Plain allows at most ${LIMITS.cardsMax}`,
    });
  }
  const seen = new Set<string>();
  for (const [i, e] of entries.entries()) {
    if (seen.has(e.key))
      problems.push({ path: `cards[${i}].key`, message: `${showValue(e.key)} appears twice` });
    seen.add(e.key);
  }
  if (options.requestedKeys !== undefined) {
    for (const key of options.requestedKeys) {
      if (!seen.has(key)) {
        problems.push({
          path: "cards",
          message: `has no card for the requested key ${showValue(key)} (every requested key must come back; use hiddenCard(key) to hide one)`,
        });
      }
    }
  }
  if (problems.length > 0) throw new ValidationError("cards response", problems);
  return { cards: entries };
}
