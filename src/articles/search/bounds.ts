import { POSTING_SLOT_SHIFT, POSTING_WEIGHT_MASK } from './posting-list.ts';
import type { ResolvedWord } from './query.ts';

// BM25 constants (the usual defaults).
export const BM25_K1 = 1.2;
export const BM25_B = 0.75;

/**
 * Upper bounds for MaxScore pruning. A term's BM25 score in any article is at most
 *   idf · weight · (k1 + 1) / (weight + k1 · (1 − b + b · length / average))
 * which grows with the weight and shrinks with the length: the term's highest weight and a length of 0 bound it.
 * A word (the best of its terms) is bounded by its best term.
 */
export function termBound(idf: number, maxWeight: number, k1: number, b: number): number {
  return maxWeight === 0 ? 0 : (idf * maxWeight * (k1 + 1)) / (maxWeight + k1 * (1 - b));
}

/** `rest[i]` = the most the words from i on could still add to one article; `rest[words.length]` = 0. */
export function remainingBounds(
  words: readonly ResolvedWord[],
  boundOf: (termId: number) => number,
): Float64Array {
  const rest = new Float64Array(words.length + 1);
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i] as ResolvedWord;
    let best = 0;
    for (const termId of word.termIds) best = Math.max(best, boundOf(termId));
    rest[i] = (rest[i + 1] as number) + best;
  }
  return rest;
}

/** Relative slack on every pruning comparison, so float rounding never prunes an article that ties. */
export const PRUNING_SLACK = 1e-9;

/** BM25 of one posting: the one formula every path scores with, so a score is the same number on every path. */
export function postingScore(
  idf: number,
  posting: number,
  lengths: ArrayLike<number>,
  lengthFactor: number,
): number {
  const weight = posting & POSTING_WEIGHT_MASK;
  const norm = BM25_K1 * (1 - BM25_B) + lengthFactor * (lengths[posting >>> POSTING_SLOT_SHIFT] ?? 0);
  return (idf * weight * (BM25_K1 + 1)) / (weight + norm);
}

/** A term of a query word (the word's rank) and the most it adds to a score. */
export interface RankedBound {
  readonly rank: number;
  readonly bound: number;
}

/**
 * For the document-at-a-time walk (walk.ts), `[i]`: the most the finding units before i (ascending bounds) and
 * every re-ranking unit can add to an article. A word adds the best of its terms, so each word counts with the
 * highest bound among its units so far, not their sum: a prefix with 32 rare completions is bounded by its best.
 */
export function boundsBelow(
  finders: readonly RankedBound[],
  rerankers: readonly RankedBound[],
  words: number,
): Float64Array {
  const wordBound = new Float64Array(words);
  let sum = 0;
  const include = (unit: RankedBound) => {
    const known = wordBound[unit.rank] as number;
    if (unit.bound <= known) return;
    sum += unit.bound - known;
    wordBound[unit.rank] = unit.bound;
  };
  for (const unit of rerankers) include(unit);
  const below = new Float64Array(finders.length + 1);
  finders.forEach((unit, index) => {
    below[index] = sum;
    include(unit);
  });
  below[finders.length] = sum;
  return below;
}
