import { BM25_B, BM25_K1, PRUNING_SLACK, postingScore, remainingBounds, termBound } from './bounds.ts';
import { type Bm25Bounds, DocAtATime } from './doc-at-a-time.ts';
import { HeadStart, type HeadStartScorer, impactBound } from './head-start.ts';
import { impactScale, TermImpacts } from './impacts.ts';
import { inSlotOrder, ListCursor } from './list-cursor.ts';
import { forEachRun, POSTING_SLOT_SHIFT, type PostingList } from './posting-list.ts';
import type { Postings } from './postings.ts';
import type { ResolvedWord } from './query.ts';
import type { ArticleSlots, ScoredSlots } from './slots.ts';
import { kthLargest } from './top-k.ts';
import { lookupIsCheaper, type WordRoles, wordRoles } from './word-roles.ts';

const K1 = BM25_K1;
const B = BM25_B;

/**
 * BM25 over the posting lists, with scratch arrays reused between searches (no allocation per article).
 * Words are taken rarest first; a common word whose list is much longer than the articles found so far only
 * re-ranks those (word-roles.ts) instead of bringing in 100,000 more. One word starts from its list's head
 * (head-start.ts); several common ones are walked article by article (doc-at-a-time.ts); the rest word by word.
 */
export class Bm25Scorer implements HeadStartScorer, Bm25Bounds {
  private scratch = {
    scores: new Float64Array(1_024),
    word: new Float64Array(1_024),
  };
  private readonly impacts: TermImpacts;
  private readonly headStart: HeadStart;
  private readonly walk: DocAtATime;

  constructor(
    private readonly slots: ArticleSlots,
    private readonly postings: Postings,
  ) {
    this.impacts = new TermImpacts(slots, postings);
    this.headStart = new HeadStart(slots, postings, this.impacts);
    this.walk = new DocAtATime(slots, postings);
  }

  get scores(): Float64Array {
    return this.scratch.scores;
  }

  private get wordScores(): Float64Array {
    return this.scratch.word;
  }

  /**
   * Scores the articles matching the words. `candidates` holds every article that can be among the best `limit`
   * (read them with `score`); `touched` every slot written, for `reset`.
   *
   * Pruning (MaxScore): each word's score is at most its bound (bounds.ts). Once the k-th best score so far exceeds
   * what all the words still to come could add, no article untouched so far can reach the best k, so the rest only
   * re-score the candidates that still can. Words keep their order (rarest first), so every candidate's score is
   * the same sum, added in the same order, as without pruning: the same hits, the same scores.
   */
  run(words: readonly ResolvedWord[], limit: number): ScoredSlots {
    this.ensureScratch();
    const ordered = [...words].sort((a, b) => a.frequency - b.frequency);
    const started = this.headStart.run(this, ordered, limit);
    if (started) return started;
    const roles = wordRoles(ordered, this.postings);
    return this.walk.suits(ordered, roles, limit)
      ? this.walk.run(this, ordered, roles, limit)
      : this.termAtATime(ordered, roles, limit);
  }

  /** Word after word, rarest first. */
  private termAtATime(ordered: readonly ResolvedWord[], roles: WordRoles, limit: number): ScoredSlots {
    const rest = remainingBounds(ordered, (termId) => this.bound(termId));
    const touched: number[] = [];
    for (let i = 0; i < ordered.length; i++) {
      const threshold = this.pruningThreshold(touched, limit, rest, i);
      if (threshold !== undefined)
        return { touched, candidates: this.finishAmong(ordered.slice(i), touched, limit, threshold) };
      const word = ordered[i] as ResolvedWord;
      if (roles.findsArticles[i]) this.scan(word, touched);
      else this.rescore(word, touched);
    }
    return { touched, candidates: touched };
  }

  /** The k-th best score among the slots (the lowest when there are fewer). */
  private kthScore(slots: readonly number[], k: number): number {
    return kthLargest(this.scores, slots, k);
  }

  /** A threshold that prunes the words from `next` on, or undefined while an untouched article could still rank. */
  private pruningThreshold(
    touched: readonly number[],
    limit: number,
    rest: Float64Array,
    next: number,
  ): number | undefined {
    if (limit <= 0 || touched.length < limit) return undefined;
    const remaining = rest[next] as number;
    // No score so far exceeds the bounds of the words done: a cheap test before the exact k-th score.
    if ((rest[0] as number) - remaining <= remaining) return undefined;
    const threshold = this.kthScore(touched, limit);
    return threshold > remaining * (1 + PRUNING_SLACK) ? threshold : undefined;
  }

  /** The candidates that could still reach `threshold` with at most `remaining` more. */
  private stillPossible(slots: readonly number[], remaining: number, threshold: number): number[] {
    const needed = threshold * (1 - PRUNING_SLACK) - remaining;
    return slots.filter((slot) => (this.scores[slot] as number) >= needed);
  }

  /** The remaining words, added to the candidates only, dropping those that fall out of reach on the way. */
  private finishAmong(
    words: readonly ResolvedWord[],
    touched: readonly number[],
    limit: number,
    threshold: number,
  ): number[] {
    const rest = remainingBounds(words, (termId) => this.bound(termId));
    let candidates = this.stillPossible(touched, rest[0] as number, threshold);
    let bar = threshold;
    words.forEach((word, index) => {
      if (lookupIsCheaper(word, candidates.length, this.postings)) this.rescore(word, candidates);
      else this.scanAmong(word, candidates);
      bar = Math.max(bar, this.kthScore(candidates, limit));
      candidates = this.stillPossible(candidates, rest[index + 1] as number, bar);
    });
    return candidates;
  }

  /** The word's best term score added to the candidates only (a scan: cheaper than lookups for a long list). */
  private scanAmong(word: ResolvedWord, candidates: readonly number[]): void {
    const wordTouched: number[] = [];
    for (const termId of word.termIds) this.scanTerm(termId, this.wordScores, wordTouched, true);
    for (const slot of candidates)
      this.scores[slot] = (this.scores[slot] ?? 0) + (this.wordScores[slot] ?? 0);
    for (const slot of wordTouched) this.wordScores[slot] = 0;
  }

  /** The most the term adds to one article: its highest impact, or (looser) its highest weight at length 0. */
  bound(termId: number): number {
    const idf = this.idf(termId);
    const impact = this.impacts.of(termId);
    const measured = impactBound(idf, impact.maxImpact * impactScale(impact, this.slots.averageLength));
    return Math.min(termBound(idf, this.postings.maxWeight(termId), K1, B), measured * (1 + PRUNING_SLACK));
  }

  idf(termId: number): number {
    const live = this.slots.live;
    const frequency = Math.min(live, this.postings.frequency(termId));
    return Math.log(1 + (live - frequency + 0.5) / (frequency + 0.5));
  }

  score(slot: number): number {
    return this.scores[slot] ?? 0;
  }

  reset(touched: readonly number[]): void {
    for (const slot of touched) this.scores[slot] = 0;
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

  /**
   * Adds the word's best term score to each of the articles, found by seeking forward in its lists (a gallop from
   * the last article, not a binary search from scratch): the articles are taken in slot order, so each list is
   * read once, front to back. An article's sum is the same whatever order the articles are taken in.
   */
  private rescore(word: ResolvedWord, touched: readonly number[]): void {
    const cursors = word.termIds.map((termId) => new ListCursor(this.postings.list(termId)));
    const idfs = word.termIds.map((termId) => this.idf(termId));
    const { lengths } = this.slots;
    const lengthFactor = this.lengthFactor();
    const slots = inSlotOrder(touched);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i] as number;
      let best = 0;
      for (let at = 0; at < cursors.length; at++) {
        const cursor = cursors[at] as ListCursor;
        if (cursor.seek(slot))
          best = Math.max(best, postingScore(idfs[at] as number, cursor.posting, lengths, lengthFactor));
      }
      this.scores[slot] = (this.scores[slot] ?? 0) + best;
    }
  }

  /** The same arithmetic, in the same order, as scanTerm's loop: a looked-up score equals a scanned one exactly. */
  bm25(termId: number, posting: number): number {
    return postingScore(this.idf(termId), posting, this.slots.lengths, this.lengthFactor());
  }

  /** The length part of BM25's norm for this search (the average length changes only between searches). */
  lengthFactor(): number {
    return (K1 * B) / this.slots.averageLength;
  }

  /** The term's score from each of the postings (a part of its list) into `scores`, where higher. */
  scanBest(termId: number, postings: PostingList, touched: number[]): void {
    this.scanTerm(termId, this.scores, touched, true, postings);
  }

  /** BM25 of one term into `into` (summed, or the maximum when `keepBest`); the hot loop of every search. */
  private scanTerm(
    termId: number,
    into: Float64Array,
    touched: number[],
    keepBest: boolean,
    postings = this.postings.list(termId),
  ): void {
    const { ids, lengths } = this.slots;
    const idf = this.idf(termId);
    const lengthFactor = this.lengthFactor();
    forEachRun(postings, (run, count) => {
      for (let i = 0; i < count; i++) {
        const posting = run[i] as number;
        const slot = posting >>> POSTING_SLOT_SHIFT;
        if (ids[slot] === undefined) continue;
        const score = postingScore(idf, posting, lengths, lengthFactor);
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
    this.scratch = {
      scores: new Float64Array(size),
      word: new Float64Array(size),
    };
  }
}
