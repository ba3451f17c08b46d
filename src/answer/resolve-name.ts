import type { StoredArticle } from '../articles/article.ts';
import { foldText } from '../text/analyzer.ts';
import { detectLanguage } from '../text/article-language.ts';
import { baseLanguage } from '../text/language-tag.ts';
import { NOUN_CAPITALISING_LANGUAGES } from '../text/part-of-speech.ts';

/** A name a single typed word may stand for is one the article keeps coming back to. */
const MIN_NAME_MENTIONS = 2;
/** Only the start of a long article is scanned for the word (bounded CPU). */
const NAME_SCAN_MAX_CHARS = 50_000;
const WORD = /[\p{L}\p{N}]+/gu;
/** Quotes, brackets and spaces between a word and what comes before it. */
const OPENERS = /["'“”„«»‹›()[\]\s]+$/u;
const SENTENCE_END = /[.!?:;…]$/u;

const isCapitalised = (token: string) => {
  const first = token.charAt(0);
  return first !== first.toLowerCase();
};

/**
 * Whether one typed word is a name in this article: it occurs MIN_NAME_MENTIONS times or more in the body, always
 * capitalised, at least once inside a sentence (a capital there is not just the sentence's start), in a language
 * that does not capitalise all nouns. "police", "water" or "Monday" mentioned once are not names to pick by.
 */
export function looksLikeName(folded: string, article: StoredArticle): boolean {
  // Stored at ingest (detected, or declared by a feed); detected again only for an article stored without one.
  const language = baseLanguage(article.language) ?? detectLanguage(article.title, article.paragraphs);
  if (language !== null && NOUN_CAPITALISING_LANGUAGES.has(language)) return false;
  let mentions = 0;
  let insideSentence = false;
  let scanned = 0;
  for (const paragraph of article.paragraphs) {
    if (scanned >= NAME_SCAN_MAX_CHARS) break;
    scanned += paragraph.length;
    for (const found of paragraph.matchAll(WORD)) {
      if (foldText(found[0]) !== folded) continue;
      if (!isCapitalised(found[0])) return false;
      mentions++;
      const before = paragraph.slice(Math.max(0, found.index - 8), found.index).replace(OPENERS, '');
      if (before !== '' && !SENTENCE_END.test(before)) insideSentence = true;
    }
  }
  return mentions >= MIN_NAME_MENTIONS && insideSentence;
}
