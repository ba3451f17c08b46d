import { foldText, isStopword, queryLanguage, TermAnalyzer, words } from '../../text/analyzer.ts';
import type { SearchHit } from '../article.ts';
import { MAX_QUERY_CHARS } from './query.ts';

/**
 * When is a typed article reference ("/summary article:heatwave grid") sure enough to answer from? The words are
 * compared with the TITLES of the few best search hits only, so the cost is O(candidates × title words), whatever
 * the number of stored articles.
 *
 * A candidate's coverage is the share of the typed content words (stopwords out, case and accents folded) found
 * in its title: the same stem ("blockaded" ~ "blockade"), the start of a title word for the word still being typed
 * ("electri" ~ "electricity"), or one typo away (two for words of 8+ letters: "aproves" ~ "approves").
 * The reference is confident when the best candidate covers at least MIN_TITLE_COVERAGE, beats the runner-up's
 * coverage by MIN_COVERAGE_MARGIN, and — for a single typed word — no other article contains that word at all.
 */
export const MIN_TITLE_COVERAGE = 0.6;
export const MIN_COVERAGE_MARGIN = 0.2;
export const MIN_TYPED_WORDS = 2;
/** Words shorter than this are never matched by spelling distance ("war" is not a typo of "car"). */
const MIN_FUZZY_WORD_CHARS = 5;
const LONG_WORD_CHARS = 8;
/** Only the start of a very long title is compared (bounded work per candidate). */
const MAX_TITLE_WORDS = 40;
/** A word being typed must have this many letters before it can match the start of a title word. */
const MIN_PREFIX_CHARS = 3;
/** Only the first words of a long reference are judged, as search reads only the first ones too. */
const MAX_TYPED_WORDS = 32;

interface TypedWord {
  readonly folded: string;
  /** Its terms in every language, its reader's language first (TermAnalyzer.toTerms). */
  readonly terms: readonly string[];
  /** The language the typed text is read in (queryLanguage). */
  readonly language: string;
  /** true for the last word when the text does not end in a space or punctuation. */
  readonly typing: boolean;
}

export interface RankedCandidate {
  readonly hit: SearchHit;
  /** 0–1: share of the typed content words found in the title. */
  readonly coverage: number;
}

export type ReferenceVerdict =
  | {
      readonly kind: 'confident';
      readonly pick: RankedCandidate;
      readonly ranked: readonly RankedCandidate[];
    }
  | { readonly kind: 'unsure'; readonly ranked: readonly RankedCandidate[] };

/** The typed content words, each once; the last one marked when it may be unfinished. */
export function typedWords(reference: string, analyzer: TermAnalyzer): TypedWord[] {
  const text = reference.slice(0, MAX_QUERY_CHARS);
  const language = queryLanguage(text);
  const all = words(text, language);
  const endsInWord = /[\p{L}\p{N}]$/u.test(text);
  const seen = new Map<string, TypedWord>();
  all.forEach((folded, index) => {
    if (isStopword(folded, language)) return;
    const typing = endsInWord && index === all.length - 1;
    seen.set(folded, { folded, terms: analyzer.toTerms(folded, language), language, typing });
  });
  return [...seen.values()].slice(0, MAX_TYPED_WORDS);
}

/**
 * Edit distance counting a swap of neighbours as one edit ("musuem" ~ "museum"), or `limit + 1` as soon as it
 * must exceed `limit`. Words are at most 32 characters, so this is at most ~1,000 steps.
 */
export function editDistanceWithin(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? i) + 1, (current[j - 1] ?? i) + 1, (previous[j - 1] ?? i) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, (before[j - 2] ?? i) + 1);
      current.push(value);
      rowBest = Math.min(rowBest, value);
    }
    if (rowBest > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}

function wordMatches(typed: TypedWord, titleWords: readonly string[], titleTerms: ReadonlySet<string>) {
  if (typed.terms.some((term) => titleTerms.has(term))) return true;
  const limit = typed.folded.length >= LONG_WORD_CHARS ? 2 : 1;
  return titleWords.some(
    (word) =>
      (typed.typing && typed.folded.length >= MIN_PREFIX_CHARS && word.startsWith(typed.folded)) ||
      (typed.folded.length >= MIN_FUZZY_WORD_CHARS &&
        word.length >= MIN_FUZZY_WORD_CHARS &&
        editDistanceWithin(typed.folded, word, limit) <= limit),
  );
}

/** Share of the typed words found in the title (0 when nothing was typed). */
export function titleCoverage(typed: readonly TypedWord[], title: string, analyzer: TermAnalyzer): number {
  const [first] = typed;
  if (first === undefined) return 0;
  const titleWords = words(title, first.language).slice(0, MAX_TITLE_WORDS);
  const titleTerms = new Set(titleWords.flatMap((word) => analyzer.toTerms(word, first.language)));
  const matched = typed.filter((word) => wordMatches(word, titleWords, titleTerms)).length;
  return matched / typed.length;
}

/** Whether the text is the title itself, up to case, accents, spacing and punctuation. */
export function isSameTitle(text: string, title: string): boolean {
  const typed = foldText(text);
  return typed !== '' && typed === foldText(title);
}

/**
 * Ranks the search hits by title coverage (search order breaks ties) and says whether the best is a confident
 * pick. `hits` are the best few search results for `text`, best first; `totalHits` how many the search found.
 */
export function judgeReference(
  text: string,
  hits: readonly SearchHit[],
  analyzer: TermAnalyzer = new TermAnalyzer(),
): ReferenceVerdict {
  const typed = typedWords(text, analyzer);
  const ranked = hits
    .filter((hit) => hit.score > 0)
    .map((hit) => ({ hit, coverage: titleCoverage(typed, hit.title, analyzer) }))
    .sort((a, b) => b.coverage - a.coverage);
  const [best, runnerUp] = ranked;
  if (!best || best.coverage < MIN_TITLE_COVERAGE) return { kind: 'unsure', ranked };
  if (runnerUp && best.coverage - runnerUp.coverage < MIN_COVERAGE_MARGIN) return { kind: 'unsure', ranked };
  // One word is too little to name an article ("council", "Karabakh"): it is offered, not picked.
  if (typed.length < MIN_TYPED_WORDS) return { kind: 'unsure', ranked };
  return { kind: 'confident', pick: best, ranked };
}
