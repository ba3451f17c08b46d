import { baseLanguage } from './language-tag.ts';
import { normalizeText } from './normalize.ts';
import { STOP_WORD_LANGUAGES, stopWordsFor } from './stopwords.ts';

/*
 * The language a text is analysed in. An article's language is detected once, at ingest, by trigrams
 * (article-language.ts) and stored; a question, or an article stored without one, is guessed here from which
 * language's stop words it uses most, among the languages the toolkit has stop words (and stemming) for:
 * trigrams say little about ten words, and a guess outside those languages would change no analysis.
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
