import { franc } from 'franc-min';
import { iso6393To1 } from 'iso-639-3/iso6393-to-1.js';
import { languageEvidence } from './language-candidates.ts';

/*
 * The language an article is stored with, detected at ingest. Kept apart from language.ts (the analysis
 * language), so search and the answerer, which read the stored language, do not load the trigram tables.
 */

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
  const text = sample.slice(0, LANGUAGE_SAMPLE_CHARS);
  if (text.length < LANGUAGE_MIN_CHARS) return null;
  const evidence = languageEvidence(text, NEWS_LANGUAGES);
  const code =
    'language' in evidence
      ? evidence.language
      : franc(text, { minLength: LANGUAGE_MIN_CHARS, only: evidence.candidates });
  return iso6393To1[code] ?? MACROLANGUAGE_CODES[code] ?? null;
}
