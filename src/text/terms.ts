import { stripInvisible } from './invisible.ts';
import { normalizeText } from './normalize.ts';
import { stemWord } from './stem.ts';
import { isQuestionFrameWord, stopWordsFor } from './stopwords.ts';

/** A content word: `term` is what is compared (normalised, stemmed), `word` its unstemmed normal form. */
export interface Term {
  readonly term: string;
  readonly word: string;
  /** As written in the text. */
  readonly surface: string;
}

/**
 * Words, numbers with their decimal and grouping marks ("5.25", "1,200"), dotted abbreviations ("U.S") and
 * apostrophes inside words ("Pashinyan’s", "l’aéroport"). Hyphens split ("Nagorno-Karabakh" → two words), so a
 * question naming either part matches.
 */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’.,][\p{L}\p{M}\p{N}]+)*/gu;
/** The same, "&" joining too ("A&E", "R&D"): for the answerer only, so the search index's words stay as they are. */
const WORD_OR_AMPERSAND_ABBREVIATION = /[\p{L}\p{M}\p{N}]+(?:['’.,&][\p{L}\p{M}\p{N}]+)*/gu;
const NO_SPACE_SCRIPTS =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Khmer}]/u;
/** Longer words are cut: nothing useful is lost, and a 10,000-character "word" cannot bloat the search index. */
export const MAX_TERM_CHARS = 32;
// Discord markup that carries no words: user/role/channel mentions and custom emoji.
const DISCORD_MARKUP = /<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>/g;
const WORD_SEGMENTER = new Intl.Segmenter('und', { granularity: 'word' });
const NUMBER = /^\p{N}[\p{N}.,]*$/u;
const POSSESSIVE = /['’]s$/u;
const ELISION = /^(?:\p{L}|qu)['’](?=\p{L})/u;
/** Italian elides articles, articulated prepositions and a few determiners: "dell'anno", "all'aeroporto", "quest'anno". */
const ITALIAN_ELISION = /^(?:\p{L}|[dnsc]?[aeiou]ll|un|quest|quell|nessun|buon|tutt)['’](?=\p{L})/u;
const ELIDING_LANGUAGES: ReadonlySet<string> = new Set(['fr', 'it', 'ca']);
const DECIMAL_COMMA_LANGUAGES: ReadonlySet<string> = new Set(['de', 'es', 'fr', 'ru', 'it', 'pt', 'nl']);

export interface TermOptions {
  /** Base language subtag for stop words and stemming ("en", "de"); other tags get neither. */
  readonly language: string;
  /** Extra stop-word lists to apply (a question about an English article may be asked in German). */
  readonly alsoStopIn?: readonly string[];
  /** Drop the words that frame a question ("article", "say"): true for questions. */
  readonly dropQuestionFrame?: boolean;
}

/** The content terms of a text, in order, repeats kept (term frequency matters to the scorers). */
export function extractTerms(text: string, options: TermOptions): Term[] {
  const stopSets = [options.language, ...(options.alsoStopIn ?? [])].map(stopWordsFor);
  const terms: Term[] = [];
  for (const surface of splitWords(text, true)) {
    const word = normalizeWord(surface, options.language);
    if (!word || isStopWord(word, stopSets, options.dropQuestionFrame ?? false)) continue;
    terms.push({ term: stemWord(word, options.language), word, surface });
  }
  return terms;
}

/**
 * The words of a text as written (Discord markup and invisible characters left out); runs of Chinese, Japanese or
 * Thai are cut into words by ICU's dictionaries.
 */
export function splitWords(text: string, ampersandJoins = false): string[] {
  const unmarked = unmark(text);
  if (!NON_ASCII.test(unmarked)) return asciiWords(unmarked, ampersandJoins);
  return unicodeWords(unmarked, ampersandJoins);
}

/**
 * Calls `each(source, start, end)` for every word of splitWords(text), in order: the word is source[start, end).
 * On ASCII text no word is sliced out, so a caller that only looks words up (the indexer) allocates nothing per
 * word.
 */
export function forEachWord(text: string, each: (source: string, start: number, end: number) => void): void {
  const unmarked = unmark(text);
  if (NON_ASCII.test(unmarked)) {
    for (const word of unicodeWords(unmarked, false)) each(word, 0, word.length);
    return;
  }
  forEachAsciiWord(unmarked, false, each);
}

function unmark(text: string): string {
  return text.includes('<') ? text.replace(DISCORD_MARKUP, ' ') : text;
}

function unicodeWords(text: string, ampersandJoins: boolean): string[] {
  const words: string[] = [];
  const readable = stripInvisible(text);
  for (const match of readable.matchAll(ampersandJoins ? WORD_OR_AMPERSAND_ABBREVIATION : WORD)) {
    const raw = match[0];
    if (NO_SPACE_SCRIPTS.test(raw)) {
      for (const piece of WORD_SEGMENTER.segment(raw)) if (piece.isWordLike) words.push(piece.segment);
    } else {
      words.push(raw);
    }
  }
  return words;
}

// Any UTF-16 unit past ASCII (astral characters show up as their surrogates).
const NON_ASCII = /[\u0080-\uffff]/;

const isAsciiWordCode = (code: number) =>
  (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
/** The joiners WORD allows inside a word that are ASCII: ' . , (the typographic apostrophe is not ASCII). */
const isAsciiJoinerCode = (code: number, ampersandJoins: boolean) =>
  code === 39 || code === 46 || code === 44 || (ampersandJoins && code === 38);

// Most news text is plain ASCII: there WORD is [A-Za-z0-9] runs joined by ' . , and a scan by character codes
// finds the same words at a fraction of a Unicode regex's cost (no invisible characters or no-space scripts).

/** splitWords for ASCII text: exactly the matches of WORD, found without the regex engine. */
function asciiWords(text: string, ampersandJoins: boolean): string[] {
  const words: string[] = [];
  forEachAsciiWord(text, ampersandJoins, (source, start, end) => words.push(source.slice(start, end)));
  return words;
}

/** Calls `each(text, start, end)` for every match of WORD in ASCII text, in order. */
function forEachAsciiWord(
  text: string,
  ampersandJoins: boolean,
  each: (source: string, start: number, end: number) => void,
): void {
  let at = 0;
  while (at < text.length) {
    if (!isAsciiWordCode(text.charCodeAt(at))) {
      at++;
      continue;
    }
    const stop = asciiWordEnd(text, at, ampersandJoins);
    each(text, at, stop);
    at = stop;
  }
}

/** Where the ASCII word starting at `start` ends: its letters and digits, joined by ' . , (and & if asked). */
function asciiWordEnd(text: string, start: number, ampersandJoins: boolean): number {
  const end = text.length;
  let at = start;
  while (at < end && isAsciiWordCode(text.charCodeAt(at))) at++;
  while (
    at + 1 < end &&
    isAsciiJoinerCode(text.charCodeAt(at), ampersandJoins) &&
    isAsciiWordCode(text.charCodeAt(at + 1))
  ) {
    at += 2;
    while (at < end && isAsciiWordCode(text.charCodeAt(at))) at++;
  }
  return at;
}

/** Normal form of one word: numbers lose grouping marks ("1,200" → "1200"), possessives and elisions go. */
export function foldWord(surface: string, language: string): string {
  const word = normalizeText(surface);
  // A number is cut like a word: a hostile "number" of 100,000 digits must not become a term of that length.
  if (NUMBER.test(word)) return cutTerm(normalizeNumber(word, language));
  const elision = language === 'it' ? ITALIAN_ELISION : ELISION;
  return cutTerm(ELIDING_LANGUAGES.has(language) ? word.replace(elision, '') : word.replace(POSSESSIVE, ''));
}

function cutTerm(term: string): string {
  return term.length > MAX_TERM_CHARS ? term.slice(0, MAX_TERM_CHARS) : term;
}

/** A single letter: a stray "s" of "dockers'" or an initial, no meaning; a digit or a Chinese character has one. */
export function isStrayLetter(word: string): boolean {
  return word.length === 1 && !/\p{N}/u.test(word) && !NO_SPACE_SCRIPTS.test(word);
}

/** The folded word, or '' for a stray single letter. */
export function normalizeWord(surface: string, language: string): string {
  const bare = foldWord(surface, language);
  return isStrayLetter(bare) ? '' : bare;
}

function normalizeNumber(number: string, language: string): string {
  const trimmed = number.replace(/[.,]+$/, '');
  if (DECIMAL_COMMA_LANGUAGES.has(language)) {
    if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(trimmed)) return trimmed.replaceAll('.', '').replace(',', '.');
    if (/^\d+,\d+$/.test(trimmed)) return trimmed.replace(',', '.');
    return trimmed;
  }
  return /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(trimmed) ? trimmed.replaceAll(',', '') : trimmed;
}

function isStopWord(word: string, stopSets: readonly ReadonlySet<string>[], dropFrame: boolean): boolean {
  if (dropFrame && isQuestionFrameWord(word)) return true;
  return stopSets.some((set) => set.has(word));
}
