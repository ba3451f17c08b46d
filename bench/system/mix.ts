/**
 * The traffic of a busy server, reproducible from a seed: autocomplete while people type, /summary of the day's
 * popular articles (a Zipf-skewed "hot" set, so repeats hit the answer cache as they would), and /ask with a few
 * natural questions per article, some without naming the article (the bot picks the best match).
 */
import { seededRandom } from '../../test/support/random.ts';
import type { InteractionSpec } from './traffic.ts';

export interface CatalogueEntry {
  readonly id: string;
  readonly title: string;
}

export interface MixOptions {
  readonly count: number;
  readonly seed: number;
  /** Distinct askers: per-user cooldowns must not be what the run measures. */
  readonly users: number;
  /** Articles people actually read (the rest of the store only shows up in autocomplete). */
  readonly hotArticles?: number;
  /** Share of questions made unique (never answered from the cache), e.g. for a soak. */
  readonly uniqueQuestionShare?: number;
  /** Shares of autocomplete, /summary and /ask (they should add up to 1). */
  readonly shares?: { readonly autocomplete: number; readonly summary: number; readonly ask: number };
}

const DEFAULT_SHARES = { autocomplete: 0.4, summary: 0.3, ask: 0.3 };
const LENGTHS = ['brief', 'standard', 'standard', 'detailed'] as const;
const QUESTIONS = [
  (a: string, _b: string) => `What did officials say about ${a}?`,
  (a: string, b: string) => `What happened with ${a} and ${b} this week?`,
  (_a: string, b: string) => `Why does the ${b} plan matter?`,
];
/** Discord user ids are snowflakes: 17 to 20 digits. */
const USER_ID_BASE = 200_000_000_000_000_000n;

export function userId(index: number): string {
  return String(USER_ID_BASE + BigInt(index));
}

export function createMix(catalogue: readonly CatalogueEntry[], options: MixOptions): InteractionSpec[] {
  const random = seededRandom(options.seed);
  const shares = options.shares ?? DEFAULT_SHARES;
  const hotCount = Math.min(options.hotArticles ?? 60, catalogue.length);
  const hot = Array.from(
    { length: hotCount },
    (_, i) => catalogue[Math.floor((i * catalogue.length) / hotCount)],
  );
  const pickFrom = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  // Zipf-like: a few articles get most of the attention.
  const pickHot = () => hot[Math.floor(hot.length ** random()) - 1] ?? (hot[0] as CatalogueEntry);
  const words = (entry: CatalogueEntry) => entry.title.split(' ').filter((word) => word.length > 3);
  let unique = 0;

  const base = (i: number) => ({
    userId: userId(Math.floor(random() * options.users)),
    locale: random() < 0.1 ? 'de' : 'en-US',
    index: i,
  });

  function autocomplete(i: number): InteractionSpec {
    const entry = random() < 0.5 ? pickHot() : pickFrom(catalogue);
    const text = entry.title
      .split(' ')
      .slice(0, 1 + Math.floor(random() * 3))
      .join(' ');
    const typed = text.slice(0, Math.max(1, text.length - Math.floor(random() * 4)));
    const command = random() < 0.6 ? 'summary' : 'ask';
    const { userId, locale } = base(i);
    return {
      type: 'autocomplete',
      command,
      options: { article: typed },
      focused: 'article',
      userId,
      locale,
      title: null,
      label: 'autocomplete',
    };
  }

  function summary(i: number): InteractionSpec {
    const entry = pickHot();
    const { userId, locale } = base(i);
    const options = { article: entry.id, length: pickFrom(LENGTHS) };
    return {
      type: 'command',
      command: 'summary',
      options,
      userId,
      locale,
      title: entry.title,
      label: 'summary',
    };
  }

  function ask(i: number): InteractionSpec {
    const entry = pickHot();
    const [a = 'the council', b = 'budget'] = [pickFrom(words(entry)), pickFrom(words(entry))];
    let question = pickFrom(QUESTIONS)(a, b);
    if (random() < (options.uniqueQuestionShare ?? 0)) question = `${question} (asked ${++unique})`;
    const { userId, locale } = base(i);
    const named = random() < 0.9;
    const opts = named ? { question, article: entry.id } : { question };
    return {
      type: 'command',
      command: 'ask',
      options: opts,
      userId,
      locale,
      title: named ? entry.title : null,
      label: 'ask',
    };
  }

  return Array.from({ length: options.count }, (_, i) => {
    const roll = random();
    if (roll < shares.autocomplete) return autocomplete(i);
    if (roll < shares.autocomplete + shares.summary) return summary(i);
    return ask(i);
  });
}
