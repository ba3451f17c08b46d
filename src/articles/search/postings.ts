import { detached } from '../../text/detached.ts';
import { WordTable } from '../../text/word-table.ts';
import {
  appendPosting,
  forEachRun,
  listLength,
  POSTING_SLOT_SHIFT,
  POSTING_WEIGHT_MASK,
  type PostingList,
} from './posting-list.ts';

/**
 * The postings of an index snapshot (src/articles/search/snapshot-file.ts): the vocabulary in ascending order, each
 * term's postings `postings[offsets[t]] … postings[offsets[t + 1] - 1]` in slot order, and each term's highest weight.
 */
export interface PostingsSnapshot {
  readonly vocabulary: readonly string[];
  readonly offsets: Int32Array;
  readonly postings: Int32Array;
  readonly maxWeights: Uint8Array;
}

/**
 * Term ids remembered by the term's characters (see addAt), from this many terms, doubling while full up to the
 * most: the slots cost 32 bytes a term (4 MB at the most), plus a copy of each term too long to pack into its slot
 * (over 8 characters, or past U+00FF: ~15 MB more if every cached term were such). Terms past it are found as before.
 */
const FIRST_CACHED_TERMS = 4_096;
const MOST_CACHED_TERMS = 131_072;

/** New terms are kept unsorted until this many, then merged into the sorted vocabulary (prefix lookups). */
const PENDING_MERGE_LIMIT = 512;

const byTerm = (vocabulary: readonly string[]) => (a: number, b: number) => {
  const x = vocabulary[a] as string;
  const y = vocabulary[b] as string;
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * The inverted index: term → posting list, plus the vocabulary sorted for prefix lookups (autocomplete).
 * Compact on purpose: no object per posting, no array for the many terms seen once.
 */
export class Postings {
  /** Terms added since the snapshot (all terms without one); a snapshot's terms are found by binary search. */
  private readonly ids = new Map<string, number>();
  /** Each term's highest weight ever added: with the idf, an upper bound of its score (search pruning). */
  private maxWeights = new Uint8Array(1_024);
  private sorted: number[] = [];
  private pending: number[] = [];
  /** The snapshot's terms: ids 0 … baseTerms - 1, in ascending order. */
  private baseTerms = 0;
  private base: Pick<PostingsSnapshot, 'offsets' | 'postings'> | undefined;
  private remaps = 0;
  private readonly cachedIds = new WordTable((term) => this.idOrNew(term), FIRST_CACHED_TERMS);

  /**
   * Postings that start from a snapshot without copying it: a list is read in place until its term gets a new
   * posting (until then its entry in `lists` stays undefined and `list` returns a view of `base`). It takes the
   * snapshot's vocabulary over without copying. The snapshot must be valid (snapshot-checks.ts checks it):
   * vocabulary ascending, offsets within bounds.
   */
  static fromSnapshot(snapshot: PostingsSnapshot): Postings {
    const terms = snapshot.vocabulary.length;
    const postings = new Postings(snapshot.vocabulary as string[], new Array(terms).fill(undefined));
    postings.sorted = Array.from({ length: terms }, (_, id) => id);
    postings.maxWeights = new Uint8Array(Math.max(1_024, terms * 2));
    postings.maxWeights.set(snapshot.maxWeights);
    postings.baseTerms = terms;
    postings.base = { offsets: snapshot.offsets, postings: snapshot.postings };
    return postings;
  }

  /** `lists[id]`: the term's own list; undefined for a snapshot term never changed since. */
  constructor(
    private readonly vocabulary: string[] = [],
    private readonly lists: (PostingList | undefined)[] = [],
  ) {}

  /**
   * Adds a posting for the term text[start, end), `weight` clamped to 1..255 (a term counted more than that adds
   * nothing useful to the rank). The term's id comes from a table keyed by its characters, read in place: every
   * ingested article puts ~40 terms, and a Map probed with a fresh substring of each cost ~1 µs a term on a busy
   * event loop (cache misses on the key strings), the largest part of an article's index put.
   */
  addAt(text: string, start: number, end: number, slot: number, weight: number): void {
    const posting =
      (slot << POSTING_SLOT_SHIFT) | Math.max(1, Math.min(POSTING_WEIGHT_MASK, Math.round(weight)));
    const id = this.cachedIds.get(text, start, end);
    if (this.cachedIds.full && this.cachedIds.capacity < MOST_CACHED_TERMS) this.cachedIds.grow();
    this.noteWeight(id, posting & POSTING_WEIGHT_MASK);
    // A new term's first posting is a bare number (appendPosting of nothing): most terms are in one article.
    this.lists[id] = appendPosting(this.lists[id] ?? this.baseList(id), posting);
  }

  /** The id of `term`, a new one if the index has never held it. */
  private idOrNew(term: string): number {
    const known = this.termId(term);
    if (known !== undefined) return known;
    const id = this.vocabulary.length;
    // Kept for good: a copy, so a long term does not hold on to the whole entry it was cut from.
    const own = detached(term);
    this.ids.set(own, id);
    this.pending.push(id);
    this.vocabulary.push(own);
    this.lists.push(undefined);
    return id;
  }

  termId(term: string): number | undefined {
    return this.ids.get(term) ?? this.baseTermId(term);
  }

  list(termId: number): PostingList {
    return this.lists[termId] ?? this.baseList(termId) ?? [];
  }

  private baseTermId(term: string): number | undefined {
    let low = 0;
    let high = this.baseTerms - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const found = this.vocabulary[middle] as string;
      if (found === term) return middle;
      if (found < term) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  private baseList(termId: number): PostingList | undefined {
    if (!this.base || termId >= this.baseTerms) return undefined;
    const start = this.base.offsets[termId] as number;
    const end = this.base.offsets[termId + 1] as number;
    return end - start === 1
      ? (this.base.postings[start] as number)
      : this.base.postings.subarray(start, end);
  }

  /**
   * Grows whenever postings are renumbered (remap): within one generation a list only ever grows at its end, so
   * what was measured of its first n postings still holds.
   */
  get generation(): number {
    return this.remaps;
  }

  /** The highest weight the term was added with (kept through removals: still an upper bound). */
  maxWeight(termId: number): number {
    return this.maxWeights[termId] ?? 0;
  }

  /** How many articles hold the term (stale postings of replaced articles count until the next compaction). */
  frequency(termId: number): number {
    const own = this.lists[termId];
    if (own !== undefined || !this.base || termId >= this.baseTerms) return listLength(own);
    // A snapshot term: counted from its offsets, without a view of its list (autocomplete counts a thousand).
    return (this.base.offsets[termId + 1] as number) - (this.base.offsets[termId] as number);
  }

  /** Ids of terms starting with `prefix`, at most `maxTerms`, in vocabulary order. */
  withPrefix(prefix: string, maxTerms: number): number[] {
    if (this.pending.length > PENDING_MERGE_LIMIT) this.mergePending();
    const found: number[] = [];
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.vocabulary[this.sorted[middle] as number] as string) < prefix) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < this.sorted.length && found.length < maxTerms; i++) {
      const id = this.sorted[i] as number;
      if (!(this.vocabulary[id] as string).startsWith(prefix)) break;
      found.push(id);
    }
    for (const id of this.pending) {
      if (found.length < maxTerms && (this.vocabulary[id] as string).startsWith(prefix)) found.push(id);
    }
    return found;
  }

  private noteWeight(id: number, weight: number): void {
    if (id >= this.maxWeights.length) {
      const grown = new Uint8Array(Math.max(id + 1, this.maxWeights.length * 2));
      grown.set(this.maxWeights);
      this.maxWeights = grown;
    }
    if (weight > (this.maxWeights[id] as number)) this.maxWeights[id] = weight;
  }

  /** Sorts new terms into the vocabulary (after a bulk load, before searches). */
  prepare(): void {
    this.mergePending();
  }

  private mergePending(): void {
    if (this.pending.length === 0) return;
    const compare = byTerm(this.vocabulary);
    const added = this.pending.sort(compare);
    const merged = new Array<number>(this.sorted.length + added.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < this.sorted.length || j < added.length) {
      const takeOld =
        j >= added.length ||
        (i < this.sorted.length && compare(this.sorted[i] as number, added[j] as number) <= 0);
      merged[k++] = takeOld ? (this.sorted[i++] as number) : (added[j++] as number);
    }
    this.sorted = merged;
    this.pending = [];
  }

  /** Rewrites every posting after slots moved: `slotMap[old]` is the new slot, or -1 for a dropped article. */
  remap(slotMap: Int32Array): void {
    this.remaps++;
    for (let id = 0; id < this.lists.length; id++) {
      let kept: PostingList | undefined;
      forEachRun(this.list(id), (run, count) => {
        for (let i = 0; i < count; i++) {
          const posting = run[i] as number;
          const slot = slotMap[posting >>> POSTING_SLOT_SHIFT] ?? -1;
          if (slot >= 0)
            kept = appendPosting(kept, (slot << POSTING_SLOT_SHIFT) | (posting & POSTING_WEIGHT_MASK));
        }
      });
      // A term left with no posting keeps its id (cheap) with an empty list; it simply matches nothing.
      this.lists[id] = kept ?? [];
    }
    // Every list is now its own: the snapshot's big array can go.
    this.base = undefined;
  }

  /**
   * The postings as a snapshot, with slots renumbered by `slotMap` (old slot → new, -1 for a dead article): terms
   * with no live posting left out, each term's highest weight taken from what is kept.
   */
  snapshot(slotMap: Int32Array): PostingsSnapshot {
    this.mergePending();
    const vocabulary: string[] = [];
    const offsets: number[] = [0];
    const weights: number[] = [];
    let postings: Int32Array = new Int32Array(1 << 16);
    let total = 0;
    for (const id of this.sorted) {
      let highest = 0;
      forEachRun(this.list(id), (run, count) => {
        if (total + count > postings.length) postings = grown(postings, total + count);
        for (let i = 0; i < count; i++) {
          const posting = run[i] as number;
          const slot = slotMap[posting >>> POSTING_SLOT_SHIFT] ?? -1;
          if (slot < 0) continue;
          postings[total++] = (slot << POSTING_SLOT_SHIFT) | (posting & POSTING_WEIGHT_MASK);
          highest = Math.max(highest, posting & POSTING_WEIGHT_MASK);
        }
      });
      if (highest === 0) continue;
      vocabulary.push(this.vocabulary[id] as string);
      offsets.push(total);
      weights.push(highest);
    }
    return {
      vocabulary,
      offsets: Int32Array.from(offsets),
      postings: postings.slice(0, total),
      maxWeights: Uint8Array.from(weights),
    };
  }
}

function grown(array: Int32Array, needed: number): Int32Array {
  const copy = new Int32Array(Math.max(needed, array.length * 2));
  copy.set(array);
  return copy;
}
