import { boundsBelow, PRUNING_SLACK, postingScore } from './bounds.ts';
import { END_OF_LIST, type ListCursor } from './list-cursor.ts';
import type { ArticleSlots } from './slots.ts';
import type { KthBest } from './top-k.ts';

/** What the walk needs of the scorer: where scores go, and the length part of BM25's norm. */
export interface WalkScorer {
  readonly scores: Float64Array;
  lengthFactor(): number;
}

/**
 * One term of a query word, walked or sought on its own: a word scores an article with the best of its terms, so
 * a typed prefix's rare completions (high bounds, short lists) are walked while its common stem (a low bound, a
 * long list) is only sought. Its bound is the term's own; the best of a word's terms' bounds bounds the word.
 */
export interface WalkUnit {
  /** The word's rank: rarity order, the order its score is added in. */
  readonly rank: number;
  /** Whether the word finds articles (word-roles.ts) or only re-ranks them. */
  readonly finds: boolean;
  readonly bound: number;
  readonly idf: number;
  readonly cursor: ListCursor;
}

/**
 * One pass of the document-at-a-time search (doc-at-a-time.ts) over the slots `from … to - 1`: the state MaxScore
 * keeps between articles. `contributions[rank]` holds each word's score for the article being scored.
 */
export class Walk {
  private readonly finders: WalkUnit[];
  private readonly findingRanks: number[];
  private readonly rerankers: WalkUnit[];
  /** `boundBelow[i]`: the most the finders before i (in bound order) and all re-rankers add together (boundsBelow). */
  private readonly boundBelow: Float64Array;
  private readonly contributions: Float64Array;
  private readonly candidates: number[] = [];
  private readonly lengths: ArrayLike<number>;
  private readonly lengthFactor: number;
  /** Finders from this one on are walked; those before it only sought. */
  private essential = 0;
  private bar = 0;
  private end = END_OF_LIST;

  constructor(
    private readonly scorer: WalkScorer,
    private readonly slots: ArticleSlots,
    units: readonly WalkUnit[],
    words: number,
    private readonly best: KthBest,
  ) {
    this.contributions = new Float64Array(words);
    this.lengths = slots.lengths;
    this.lengthFactor = scorer.lengthFactor();
    this.finders = units.filter((unit) => unit.finds).sort((a, b) => a.bound - b.bound);
    this.findingRanks = [...new Set(this.finders.map((unit) => unit.rank))].sort((a, b) => a - b);
    this.rerankers = units.filter((unit) => !unit.finds);
    this.boundBelow = boundsBelow(this.finders, this.rerankers, words);
    this.raiseBar();
  }

  /** The articles in slots from … to-1 that can still reach the bar, scored (into the scorer's scores). */
  run(from: number, to: number): number[] {
    this.end = to;
    for (const unit of this.finders) unit.cursor.seek(from);
    while (!this.walkedToEnd());
    return this.candidates;
  }

  /**
   * Walks until the lists end (true) or the bar leaves a list out (false: walk again, with fewer). One or two
   * lists, the usual case at a million articles, get loops of their own: most articles are dismissed on those
   * lists' scores alone, so what costs is reading the lists.
   */
  private walkedToEnd(): boolean {
    const walked = this.finders.slice(this.essential);
    const [first, second] = walked;
    if (first === undefined) return true;
    if (second === undefined) return this.walkOne(first);
    return walked.length === 2 ? this.walkTwo(first, second) : this.walkMany(walked);
  }

  private walkOne(unit: WalkUnit): boolean {
    const { cursor, idf } = unit;
    const { lengths, lengthFactor, end } = this;
    // What the list's score must reach for the article to be scored further: the bar less what the rest can add.
    let needed = this.needed();
    while (cursor.slot < end) {
      const slot = cursor.slot;
      const score = postingScore(idf, cursor.posting, lengths, lengthFactor);
      cursor.next();
      if (score < needed) continue;
      this.clear();
      this.contributions[unit.rank] = score;
      if (!this.consider(slot, score)) continue;
      // The bar rose: it may now rule out even this list's articles.
      if (this.essential === this.finders.length) return true;
      needed = this.needed();
    }
    return true;
  }

  private walkTwo(first: WalkUnit, second: WalkUnit): boolean {
    const [a, b] = [first.cursor, second.cursor];
    const walkedFrom = this.essential;
    for (;;) {
      const slot = a.slot < b.slot ? a.slot : b.slot;
      if (slot >= this.end) return true;
      const scoreA = a.slot === slot ? this.take(first) : 0;
      const scoreB = b.slot === slot ? this.take(second) : 0;
      if (scoreA + scoreB + (this.boundBelow[this.essential] as number) < this.bar) continue;
      this.clear();
      this.note(first, scoreA);
      this.note(second, scoreB);
      this.consider(slot, scoreA + scoreB);
      if (this.essential !== walkedFrom) return false;
    }
  }

  /** Any number of walked lists. */
  private walkMany(walked: readonly WalkUnit[]): boolean {
    const walkedFrom = this.essential;
    for (let slot = this.nextSlot(walked); slot < this.end; slot = this.nextSlot(walked)) {
      this.clear();
      let partial = 0;
      for (const unit of walked) {
        if (unit.cursor.slot !== slot) continue;
        const score = this.take(unit);
        this.note(unit, score);
        partial += score;
      }
      if (partial + (this.boundBelow[this.essential] as number) < this.bar) continue;
      this.consider(slot, partial);
      if (this.essential !== walkedFrom) return false;
    }
    return true;
  }

  private nextSlot(walked: readonly WalkUnit[]): number {
    let lowest = END_OF_LIST;
    for (const unit of walked) if (unit.cursor.slot < lowest) lowest = unit.cursor.slot;
    return lowest;
  }

  /** The walked unit's score at its cursor, the cursor moved on. */
  private take(unit: WalkUnit): number {
    const score = postingScore(unit.idf, unit.cursor.posting, this.lengths, this.lengthFactor);
    unit.cursor.next();
    return score;
  }

  /** A loop, not fill(): a builtin's call costs more than clearing the few words of a query. */
  private clear(): void {
    const contributions = this.contributions;
    for (let rank = 0; rank < contributions.length; rank++) contributions[rank] = 0;
  }

  /** A word scores an article with the best of its terms. */
  private note(unit: WalkUnit, score: number): void {
    if (score > (this.contributions[unit.rank] as number)) this.contributions[unit.rank] = score;
  }

  /** Scores the article in full if it can still make the bar; true when it did (and so raised the bar). */
  private consider(slot: number, partial: number): boolean {
    const score = this.scoreFrom(partial, slot);
    if (score === undefined || score < this.bar) return false;
    this.keep(slot, score);
    return true;
  }

  /** What the walked lists' scores must reach together for an article to be worth scoring in full. */
  private needed(): number {
    return this.bar - (this.boundBelow[this.essential] as number);
  }

  /**
   * The article's score once the walked lists gave `partial` (at least the words' part of it), or undefined when
   * it cannot reach the bar (or was removed): the sought finders, highest bound first, then the re-rankers.
   */
  private scoreFrom(partial: number, slot: number): number | undefined {
    const { bar, boundBelow, finders } = this;
    let sum = partial;
    for (let i = this.essential - 1; i >= 0; i--) {
      if (sum + (boundBelow[i + 1] as number) < bar) return undefined;
      sum += this.seekTo(finders[i] as WalkUnit, slot);
    }
    if (sum + (boundBelow[0] as number) < bar) return undefined;
    if (this.rerankers.length > 0) {
      const lowestFinder = this.lowestFindingRank();
      for (const unit of this.rerankers) if (unit.rank > lowestFinder) this.seekTo(unit, slot);
    }
    // Last: a removed article is rare, and reading the slot's id costs a cache miss per article.
    return this.slots.ids[slot] === undefined ? undefined : this.inRankOrder();
  }

  /** The rarest finding word the article is in: only words after it re-rank the article. */
  private lowestFindingRank(): number {
    for (const rank of this.findingRanks) if ((this.contributions[rank] as number) > 0) return rank;
    return Number.POSITIVE_INFINITY;
  }

  /** The sought unit's score at `slot`, its cursor moved up to it. */
  private seekTo(unit: WalkUnit, slot: number): number {
    const { cursor } = unit;
    if (!cursor.seek(slot)) return 0;
    const score = postingScore(unit.idf, cursor.posting, this.lengths, this.lengthFactor);
    this.note(unit, score);
    return score;
  }

  /** The words' scores added rarest first, from 0: the scan's sum, to the last bit. */
  private inRankOrder(): number {
    let score = 0;
    for (let rank = 0; rank < this.contributions.length; rank++) {
      const contribution = this.contributions[rank] as number;
      if (contribution !== 0) score += contribution;
    }
    return score;
  }

  private keep(slot: number, score: number): void {
    this.scorer.scores[slot] = score;
    this.candidates.push(slot);
    this.best.offer(score);
    this.raiseBar();
  }

  /** Leaves out of the walk the finders that, with every one before them, can no longer lift an article in. */
  private raiseBar(): void {
    this.bar = this.best.value * (1 - PRUNING_SLACK);
    while (this.essential < this.finders.length && (this.boundBelow[this.essential + 1] as number) < this.bar)
      this.essential++;
  }
}
