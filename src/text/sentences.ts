import { GERMAN_MONTHS, PREFIX_ABBREVIATIONS, TRAILING_ABBREVIATIONS } from './abbreviations.ts';
import { baseLanguage } from './language-tag.ts';

/** One sentence of a paragraph: `text === paragraph.slice(start, end)`, without surrounding white space. */
export interface SentenceSpan {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

interface Range {
  start: number;
  end: number;
}

/*
 * Why Intl.Segmenter: it is ICU's UAX #29 sentence breaker, built into Node with full ICU, and already right about
 * decimals ("5.25"), grouped numbers, closing quotes after the stop (`."`, `?”`), ellipses before lower case, and
 * the full stops of other scripts (。！？). Its one weakness is abbreviations followed by a capital ("Dr. Koivu",
 * "J. R. R. Tolkien"), which a short repair pass below fixes. No dependency covers all of that better: the npm
 * splitters are English- or Japanese-only, or return strings without offsets, and we need exact spans to quote.
 */
const SENTENCE_SEGMENTER = new Intl.Segmenter('en', { granularity: 'sentence' });

/** The word before a final period: "Dr." → "dr", "U.S." → "u.s", "p.m." → "p.m"; null when none. */
const WORD_BEFORE_PERIOD = /(?:^|[^\p{L}\p{N}.])((?:\p{L}+\.)*\p{L}+)\.$/u;
const SINGLE_CAPITAL_INITIAL = /^\p{Lu}$/u;
const ORDINAL_NUMBER = /(?:^|\s)\d{1,2}\.$/u;
/** Closing marks ICU sometimes leaves at the start of the next sentence: `« non. » Il est parti.` */
const LEADING_CLOSERS = /^[»”’"')\]」』]+(?=\s|$)/u;
const FIRST_WORD = /^[^\p{L}\p{N}]*([\p{L}\p{N}]+)/u;

/**
 * Splits one paragraph into sentences as exact spans of it, so a sentence can be quoted verbatim. `language` (a
 * BCP-47 tag) turns on language-specific repairs (German ordinals before a month); any language splits.
 */
export function splitSentences(paragraph: string, language?: string | null): SentenceSpan[] {
  const lang = baseLanguage(language);
  const merged: Range[] = [];
  for (const segment of SENTENCE_SEGMENTER.segment(paragraph)) {
    const next = { start: segment.index, end: segment.index + segment.segment.length };
    const previous = merged.at(-1);
    if (!previous) {
      merged.push(next);
      continue;
    }
    moveLeadingClosers(paragraph, previous, next);
    if (continuesSentence(paragraph.slice(previous.start, previous.end).trimEnd(), paragraph, next, lang)) {
      previous.end = next.end;
    } else if (next.end > next.start) {
      merged.push(next);
    }
  }
  return merged.flatMap((range) => toTrimmedSpan(paragraph, range));
}

function moveLeadingClosers(paragraph: string, previous: Range, next: Range): void {
  const closers = LEADING_CLOSERS.exec(paragraph.slice(next.start, next.end));
  if (!closers) return;
  next.start += closers[0].length;
  previous.end = next.start;
}

/** Whether the break ICU put after `before` is an abbreviation or an initial rather than a sentence end. */
function continuesSentence(before: string, paragraph: string, next: Range, lang: string | null): boolean {
  const following = FIRST_WORD.exec(paragraph.slice(next.start, next.end))?.[1];
  if (!following || !before.endsWith('.')) return false;
  const word = WORD_BEFORE_PERIOD.exec(before)?.[1];
  if (word) {
    const lowered = word.toLowerCase();
    if (PREFIX_ABBREVIATIONS.has(lowered)) return true;
    if (TRAILING_ABBREVIATIONS.has(lowered)) return startsLowerOrDigit(following);
    if (SINGLE_CAPITAL_INITIAL.test(word)) return startsUpper(following);
  }
  return lang === 'de' && ORDINAL_NUMBER.test(before) && GERMAN_MONTHS.has(following.toLowerCase());
}

function startsLowerOrDigit(word: string): boolean {
  return /^[\p{Ll}\p{N}]/u.test(word);
}

function startsUpper(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

function toTrimmedSpan(paragraph: string, range: Range): SentenceSpan[] {
  const raw = paragraph.slice(range.start, range.end);
  const text = raw.trim();
  if (!text) return [];
  const start = range.start + raw.indexOf(text);
  return [{ text, start, end: start + text.length }];
}
