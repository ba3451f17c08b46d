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

/**
 * What each written word analyses to (a number: its term's, see vocabulary.ts), remembered in an open-addressing
 * table keyed by the word's characters: ingest meets the same words article after article, and a hit costs a
 * hash over the word's characters and one comparison, with no substring made and no Map probed. The key is
 * compared in full, so a hash collision only costs a probe, never a wrong term. A full table stores no more
 * words (they are analysed each time) until its owner grows or clears it, between texts: never during one, so
 * the numbers a text's words were given stay theirs.
 */
export class WordTable {
  /**
   * Per slot its word's hash and entry (from 1; 0: empty), side by side so a probe reads one cache line. The
   * slots are twice the capacity, so probe runs stay short.
   */
  private slots: Int32Array;
  private mask: number;
  /** Entry e's word at e - 1 (e counts from 1), dense in the order words were first met. */
  private words: string[] = [];
  /** Entry e's number at e: dense too, so the frequent words' numbers share cache lines. */
  private values: Int32Array;

  constructor(
    private readonly analyze: (word: string) => number,
    private capacityWords: number,
    private readonly hashChars: WordHash = seededWordHash(),
  ) {
    this.slots = new Int32Array(4 * capacityWords);
    this.mask = 2 * capacityWords - 1;
    this.values = new Int32Array(capacityWords + 1);
  }

  get capacity(): number {
    return this.capacityWords;
  }

  /** Words held. */
  get size(): number {
    return this.words.length;
  }

  get full(): boolean {
    return this.words.length >= this.capacityWords;
  }

  /** The number of the word text[start, end). */
  get(text: string, start: number, end: number): number {
    if (end - start > WORD_TABLE_MAX_CHARS) return this.analyze(text.slice(start, end));
    const hash = this.hashChars(text, start, end);
    const slot = this.find(hash, text, start, end);
    if (slot === -1) return this.analyze(text.slice(start, end));
    const entry = this.slots[2 * slot + 1] as number;
    if (entry !== 0) return this.values[entry] as number;
    const word = text.slice(start, end);
    const value = this.analyze(word);
    if (!this.full) this.add(slot, hash, word, value);
    return value;
  }

  /** Twice the capacity, every word kept with its number. */
  grow(): void {
    const { slots } = this;
    this.capacityWords *= 2;
    this.slots = new Int32Array(4 * this.capacityWords);
    this.mask = 2 * this.capacityWords - 1;
    const values = new Int32Array(this.capacityWords + 1);
    values.set(this.values);
    this.values = values;
    for (let slot = 0; slot < slots.length / 2; slot++) {
      const entry = slots[2 * slot + 1] as number;
      if (entry !== 0) this.place(slots[2 * slot] as number, entry);
    }
  }

  /** Empty again, at the same capacity. */
  clear(): void {
    this.slots.fill(0);
    this.words = [];
  }

  /**
   * The slot holding the word text[start, end), else the empty slot it goes in; -1 when neither is within
   * MAX_PROBES slots of its own.
   */
  private find(hash: number, text: string, start: number, end: number): number {
    let slot = hash & this.mask;
    for (let probe = 0; probe < MAX_PROBES; probe++, slot = (slot + 1) & this.mask) {
      const entry = this.slots[2 * slot + 1] as number;
      if (entry === 0) return slot;
      const word = this.words[entry - 1] as string;
      if (this.slots[2 * slot] === hash && sameChars(word, text, start, end)) return slot;
    }
    return -1;
  }

  private add(slot: number, hash: number, word: string, value: number): void {
    this.slots[2 * slot] = hash;
    // A copy: a word cut from an article would otherwise keep the whole article alive (src/text/detached.ts).
    const entry = this.words.push(detached(word));
    this.slots[2 * slot + 1] = entry;
    this.values[entry] = value;
  }

  /** Puts an entry back in the first free slot from its own (growing: every entry fits, the table is half empty). */
  private place(hash: number, entry: number): void {
    let slot = hash & this.mask;
    while (this.slots[2 * slot + 1] !== 0) slot = (slot + 1) & this.mask;
    this.slots[2 * slot] = hash;
    this.slots[2 * slot + 1] = entry;
  }
}
