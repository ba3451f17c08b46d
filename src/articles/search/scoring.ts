import { findSlot, forEachRun, POSTING_SLOT_SHIFT, POSTING_WEIGHT_MASK } from './posting-list.ts';
import type { Postings } from './postings.ts';
import type { ResolvedWord } from './query.ts';
import type { ArticleSlots } from './slots.ts';

// BM25 constants (the usual defaults).
const K1 = 1.2;
const B = 0.75;

/**
 * BM25 over the posting lists, with scratch arrays reused between searches (no allocation per article).
 * Words are taken rarest first; a common word whose list is much longer than the articles found so far only
 * re-ranks those (binary search in its list, sorted by slot) instead of scanning 100,000 postings.
 */
export class Bm25Scorer {
  private scores = new Float64Array(1_024);
  private wordScores = new Float64Array(1_024);

  constructor(
    private readonly slots: ArticleSlots,
    private readonly postings: Postings,
  ) {}

  /** Scores the articles matching the words; returns their slots. Read with `score`, then call `reset`. */
  run(words: readonly ResolvedWord[]): number[] {
    this.ensureScratch();
    const touched: number[] = [];
    for (const word of [...words].sort((a, b) => a.frequency - b.frequency)) {
      if (touched.length > 0 && this.lookupIsCheaper(word, touched.length)) this.rescore(word, touched);
      else this.scan(word, touched);
    }
    return touched;
  }

  score(slot: number): number {
    return this.scores[slot] ?? 0;
  }

  reset(touched: readonly number[]): void {
    for (const slot of touched) this.scores[slot] = 0;
  }

  private lookupIsCheaper(word: ResolvedWord, candidates: number): boolean {
    const lookups = word.termIds.reduce((sum, id) => sum + Math.log2(this.postings.frequency(id) + 1) + 1, 0);
    return candidates * lookups < word.frequency;
  }

  /** Adds the word's best-matching term score per article (a prefix matching twice does not count twice). */
  private scan(word: ResolvedWord, touched: number[]): void {
    if (word.termIds.length === 1) {
      this.scanTerm(word.termIds[0] as number, this.scores, touched, false);
      return;
    }
    const wordTouched: number[] = [];
    for (const termId of word.termIds) this.scanTerm(termId, this.wordScores, wordTouched, true);
    for (const slot of wordTouched) {
      if (this.scores[slot] === 0) touched.push(slot);
      this.scores[slot] = (this.scores[slot] ?? 0) + (this.wordScores[slot] ?? 0);
      this.wordScores[slot] = 0;
    }
  }

  private rescore(word: ResolvedWord, touched: readonly number[]): void {
    for (const slot of touched) {
      let best = 0;
      for (const termId of word.termIds) {
        const posting = findSlot(this.postings.list(termId), slot);
        if (posting !== undefined) best = Math.max(best, this.bm25(termId, posting));
      }
      this.scores[slot] = (this.scores[slot] ?? 0) + best;
    }
  }

  private bm25(termId: number, posting: number): number {
    const live = this.slots.live;
    const frequency = Math.min(live, this.postings.frequency(termId));
    const idf = Math.log(1 + (live - frequency + 0.5) / (frequency + 0.5));
    const weight = posting & POSTING_WEIGHT_MASK;
    const length = this.slots.lengths[posting >>> POSTING_SLOT_SHIFT] ?? 0;
    return (idf * weight * (K1 + 1)) / (weight + K1 * (1 - B + (B * length) / this.slots.averageLength));
  }

  /** BM25 of one term into `into` (summed, or the maximum when `keepBest`); the hot loop of every search. */
  private scanTerm(termId: number, into: Float64Array, touched: number[], keepBest: boolean): void {
    const { ids, lengths } = this.slots;
    const live = this.slots.live;
    const frequency = Math.min(live, this.postings.frequency(termId));
    const idf = Math.log(1 + (live - frequency + 0.5) / (frequency + 0.5));
    const lengthFactor = (K1 * B) / this.slots.averageLength;
    forEachRun(this.postings.list(termId), (run, count) => {
      for (let i = 0; i < count; i++) {
        const posting = run[i] as number;
        const slot = posting >>> POSTING_SLOT_SHIFT;
        if (ids[slot] === undefined) continue;
        const weight = posting & POSTING_WEIGHT_MASK;
        const norm = K1 * (1 - B) + lengthFactor * (lengths[slot] as number);
        const score = (idf * weight * (K1 + 1)) / (weight + norm);
        const previous = into[slot] as number;
        if (previous === 0) touched.push(slot);
        into[slot] = keepBest ? Math.max(previous, score) : previous + score;
      }
    });
  }

  private ensureScratch(): void {
    const needed = this.slots.capacity;
    if (this.scores.length >= needed) return;
    const size = Math.max(needed, this.scores.length * 2);
    this.scores = new Float64Array(size);
    this.wordScores = new Float64Array(size);
  }
}
