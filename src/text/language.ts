import { franc } from 'franc-min';
import { iso6393To1 } from 'iso-639-3/iso6393-to-1.js';

import { baseLanguage } from './language-tag.ts';
import { normalizeText } from './normalize.ts';
import { STOP_WORD_LANGUAGES, stopWordsFor } from './stopwords.ts';

/*
 * The language of a text, guessed two ways for two kinds of text. An article (at ingest, stored as its
 * `language`): trigram detection over its first sentences, among the ~30 languages news is published in most.
 * A question, or an article that declares no language: which language's stop words it uses most, among the
 * languages the toolkit has stop words (and so stemming) for; trigrams say little about ten words.
 */

const SCRIPT_LANGUAGES: readonly (readonly [RegExp, string])[] = [
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'ja'],
  [/\p{Script=Han}/u, 'zh'],
  [/\p{Script=Cyrillic}/u, 'ru'],
];
const SAMPLE_CHARS = 2_000;
const MIN_STOP_WORD_HITS = 2;
const DEFAULT_LANGUAGE = 'en';

/**
 * The base language to analyse a text in: the declared tag when there is one, else a guess from the script and
 * from which language's stop words the text uses most (function words are the most reliable cheap signal).
 */
export function analysisLanguage(declared: string | null | undefined, text: string): string {
  return baseLanguage(declared) ?? guessLanguage(text);
}

export function guessLanguage(text: string): string {
  const sample = text.slice(0, SAMPLE_CHARS);
  for (const [script, language] of SCRIPT_LANGUAGES) if (script.test(sample)) return language;
  const words = normalizeText(sample).match(/\p{L}+/gu) ?? [];
  let best = DEFAULT_LANGUAGE;
  let bestHits = MIN_STOP_WORD_HITS - 1;
  for (const language of STOP_WORD_LANGUAGES) {
    const stops = stopWordsFor(language);
    const hits = words.filter((word) => stops.has(word)).length;
    if (hits > bestHits) {
      best = language;
      bestHits = hits;
    }
  }
  return best;
}

/**
 * Trigram detection cost grows with the sample and with the number of candidate languages; a long sentence is
 * plenty for a language guess, and limiting the candidates to the languages news sites publish in most makes
 * detection about three times cheaper (it runs once per article, at thousands of articles a second on ingest).
 */
const LANGUAGE_SAMPLE_CHARS = 160;
const LANGUAGE_MIN_CHARS = 20;
/**
 * ISO 639-3 codes, as franc names them: the widely published languages franc-min knows (it has none with fewer
 * than 8M speakers, e.g. no Danish or Finnish); Chinese, Japanese, Korean, Bengali, Thai and Greek are told by
 * their script alone.
 */
const NEWS_LANGUAGES: readonly string[] = [
  ...[
    'eng',
    'deu',
    'fra',
    'spa',
    'ita',
    'por',
    'nld',
    'swe',
    'pol',
    'ces',
    'hun',
    'ron',
    'hrv',
    'srp',
    'bos',
  ],
  ...['bul', 'rus', 'ukr', 'bel', 'tur', 'azj', 'arb', 'pes', 'urd', 'hin', 'ind', 'zlm', 'vie', 'swh'],
  ...['cmn', 'jpn', 'kor', 'ben', 'tha', 'ell'],
];

/** franc names some languages by an individual code inside a macrolanguage, which has no 639-1 code itself. */
const MACROLANGUAGE_CODES: Readonly<Record<string, string>> = {
  arb: 'ar',
  cmn: 'zh',
  pes: 'fa',
  zlm: 'ms',
  azj: 'az',
  swh: 'sw',
};

/** The ISO 639-1 code ("en", "de") of the article's language, from its first body sentences; null if unclear. */
export function detectLanguage(title: string, paragraphs: readonly string[]): string | null {
  let sample = paragraphs[0] ?? '';
  if (sample.length < LANGUAGE_SAMPLE_CHARS) sample = `${title}. ${paragraphs.slice(0, 3).join(' ')}`;
  const code = franc(sample.slice(0, LANGUAGE_SAMPLE_CHARS), {
    minLength: LANGUAGE_MIN_CHARS,
    only: [...NEWS_LANGUAGES],
  });
  return iso6393To1[code] ?? MACROLANGUAGE_CODES[code] ?? null;
}
