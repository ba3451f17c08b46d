import { stemmer } from 'stemmer';
import { STOPWORDS } from './search-stopwords.ts';

/** Longer tokens are cut: nothing useful is lost, and a 10,000-character "word" cannot bloat the index. */
export const MAX_TERM_CHARS = 32;

// Discord markup that carries no words: user/role/channel mentions and custom emoji.
const DISCORD_MARKUP = /<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>/g;
// Zero-width, joiners, bidi controls and BOM: invisible, but they split or glue words when left in.
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const COMBINING_MARKS = /\p{M}+/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/u;
// Han, Hiragana and Katakana all lie above U+3000: a cheap first check before the script test.
const FIRST_UNSPACED_CODE = 0x3000;
// Scripts written without spaces between words: indexed as overlapping character pairs.
const UNSPACED_SCRIPT = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+$/u;
const ASCII_WORD = /^[a-z]+$/;

// Any UTF-16 unit past ASCII (astral characters show up as their surrogates).
const NON_ASCII = /[\u0080-\uffff]/;

/** Lower case, no diacritics, no invisible characters: "Zürich", "ZURICH" and "zu\u200Brich" all fold alike. */
export function foldText(text: string): string {
  const unmarked = text.includes('<') ? text.replace(DISCORD_MARKUP, ' ') : text;
  // Most English text is plain ASCII: nothing invisible, nothing to decompose (a third of ingest's analysis).
  if (!NON_ASCII.test(unmarked)) return unmarked.toLowerCase();
  return unmarked
    .replace(INVISIBLE, '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(/ß/g, 'ss');
}

/** The folded words of a text, in order; never throws, whatever the input. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const word of foldText(text).split(NOT_WORD)) {
    if (word === '') continue;
    if (word.length > 1 && word.charCodeAt(0) >= FIRST_UNSPACED_CODE && UNSPACED_SCRIPT.test(word)) {
      for (let i = 0; i + 1 < word.length; i++) out.push(word.slice(i, i + 2));
    } else {
      out.push(word.length > MAX_TERM_CHARS ? word.slice(0, MAX_TERM_CHARS) : word);
    }
  }
  return out;
}

export function isStopword(word: string): boolean {
  return word.length < 2 || STOPWORDS.has(word);
}

/**
 * Stems remembered per generation (two generations are kept): stemming costs ~10 µs a word, a lookup ~0.1 µs, and
 * news keeps reusing its words. At most 2 × this many entries (~15 MB).
 */
const STEM_GENERATION_ENTRIES = 100_000;

/** Turns text into index terms; keeps a bounded memo of stems, so use one analyzer per index. */
export class TermAnalyzer {
  private recent = new Map<string, string>();
  private older = new Map<string, string>();

  /** The index term for a folded word: English words are stemmed so "blockaded" meets "blockade". */
  toTerm(word: string): string {
    if (word.length <= 3) return word;
    const known = this.recent.get(word);
    if (known !== undefined) return known;
    const stem = this.older.get(word) ?? (ASCII_WORD.test(word) ? stemmer(word) : word);
    // When the recent generation fills up it becomes the older one: words still in use move back on their next
    // lookup, the rest are forgotten (an LRU approximation with no per-entry bookkeeping).
    if (this.recent.size >= STEM_GENERATION_ENTRIES) {
      this.older = this.recent;
      this.recent = new Map();
    }
    this.recent.set(word, stem);
    return stem;
  }

  /**
   * How often each index term occurs (stopwords dropped), in order of first appearance, and how many terms the
   * text has. Words are counted before stemming, so each distinct word is looked up once, not every time.
   */
  termCounts(text: string): { counts: Map<string, number>; length: number } {
    const wordCounts = new Map<string, number>();
    for (const word of words(text)) wordCounts.set(word, (wordCounts.get(word) ?? 0) + 1);
    const counts = new Map<string, number>();
    let length = 0;
    for (const [word, count] of wordCounts) {
      if (isStopword(word)) continue;
      const term = this.toTerm(word);
      counts.set(term, (counts.get(term) ?? 0) + count);
      length += count;
    }
    return { counts, length };
  }

  /** Index terms of a text, stopwords dropped, in order of appearance (duplicates kept for counting). */
  terms(text: string): string[] {
    const out: string[] = [];
    for (const word of words(text)) {
      if (!isStopword(word)) out.push(this.toTerm(word));
    }
    return out;
  }
}
