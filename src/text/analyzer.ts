import { detached } from './detached.ts';
import { guessLanguage } from './language.ts';
import { normalizeText } from './normalize.ts';
import { hasStemmer, STEMMED_LANGUAGES, stemWord } from './stem.ts';
import { isQuestionFrameWord, stopWordsFor } from './stopwords.ts';
import { TermTally } from './term-tally.ts';
import { foldWord, forEachWord, isStrayLetter, splitWords } from './terms.ts';
import { type Vocabulary, vocabularyFor, WordBudget } from './vocabulary.ts';

/*
 * The one analyzer search and the answerer share: the same words (splitWords, foldWord), the same stop words
 * (stopwords.ts) and the same stem per language (stem.ts), so the article search picks for /ask is the article the
 * answerer reads the same way. The answerer's extractTerms (terms.ts) is this pipeline with the surface kept.
 *
 * An article is indexed in its own language (known at ingest, else guessed from its text). A query is not
 * analysed in one language: a short query gives too little to guess from ("cortes de agua" reads as English), and
 * a question may be asked in another language than its article's. So each query word is looked up under its
 * stem in every stemmed language, its own language's first; the query's guessed language only decides which of
 * its words are stop words. Routing stays right whatever the guess, at the price of a few extra term lookups.
 */

/**
 * The words of a text, lower case, accents folded, one space apart (no markup, punctuation or invisible characters):
 * "Zürich", "ZURICH" and "zu\u200Brich" fold alike.
 */
export function foldText(text: string): string {
  return splitWords(text).map(normalizeText).join(' ');
}

/** The folded words of a text, in order (single letters kept); never throws, whatever the input. */
export function words(text: string, language: string): string[] {
  const out: string[] = [];
  for (const surface of splitWords(text)) {
    const word = foldWord(surface, language);
    if (word !== '') out.push(word);
  }
  return out;
}

/** Words that never make a term: stop words of the language, a question's framing ("article", "say"), stray letters. */
export function isStopword(word: string, language: string): boolean {
  // Frame words are never searched for (queries drop them), so the index does not spend salient slots on "said".
  return isStrayLetter(word) || stopWordsFor(language).has(word) || isQuestionFrameWord(word);
}

/** The language a query's words are read in (stop words, elisions, decimal marks). */
export function queryLanguage(query: string): string {
  return guessLanguage(query);
}

/** The languages a query word is looked up in: those an index holds articles in (TermAnalyzer.toTerms). */
export interface LookupLanguages {
  /** Languages with a stemmer of their own. */
  readonly stemmed: readonly string[];
  /** Whether some articles are in a language without a stemmer: their terms are the words themselves. */
  readonly unstemmed: boolean;
}

export const EVERY_LANGUAGE: LookupLanguages = { stemmed: STEMMED_LANGUAGES, unstemmed: true };

/** The languages to look query words up in for an index holding articles in `languages` (base subtags). */
export function lookupLanguages(languages: Iterable<string>): LookupLanguages {
  const stemmed: string[] = [];
  let unstemmed = false;
  for (const language of languages) {
    if (hasStemmer(language)) stemmed.push(language);
    else unstemmed = true;
  }
  return { stemmed, unstemmed };
}

/**
 * Stems remembered per generation (two generations are kept): English stemming costs ~10 µs a word, a lookup
 * ~0.1 µs, and news keeps reusing its words. At most 2 × this many entries per language (~15 MB).
 */
const STEM_GENERATION_ENTRIES = 100_000;

/** What a memo computes on a miss: a stem. */
type Compute = (key: string) => string;

/**
 * Values remembered in two generations. When the recent generation fills up it becomes the older one: keys still
 * in use move back on their next lookup, the rest are forgotten (an LRU approximation with no per-entry
 * bookkeeping).
 */
class GenerationalMemo {
  private recent = new Map<string, string>();
  private older = new Map<string, string>();

  constructor(
    private readonly compute: Compute,
    private readonly entries: number,
  ) {}

  get(key: string): string {
    const known = this.recent.get(key);
    if (known !== undefined) return known;
    const value = this.older.get(key) ?? detached(this.compute(key));
    if (this.recent.size >= this.entries) {
      this.older = this.recent;
      this.recent = new Map();
    }
    this.recent.set(detached(key), value);
    return value;
  }
}

/**
 * Languages that get memos of their own. A language tag is whatever a feed declares, so without this bound a
 * hostile source naming a new language per article would grow memos without end; past it, words are analysed
 * each time (slower, same terms).
 */
const MEMO_LANGUAGES = 32;

/** A new memo for `language` in `memos`, or undefined past MEMO_LANGUAGES languages (compute each time then). */
function remember<Memo>(memos: Map<string, Memo>, language: string, make: () => Memo): Memo | undefined {
  if (memos.size >= MEMO_LANGUAGES) return undefined;
  const memo = make();
  memos.set(language, memo);
  return memo;
}

/** Turns text into index terms; keeps bounded memos of stems and terms, so use one analyzer per index. */
export class TermAnalyzer {
  private readonly memos = new Map<string, GenerationalMemo>();
  private readonly vocabularies = new Map<string, Vocabulary>();
  private readonly wordBudget = new WordBudget();
  private readonly tally = new TermTally();

  /** The index term of a folded content word in `language`: "blockaded" and "blockade" meet in English. */
  toTerm(word: string, language: string): string {
    // A language without a stemmer keeps its words as they are: nothing worth remembering, so whatever tags a
    // feed declares, the memos stay those of the few stemmed languages (at most ~15 MB each).
    if (!hasStemmer(language)) return stemWord(word, language);
    const memo =
      this.memos.get(language) ??
      remember(
        this.memos,
        language,
        () => new GenerationalMemo((folded) => stemWord(folded, language), STEM_GENERATION_ENTRIES),
      );
    return memo ? memo.get(word) : stemWord(word, language);
  }

  /** The terms a query word may be indexed under: its stem in `language`, then in each of `among`. */
  toTerms(word: string, language: string, among: LookupLanguages = EVERY_LANGUAGE): string[] {
    const terms = [this.toTerm(word, language)];
    for (const other of among.stemmed) {
      const term = this.toTerm(word, other);
      if (!terms.includes(term)) terms.push(term);
    }
    // A language without a stemmer indexes the word itself.
    if (among.unstemmed && !terms.includes(word)) terms.push(word);
    return terms;
  }

  /** The content words of a query, each once, each as its terms in every language (toTerms). */
  queryTerms(query: string): string[][] {
    const language = queryLanguage(query);
    const byTerm = new Map<string, string[]>();
    for (const word of words(query, language)) {
      if (isStopword(word, language)) continue;
      const terms = this.toTerms(word, language);
      const [first = word] = terms;
      if (!byTerm.has(first)) byTerm.set(first, terms);
    }
    return [...byTerm.values()];
  }

  /**
   * How often each index term occurs (stop words dropped), in order of first appearance, and how many terms the
   * text has. Each written word's term comes from the word table, so a word is folded and stemmed once while the
   * table holds it, not once per article.
   */
  termCounts(text: string, language: string): { counts: Map<string, number>; length: number } {
    const vocabulary = this.count(text, language);
    return this.tally.take((term) => vocabulary.termOf(term));
  }

  /**
   * The `limit` most frequent index terms of a text, most frequent first, equals in order of first appearance
   * (termCounts sorted and cut, at a fraction of its cost), and how many terms the text has.
   */
  heaviestTerms(
    text: string,
    language: string,
    limit: number,
  ): { ranked: [string, number][]; length: number } {
    const vocabulary = this.count(text, language);
    return this.tally.takeHeaviest(limit, (term) => vocabulary.termOf(term));
  }

  /** Index terms of a text, stop words dropped, in order of appearance (duplicates kept for counting). */
  terms(text: string, language: string): string[] {
    const vocabulary = this.vocabulary(language);
    const out: string[] = [];
    forEachWord(text, (source, start, end) => {
      const term = vocabulary.number(source, start, end);
      if (term !== 0) out.push(vocabulary.termOf(term));
    });
    return out;
  }

  /** Counts the text's terms into the tally, by their numbers in the returned vocabulary. */
  private count(text: string, language: string): Vocabulary {
    const vocabulary = this.vocabulary(language);
    const tally = this.tally;
    tally.discard();
    forEachWord(text, (source, start, end) => {
      const term = vocabulary.number(source, start, end);
      if (term !== 0) tally.add(term);
    });
    return vocabulary;
  }

  /** The term of one written word in `language`, or '' when it makes none. */
  private analyzeWord(surface: string, language: string): string {
    const word = foldWord(surface, language);
    return word === '' || isStopword(word, language) ? '' : this.toTerm(word, language);
  }

  /**
   * The words and terms of `language` by number, ready for a text; past MEMO_LANGUAGES languages, or once the
   * word budget is spent, words are analysed each time (slower, the same terms).
   */
  private vocabulary(language: string): Vocabulary {
    const vocabulary = this.vocabularies.get(language) ?? this.newVocabulary(language);
    vocabulary.startText();
    return vocabulary;
  }

  /** A vocabulary for a language met for the first time: kept while MEMO_LANGUAGES allows, else for one text. */
  private newVocabulary(language: string): Vocabulary {
    const analyze = (surface: string) => this.analyzeWord(surface, language);
    return (
      remember(this.vocabularies, language, () => vocabularyFor(analyze, this.wordBudget)) ??
      vocabularyFor(analyze, new WordBudget(0))
    );
  }
}
