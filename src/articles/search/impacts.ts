import { BM25_B as B, BM25_K1 as K1 } from './bounds.ts';
import {
  forEachRun,
  listLength,
  POSTING_SLOT_SHIFT,
  POSTING_WEIGHT_MASK,
  postingAt,
} from './posting-list.ts';
import type { Postings } from './postings.ts';
import type { ArticleSlots } from './slots.ts';

/** Lists longer than this get a head: their highest-impact postings, kept apart so a search can start from them. */
export const HEAD_MIN_POSTINGS = 4_096;
/** Postings in a head. */
export const HEAD_POSTINGS = 512;
/** Impacts are re-measured when the average article length moved this much (their bounds loosen with it). */
const AVERAGE_DRIFT = 0.1;

/**
 * What one term's posting list can add to a score, measured once per list (a pass over it) and kept until the list
 * changes. The impact of a posting is its BM25 score over idf · (k1 + 1): weight / (weight + norm(length)).
 */
export interface TermImpact {
  readonly generation: number;
  /** How many postings the list had when measured; later ones were appended since (slots only grow). */
  readonly measured: number;
  /** The average article length the impacts were computed at. */
  readonly averageLength: number;
  readonly maxImpact: number;
  /** For a long list: its HEAD_POSTINGS highest-impact postings (any order) and the highest impact left out. */
  readonly head: Int32Array | undefined;
  readonly tailImpact: number;
}

function impactOf(posting: number, lengths: readonly number[], averageLength: number): number {
  const weight = posting & POSTING_WEIGHT_MASK;
  const norm = K1 * (1 - B) + ((K1 * B) / averageLength) * (lengths[posting >>> POSTING_SLOT_SHIFT] ?? 0);
  return weight / (weight + norm);
}

/**
 * Impacts computed at average length A0 still bound them at the current average A: the norm shrinks at most by
 * A0 / A when A grows, so an impact grows at most by A / A0 (and never grows when A shrinks).
 */
export function impactScale(impact: TermImpact, averageLength: number): number {
  return Math.max(1, averageLength / impact.averageLength);
}

/** Each term's impacts, measured lazily (a term nobody searches costs nothing) and re-measured when its list changes. */
export class TermImpacts {
  private readonly measured = new Map<number, TermImpact>();

  constructor(
    private readonly slots: ArticleSlots,
    private readonly postings: Postings,
  ) {}

  /**
   * The term's impacts. A long list's postings appended since it was measured (`list[measured …]`, at most
   * HEAD_POSTINGS) are not in its head, but `maxImpact` covers them.
   */
  of(termId: number): TermImpact {
    const known = this.measured.get(termId);
    if (known && this.stillBounds(known, termId)) return this.withAppended(known, termId);
    const fresh = this.measure(termId);
    this.measured.set(termId, fresh);
    return fresh;
  }

  private stillBounds(known: TermImpact, termId: number): boolean {
    const appended = this.postings.frequency(termId) - known.measured;
    const drift = Math.abs(this.slots.averageLength / known.averageLength - 1);
    if (known.generation !== this.postings.generation || appended < 0 || drift > AVERAGE_DRIFT) return false;
    return appended === 0 || (known.head !== undefined && appended <= HEAD_POSTINGS);
  }

  private withAppended(known: TermImpact, termId: number): TermImpact {
    const list = this.postings.list(termId);
    const length = listLength(list);
    let maxImpact = known.maxImpact;
    for (let i = known.measured; i < length; i++)
      maxImpact = Math.max(maxImpact, impactOf(postingAt(list, i), this.slots.lengths, known.averageLength));
    return maxImpact === known.maxImpact ? known : { ...known, maxImpact };
  }

  private measure(termId: number): TermImpact {
    const list = this.postings.list(termId);
    const length = listLength(list);
    const averageLength = this.slots.averageLength;
    const lengths = this.slots.lengths;
    const keepHead = length > HEAD_MIN_POSTINGS;
    const head = new HeadSelection(keepHead ? HEAD_POSTINGS : 0);
    let maxImpact = 0;
    forEachRun(list, (run, count) => {
      for (let i = 0; i < count; i++) {
        const posting = run[i] as number;
        const impact = impactOf(posting, lengths, averageLength);
        if (impact > maxImpact) maxImpact = impact;
        if (keepHead) head.offer(posting, impact);
      }
    });
    return {
      generation: this.postings.generation,
      measured: length,
      averageLength,
      maxImpact,
      head: keepHead ? head.postings() : undefined,
      tailImpact: keepHead ? head.highestLeftOut : 0,
    };
  }
}

/** The `size` highest-impact postings (a min-heap on impact), and the highest impact that did not make it. */
class HeadSelection {
  private readonly impacts: Float64Array;
  private readonly kept: Int32Array;
  private count = 0;
  highestLeftOut = 0;

  constructor(private readonly size: number) {
    this.impacts = new Float64Array(size);
    this.kept = new Int32Array(size);
  }

  offer(posting: number, impact: number): void {
    if (this.count < this.size) {
      this.place(this.count++, posting, impact);
      this.siftUp(this.count - 1);
      return;
    }
    if (impact <= (this.impacts[0] as number)) {
      if (impact > this.highestLeftOut) this.highestLeftOut = impact;
      return;
    }
    const evicted = this.impacts[0] as number;
    if (evicted > this.highestLeftOut) this.highestLeftOut = evicted;
    this.place(0, posting, impact);
    this.siftDown(0);
  }

  postings(): Int32Array {
    return this.kept.slice(0, this.count);
  }

  private place(at: number, posting: number, impact: number): void {
    this.impacts[at] = impact;
    this.kept[at] = posting;
  }

  private siftUp(start: number): void {
    let index = start;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if ((this.impacts[parent] as number) <= (this.impacts[index] as number)) return;
      this.swap(index, parent);
      index = parent;
    }
  }

  private siftDown(start: number): void {
    let index = start;
    for (;;) {
      const left = index * 2 + 1;
      let least = index;
      if (left < this.count && (this.impacts[left] as number) < (this.impacts[least] as number)) least = left;
      const right = left + 1;
      if (right < this.count && (this.impacts[right] as number) < (this.impacts[least] as number))
        least = right;
      if (least === index) return;
      this.swap(index, least);
      index = least;
    }
  }

  private swap(i: number, j: number): void {
    const impact = this.impacts[i] as number;
    this.impacts[i] = this.impacts[j] as number;
    this.impacts[j] = impact;
    const posting = this.kept[i] as number;
    this.kept[i] = this.kept[j] as number;
    this.kept[j] = posting;
  }
}
