import { detached } from './detached.ts';

/**
 * Written words a table keeps (per language): more than the ~62,000 forms 10,000 bench articles use (the words
 * of a news index keep coming back). The slots are twice as many, so probe runs stay short. At most 2^17 × 8
 * bytes of slots plus the strings held (words of at most WORD_TABLE_MAX_CHARS characters, their terms): ~8 MB.
 */
const WORD_TABLE_ENTRIES = 1 << 16;
const SLOT_MASK = 2 * WORD_TABLE_ENTRIES - 1;
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
 * What each written word analyses to, remembered in an open-addressing table keyed by the word's characters:
 * ingest meets the same words article after article, and a hit costs a hash over the word's characters and one
 * comparison, with no substring made and no Map probed. The key is compared in full, so a hash collision only
 * costs a probe, never a wrong term. When the table is full it starts empty again: words still in use come back
 * on their next mention, and there is no per-entry bookkeeping (a flood of distinct words only costs analysis).
 */
export class WordTable {
  /**
   * Per slot its word's hash and entry (from 1; 0: empty), side by side so a probe reads one cache
   * line. Entries are dense, in the order words were first met, so the frequent words share cache lines.
   */
  private readonly slots = new Int32Array(2 * (SLOT_MASK + 1));
  /** Entry e's word at 2e - 2, its value at 2e - 1 (e counts from 1). */
  private entries: string[] = [];

  constructor(
    private readonly analyze: (word: string) => string,
    private readonly hashChars: WordHash = seededWordHash(),
  ) {}

  /** The value of the word text[start, end). */
  get(text: string, start: number, end: number): string {
    if (end - start > WORD_TABLE_MAX_CHARS) return this.analyze(text.slice(start, end));
    const hash = this.hashChars(text, start, end);
    const slot = this.find(hash, text, start, end);
    if (slot === -1) return this.analyze(text.slice(start, end));
    const entry = this.slots[2 * slot + 1] as number;
    if (entry !== 0) return this.entries[2 * entry - 1] as string;
    const word = text.slice(start, end);
    const value = this.analyze(word);
    this.add(slot, hash, word, value);
    return value;
  }

  /**
   * The slot holding the word text[start, end), else the empty slot it goes in; -1 when neither is within
   * MAX_PROBES slots of its own.
   */
  private find(hash: number, text: string, start: number, end: number): number {
    let slot = hash & SLOT_MASK;
    for (let probe = 0; probe < MAX_PROBES; probe++, slot = (slot + 1) & SLOT_MASK) {
      const entry = this.slots[2 * slot + 1] as number;
      if (entry === 0) return slot;
      const word = this.entries[2 * entry - 2] as string;
      if (this.slots[2 * slot] === hash && sameChars(word, text, start, end)) return slot;
    }
    return -1;
  }

  private add(slot: number, hash: number, word: string, value: string): void {
    let free = slot;
    if (this.entries.length >= 2 * WORD_TABLE_ENTRIES) {
      this.slots.fill(0);
      this.entries = [];
      free = hash & SLOT_MASK;
    }
    this.slots[2 * free] = hash;
    // Copies: a word cut from an article would otherwise keep the whole article alive (src/text/detached.ts).
    this.slots[2 * free + 1] = this.entries.push(detached(word), detached(value)) / 2;
  }
}
