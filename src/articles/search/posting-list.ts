/** A posting packs an article's slot and the term's weight in it into one int32: slot << 8 | weight. */
export const POSTING_SLOT_SHIFT = 8;
export const POSTING_WEIGHT_MASK = 0xff;
/** Slots stay below this, so that a posting fits in an int32. */
export const MAX_SLOTS = 2 ** 23;

/** Lists longer than this move from a JS array to fixed-size Int32Array chunks. */
const ARRAY_MAX_POSTINGS = 16;
const CHUNK_SHIFT = 8;
const CHUNK_POSTINGS = 1 << CHUNK_SHIFT;

/**
 * A long posting list as fixed chunks of 256 int32s: appending never copies (a growing array would leave its old
 * copies behind as garbage: a hundred megabytes of it while 100,000 articles load) and takes 4 bytes a posting.
 */
export class ChunkedPostings {
  readonly chunks: Int32Array[] = [];
  length = 0;

  static from(postings: ArrayLike<number>): ChunkedPostings {
    const list = new ChunkedPostings();
    for (let i = 0; i < postings.length; i++) list.push(postings[i] as number);
    return list;
  }

  push(posting: number): void {
    const offset = this.length & (CHUNK_POSTINGS - 1);
    if (offset === 0) this.chunks.push(new Int32Array(CHUNK_POSTINGS));
    (this.chunks[this.chunks.length - 1] as Int32Array)[offset] = posting;
    this.length++;
  }

  at(index: number): number {
    return (this.chunks[index >>> CHUNK_SHIFT] as Int32Array)[index & (CHUNK_POSTINGS - 1)] as number;
  }

  /** How many postings chunk `chunk` holds (all but the last are full). */
  filled(chunk: number): number {
    return Math.min(CHUNK_POSTINGS, this.length - chunk * CHUNK_POSTINGS);
  }
}

/**
 * One number when the term is in one article (most terms), a small array, or chunks; or, for a term loaded from
 * an index snapshot and not changed since, a view into the snapshot's one big array. Always in slot order.
 */
export type PostingList = number | number[] | Int32Array | ChunkedPostings;

export function listLength(list: PostingList | undefined): number {
  return list === undefined ? 0 : typeof list === 'number' ? 1 : list.length;
}

/** Appends (slots only ever grow, so lists stay sorted by slot); returns the list to keep. */
export function appendPosting(list: PostingList | undefined, posting: number): PostingList {
  if (list === undefined) return posting;
  if (typeof list === 'number') return [list, posting];
  if (list instanceof Int32Array) {
    // A snapshot's list is a read-only view: the first append copies it into chunks of its own.
    const chunked = ChunkedPostings.from(list);
    chunked.push(posting);
    return chunked;
  }
  if (Array.isArray(list)) {
    if (list.length < ARRAY_MAX_POSTINGS) {
      list.push(posting);
      return list;
    }
    const chunked = ChunkedPostings.from(list);
    chunked.push(posting);
    return chunked;
  }
  list.push(posting);
  return list;
}

export function postingAt(list: PostingList, index: number): number {
  if (typeof list === 'number') return list;
  if (list instanceof ChunkedPostings) return list.at(index);
  return list[index] as number;
}

/** Calls `each` with every run of consecutive postings (the array, or each chunk) and how many it holds. */
export function forEachRun(list: PostingList, each: (run: ArrayLike<number>, count: number) => void): void {
  if (typeof list === 'number') each([list], 1);
  else if (!(list instanceof ChunkedPostings)) each(list, list.length);
  else
    for (let chunk = 0; chunk < list.chunks.length; chunk++)
      each(list.chunks[chunk] as Int32Array, list.filled(chunk));
}
