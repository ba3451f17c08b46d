import {
  appendPosting,
  forEachRun,
  listLength,
  POSTING_SLOT_SHIFT,
  POSTING_WEIGHT_MASK,
  type PostingList,
} from './posting-list.ts';

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
  private readonly ids = new Map<string, number>();
  private readonly vocabulary: string[] = [];
  private readonly lists: PostingList[] = [];
  /** Each term's highest weight ever added: with the idf, an upper bound of its score (search pruning). */
  private maxWeights = new Uint8Array(1_024);
  private sorted: number[] = [];
  private pending: number[] = [];

  /** `weight` is clamped to 1..255 (a term counted more than that adds nothing useful to the rank). */
  add(term: string, slot: number, weight: number): void {
    const posting =
      (slot << POSTING_SLOT_SHIFT) | Math.max(1, Math.min(POSTING_WEIGHT_MASK, Math.round(weight)));
    const id = this.ids.get(term);
    this.noteWeight(id ?? this.vocabulary.length, posting & POSTING_WEIGHT_MASK);
    if (id === undefined) {
      this.ids.set(term, this.vocabulary.length);
      this.pending.push(this.vocabulary.length);
      this.vocabulary.push(term);
      this.lists.push(posting);
      return;
    }
    this.lists[id] = appendPosting(this.lists[id], posting);
  }

  termId(term: string): number | undefined {
    return this.ids.get(term);
  }

  list(termId: number): PostingList {
    return this.lists[termId] ?? [];
  }

  /** The highest weight the term was added with (kept through removals: still an upper bound). */
  maxWeight(termId: number): number {
    return this.maxWeights[termId] ?? 0;
  }

  /** How many articles hold the term (stale postings of replaced articles count until the next compaction). */
  frequency(termId: number): number {
    return listLength(this.lists[termId]);
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
    for (let id = 0; id < this.lists.length; id++) {
      let kept: PostingList | undefined;
      forEachRun(this.lists[id] as PostingList, (run, count) => {
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
  }
}
