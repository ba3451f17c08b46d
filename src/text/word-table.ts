import { detached } from './detached.ts';

/** Longer words are analysed each time, so hostile text cannot fill the table with long keys. */
const WORD_TABLE_MAX_CHARS = 40;

/**
 * Slots looked at for one word. A hostile text can still aim many words at one slot; past this run a word is
 * analysed each time instead of stored, so no lookup costs more than this many comparisons.
 */
const MAX_PROBES = 32;

export type WordHash = (text: string, start: number, end: number) => number;

/**
 * FNV-1a of text[start, end), from the character codes (the word is never sliced out), started from a random
 * seed and mixed at the end (murmur3's finaliser): the slot bits depend on every character, and words made to
 * share a slot for one table do not share it in another process.
 */
export function seededWordHash(seed = crypto.getRandomValues(new Uint32Array(1))[0] as number): WordHash {
  const basis = (0x811c9dc5 ^ seed) | 0;
  return (text, start, end) => {
    let hash = basis;
    for (let at = start; at < end; at++) hash = Math.imul(hash ^ text.charCodeAt(at), 0x01000193);
    hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
    hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
    return hash ^ (hash >>> 16);
  };
}

function sameChars(key: string, text: string, start: number, end: number): boolean {
  if (key.length !== end - start) return false;
  for (let at = 0; at < key.length; at++)
    if (key.charCodeAt(at) !== text.charCodeAt(start + at)) return false;
  return true;
}

/** Characters a short word packs into its slot: two ints of four 8-bit codes. */
const PACKED_CHARS = 8;

/**
 * What each written word analyses to (a number: its term's, see vocabulary.ts), remembered in an open-addressing
 * table keyed by the word's characters: ingest meets the same words article after article, and a hit costs a
 * hash over the word's characters and one comparison, with no substring made and no Map probed. A word of at
 * most PACKED_CHARS characters, each from U+0001 to U+00FF (most words of most Latin-script news), is its own
 * key in the slot: the comparison reads nothing else, where a key string costs a load from elsewhere in the heap,
 * which for the words met less often is a cache miss. Longer words keep a copy of themselves. Keys are compared
 * in full, so a hash collision only costs a probe, never a wrong term. A full table stores no more words (they
 * are analysed each time) until its owner grows or clears it, between texts: never during one, so the numbers a
 * text's words were given stay theirs.
 */
export class WordTable {
  /**
   * Four ints a slot: the word's hash, its number, and its key — the packed characters (zero-padded), or for a
   * longer word 0 and its place in `words` (from 1). All zero: an empty slot (a packed key is never zero: its
   * first character is not U+0000). The slots are twice the capacity, so probe runs stay short.
   */
  private slots: Int32Array;
  private mask: number;
  /** The words too long to pack, in the order they were first met. */
  private words: string[] = [];
  private held = 0;
  /** The key of the word being looked up, when it packs (packs() says whether). */
  private packedLow = 0;
  private packedHigh = 0;

  constructor(
    private readonly analyze: (word: string) => number,
    private capacityWords: number,
    private readonly hashChars: WordHash = seededWordHash(),
  ) {
    this.slots = new Int32Array(8 * capacityWords);
    this.mask = 2 * capacityWords - 1;
  }

  get capacity(): number {
    return this.capacityWords;
  }

  /** Words held. */
  get size(): number {
    return this.held;
  }

  get full(): boolean {
    return this.held >= this.capacityWords;
  }

  /** The number of the word text[start, end). */
  get(text: string, start: number, end: number): number {
    if (end - start > WORD_TABLE_MAX_CHARS) return this.analyze(text.slice(start, end));
    const hash = this.hashChars(text, start, end);
    const packed = this.packs(text, start, end);
    const { slots, packedLow: low, packedHigh: high } = this;
    let slot = hash & this.mask;
    for (let probe = 0; probe < MAX_PROBES; probe++, slot = (slot + 1) & this.mask) {
      const at = 4 * slot;
      const first = slots[at + 2] as number;
      const second = slots[at + 3] as number;
      if (first === 0 && second === 0) return this.store(at, hash, packed, text, start, end);
      // Packed keys are the words themselves; a long word's needs its hash to match before its characters.
      const same = packed
        ? first === low && second === high
        : first === 0 && slots[at] === hash && sameChars(this.words[second - 1] as string, text, start, end);
      if (same) return slots[at + 1] as number;
    }
    return this.analyze(text.slice(start, end));
  }

  /** Twice the capacity, every word kept with its number. */
  grow(): void {
    const old = this.slots;
    this.capacityWords *= 2;
    this.slots = new Int32Array(8 * this.capacityWords);
    this.mask = 2 * this.capacityWords - 1;
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 2] === 0 && old[at + 3] === 0) continue;
      // The table is at most half full after growing: a free slot is always found.
      let slot = (old[at] as number) & this.mask;
      while (this.slots[4 * slot + 2] !== 0 || this.slots[4 * slot + 3] !== 0) slot = (slot + 1) & this.mask;
      this.slots.set(old.subarray(at, at + 4), 4 * slot);
    }
  }

  /** Empty again, at the same capacity. */
  clear(): void {
    this.slots.fill(0);
    this.words = [];
    this.held = 0;
  }

  /** Whether text[start, end) packs into a key (then in packedLow and packedHigh). */
  private packs(text: string, start: number, end: number): boolean {
    if (end === start || end - start > PACKED_CHARS) return false;
    let low = 0;
    let high = 0;
    for (let at = start; at < end; at++) {
      const code = text.charCodeAt(at);
      if (code === 0 || code > 0xff) return false;
      const offset = at - start;
      if (offset < 4) low |= code << (8 * offset);
      else high |= code << (8 * (offset - 4));
    }
    this.packedLow = low;
    this.packedHigh = high;
    return true;
  }

  /** Analyses a word the table does not hold, and keeps it in the empty slot at `at` while there is room. */
  private store(at: number, hash: number, packed: boolean, text: string, start: number, end: number): number {
    const word = text.slice(start, end);
    const value = this.analyze(word);
    if (this.full) return value;
    this.held++;
    this.slots[at] = hash;
    this.slots[at + 1] = value;
    if (packed) {
      this.slots[at + 2] = this.packedLow;
      this.slots[at + 3] = this.packedHigh;
    } else {
      // A copy: a word cut from an article would otherwise keep the whole article alive (src/text/detached.ts).
      this.slots[at + 3] = this.words.push(detached(word));
    }
    return value;
  }
}
