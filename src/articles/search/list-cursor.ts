import { ChunkedPostings, POSTING_SLOT_SHIFT, type PostingList } from './posting-list.ts';

/** Past the last posting: above every slot (slots stay below MAX_SLOTS). */
export const END_OF_LIST = 2 ** 31;
/** A seek steps this many postings one by one before it gallops: most gaps in a walk are short. */
const LINEAR_STEPS = 4;

/** The list as runs of Int32Array (one for a flat list, a chunk each for a long one), each read through `length`. */
function runsOf(list: PostingList): { runs: Int32Array[]; lengths: Int32Array } {
  if (list instanceof ChunkedPostings) {
    const lengths = Int32Array.from(list.chunks, (_, chunk) => list.filled(chunk));
    return { runs: list.chunks, lengths };
  }
  const run = list instanceof Int32Array ? list : Int32Array.from(typeof list === 'number' ? [list] : list);
  return { runs: [run], lengths: Int32Array.of(run.length) };
}

/**
 * A forward-only reader of one posting list for a document-at-a-time search: `slot` is the current posting's
 * article, END_OF_LIST once past the end. Every list is read as Int32Array runs, so the reads stay monomorphic.
 * Seeks step a few postings, then gallop (1, 2, 4 … steps, then a binary search) within a run and skip whole runs
 * by their last slot, so stepping through a short list's articles in a long one costs the logarithm of the gap.
 */
export class ListCursor {
  private readonly runs: Int32Array[];
  private readonly runLengths: Int32Array;
  private runIndex = 0;
  private run: Int32Array;
  private runLength: number;
  private offset = 0;
  slot: number;

  constructor(list: PostingList) {
    const { runs, lengths } = runsOf(list);
    this.runs = runs;
    this.runLengths = lengths;
    this.run = runs[0] ?? new Int32Array(0);
    this.runLength = lengths[0] ?? 0;
    this.slot = this.runLength > 0 ? (this.run[0] as number) >>> POSTING_SLOT_SHIFT : END_OF_LIST;
  }

  /** The current posting (slot and weight). */
  get posting(): number {
    return this.run[this.offset] as number;
  }

  next(): void {
    if (++this.offset < this.runLength) this.slot = (this.run[this.offset] as number) >>> POSTING_SLOT_SHIFT;
    else this.nextRun();
  }

  /** Moves to the first posting at or after `slot`; true when it is `slot`'s own. */
  seek(slot: number): boolean {
    if (this.slot >= slot) return this.slot === slot;
    const run = this.run;
    const last = Math.min(this.runLength - 1, this.offset + LINEAR_STEPS);
    for (let offset = this.offset + 1; offset <= last; offset++) {
      const found = (run[offset] as number) >>> POSTING_SLOT_SHIFT;
      if (found < slot) continue;
      this.offset = offset;
      this.slot = found;
      return found === slot;
    }
    this.offset = last;
    this.slot = (run[last] as number) >>> POSTING_SLOT_SHIFT;
    while (this.slot !== END_OF_LIST && this.lastSlotOfRun() < slot) this.nextRun();
    if (this.slot < slot) this.gallop(slot);
    return this.slot === slot;
  }

  private lastSlotOfRun(): number {
    return (this.run[this.runLength - 1] as number) >>> POSTING_SLOT_SHIFT;
  }

  private nextRun(): void {
    this.runIndex++;
    this.offset = 0;
    this.run = this.runs[this.runIndex] ?? this.run;
    this.runLength = this.runIndex < this.runs.length ? (this.runLengths[this.runIndex] as number) : 0;
    this.slot = this.runLength > 0 ? (this.run[0] as number) >>> POSTING_SLOT_SHIFT : END_OF_LIST;
  }

  /** Within the current run, whose last slot is at least `slot`. */
  private gallop(slot: number): void {
    const run = this.run;
    let low = this.offset + 1;
    let step = 1;
    while (low < this.runLength && (run[low] as number) >>> POSTING_SLOT_SHIFT < slot) {
      low += step;
      step *= 2;
    }
    let high = Math.min(low, this.runLength - 1);
    low = Math.max(this.offset + 1, low - (step >> 1));
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((run[middle] as number) >>> POSTING_SLOT_SHIFT < slot) low = middle + 1;
      else high = middle;
    }
    this.offset = low;
    this.slot = (run[low] as number) >>> POSTING_SLOT_SHIFT;
  }
}

/** The slots ascending, as a cursor's seeks need them: as they are when one list found them, else sorted (a copy). */
export function inSlotOrder(slots: readonly number[]): ArrayLike<number> {
  for (let i = 1; i < slots.length; i++)
    if ((slots[i] as number) < (slots[i - 1] as number)) return Int32Array.from(slots).sort();
  return slots;
}
