import { BM25_K1, PRUNING_SLACK } from './bounds.ts';
import { impactScale, type TermImpacts } from './impacts.ts';
import { listLength, POSTING_SLOT_SHIFT, type PostingList, postingAt } from './posting-list.ts';
import type { Postings } from './postings.ts';
import type { ResolvedWord } from './query.ts';
import type { ArticleSlots, ScoredSlots } from './slots.ts';
import { kthLargest } from './top-k.ts';

/** A head start reads at most this many postings (heads, short lists); past it the plain scan is no dearer. */
const MAX_KNOWN_POSTINGS = 50_000;

/** What a head start needs of the scorer: its scratch scores and its per-posting arithmetic. */
export interface HeadStartScorer {
  readonly scores: Float64Array;
  /** Each posting's score for the term into `scores` where higher, its slot into `touched` when first scored. */
  scanBest(termId: number, postings: PostingList, touched: number[]): void;
  bm25(termId: number, posting: number): number;
  idf(termId: number): number;
}

/** BM25 of an impact: idf · (k1 + 1) · weight / (weight + norm). */
export function impactBound(idf: number, impact: number): number {
  return idf * (BM25_K1 + 1) * impact;
}

/**
 * Answers a one-word search (what autocomplete mostly sends: "Fii…" or "year") from the heads of its long posting
 * lists (impacts.ts), without reading the rest of them. A word scores an article with its best-matching term, so
 * from the heads and the short lists each article gets a known score, and a long term's postings outside its head
 * score at most its tail bound. When the k-th best known score is above every tail bound, no posting left unread
 * can reach the best k, and the known scores of those above it are their scores: the same hits, the same numbers
 * as the full scan (scoring.ts). Otherwise it gives up and the scan runs.
 *
 * One word only: with several, the scan lets a common word re-rank only the articles the rarer words found
 * (scoring.ts), which a start from the common word's head would not reproduce.
 */
export class HeadStart {
  constructor(
    private readonly slots: ArticleSlots,
    private readonly postings: Postings,
    private readonly impacts: TermImpacts,
  ) {}

  /** Scores written into `scorer.scores` (all in `touched`), or undefined with nothing written. */
  run(scorer: HeadStartScorer, words: readonly ResolvedWord[], limit: number): ScoredSlots | undefined {
    const word = words.length === 1 ? words[0] : undefined;
    if (limit <= 0 || word === undefined || !this.worthIt(word)) return undefined;
    const touched: number[] = [];
    for (const termId of word.termIds) this.scanKnown(scorer, termId, touched);
    const bar = touched.length < limit ? 0 : kthLargest(scorer.scores, touched, limit);
    if (bar > this.tail(scorer, word) * (1 + PRUNING_SLACK)) {
      const candidates = touched.filter((slot) => (scorer.scores[slot] as number) >= bar);
      return { candidates, touched };
    }
    for (const slot of touched) scorer.scores[slot] = 0;
    return undefined;
  }

  /** A long list to skip, and not so many short ones that reading them all costs as much as the scan. */
  private worthIt(word: ResolvedWord): boolean {
    let known = 0;
    let headed = false;
    for (const termId of word.termIds) {
      const { head, measured } = this.impacts.of(termId);
      const length = this.postings.frequency(termId);
      headed ||= head !== undefined;
      known += head === undefined ? length : head.length + length - measured;
    }
    return headed && known <= MAX_KNOWN_POSTINGS;
  }

  /** The most a posting outside the word's heads can score. */
  private tail(scorer: HeadStartScorer, word: ResolvedWord): number {
    let tail = 0;
    for (const termId of word.termIds) {
      const impact = this.impacts.of(termId);
      if (impact.head === undefined) continue;
      const scale = impactScale(impact, this.slots.averageLength);
      tail = Math.max(tail, impactBound(scorer.idf(termId), impact.tailImpact * scale));
    }
    return tail;
  }

  /** The term's known postings, best per article into `scores`: a short list whole, a long one's head and end. */
  private scanKnown(scorer: HeadStartScorer, termId: number, touched: number[]): void {
    const impact = this.impacts.of(termId);
    const list = this.postings.list(termId);
    if (impact.head === undefined) {
      scorer.scanBest(termId, list, touched);
      return;
    }
    scorer.scanBest(termId, impact.head, touched);
    // Postings appended since the head was chosen (a few hundred at most: impacts.ts re-measures past that).
    for (let i = impact.measured; i < listLength(list); i++) {
      const posting = postingAt(list, i);
      const slot = posting >>> POSTING_SLOT_SHIFT;
      if (this.slots.ids[slot] === undefined) continue;
      const score = scorer.bm25(termId, posting);
      const previous = scorer.scores[slot] as number;
      if (previous === 0) touched.push(slot);
      if (score > previous) scorer.scores[slot] = score;
    }
  }
}
