import { detached } from './detached.ts';
import { WordTable } from './word-table.ts';

/**
 * Written words one analyzer's word tables hold together, across languages: 8 MB of slots (32 bytes a word),
 * plus the words too long to pack and the terms, at most ~30 MB more. News in one language can keep its table at
 * MOST_WORDS — 10,000 bench articles use ~70,000 forms, and a table that must start over every 65,000 new words
 * analyses its common words again and again — while a feed declaring dozens of made-up languages cannot
 * multiply that.
 */
export const WORDS_REMEMBERED = 1 << 18;
/** A language's table starts this small (64 KB of slots) and doubles as its words come... */
const FIRST_WORDS = 1 << 12;
/** ...up to this many. */
const MOST_WORDS = 1 << 17;

/** What the word tables of one analyzer may still grow by, in words. */
export class WordBudget {
  constructor(private left = WORDS_REMEMBERED) {}

  take(words: number): boolean {
    if (words > this.left) return false;
    this.left -= words;
    return true;
  }
}

/**
 * Terms by number, 1 onwards (0: a word that makes no term), so the word table stores numbers and a tally counts
 * in a typed array. A number names its term until its vocabulary starts over, which is never during a text.
 */
class TermNumbers {
  private readonly numbers = new Map<string, number>();
  private readonly terms: string[] = [''];

  numberOf(term: string): number {
    if (term === '') return 0;
    const known = this.numbers.get(term);
    if (known !== undefined) return known;
    // A copy: a term cut from an article would otherwise keep the whole article alive (detached.ts).
    const kept = detached(term);
    this.numbers.set(kept, this.terms.length);
    return this.terms.push(kept) - 1;
  }

  termOf(number: number): string {
    return this.terms[number] as string;
  }

  get size(): number {
    return this.terms.length - 1;
  }
}

/** The terms of one language's written words, by number: number() for each word of a text, termOf() to read. */
export interface Vocabulary {
  /** Call before each text (the numbers of the text before may change then). */
  startText(): void;
  /** The number of the word text[start, end)'s term; 0 when it makes none. */
  number(text: string, start: number, end: number): number;
  termOf(number: number): string;
}

/** A vocabulary for one language: its words remembered while the budget has room for a table, else not. */
export function vocabularyFor(analyze: (surface: string) => string, budget: WordBudget): Vocabulary {
  return budget.take(FIRST_WORDS)
    ? new RememberedVocabulary(analyze, budget)
    : new UnrememberedVocabulary(analyze);
}

/**
 * A language's vocabulary, its words remembered in a word table. Between texts a half-full table doubles while
 * the analyzer's budget and MOST_WORDS allow; a full one that may not grow starts over, empty, with a new
 * numbering (words still in use come back on their next mention; there is no per-entry bookkeeping). So does a
 * numbering grown to twice the table's capacity: words the table never stores (too long, or past its probe run)
 * are numbered too, and a feed of nothing else would otherwise grow it without end while the table stays empty.
 */
class RememberedVocabulary implements Vocabulary {
  private numbers = new TermNumbers();
  private readonly table: WordTable;

  /** `budget` has already given FIRST_WORDS for this table. */
  constructor(
    analyze: (surface: string) => string,
    private readonly budget: WordBudget,
  ) {
    this.table = new WordTable((surface) => this.numbers.numberOf(analyze(surface)), FIRST_WORDS);
  }

  startText(): void {
    const { size, capacity } = this.table;
    // Half full: room for a text's new words is running out.
    if (2 * size >= capacity && capacity < MOST_WORDS && this.budget.take(capacity)) this.table.grow();
    else if (this.table.full || this.numbers.size > 2 * capacity) {
      this.table.clear();
      this.numbers = new TermNumbers();
    }
  }

  number(text: string, start: number, end: number): number {
    return this.table.get(text, start, end);
  }

  termOf(number: number): string {
    return this.numbers.termOf(number);
  }
}

/** A vocabulary that remembers no words (the budget is spent): each is analysed each time. */
class UnrememberedVocabulary implements Vocabulary {
  private numbers = new TermNumbers();

  constructor(private readonly analyze: (surface: string) => string) {}

  startText(): void {
    this.numbers = new TermNumbers();
  }

  number(text: string, start: number, end: number): number {
    return this.numbers.numberOf(this.analyze(text.slice(start, end)));
  }

  termOf(number: number): string {
    return this.numbers.termOf(number);
  }
}
