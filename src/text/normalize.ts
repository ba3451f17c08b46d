/**
 * Unicode-aware normalisation shared by every text comparison in the extractive engine: the article's words and
 * the question's words must land on the same form whatever their width, case or accents.
 */

// Accents are folded only on alphabetic scripts where they are usually optional in queries ("Muller" for
// "Müller"); on kana or Devanagari the marks change the word, so they stay.
const FOLDABLE_MARKS = /(\p{Script=Latin}|\p{Script=Greek}|\p{Script=Cyrillic})\p{M}+/gu;

/** Removes combining accents from Latin, Greek and Cyrillic letters: "Müller" → "Muller", "ёлка" → "елка". */
export function foldDiacritics(text: string): string {
  return text.normalize('NFD').replace(FOLDABLE_MARKS, '$1').normalize('NFC');
}

/** NFKC (full-width and ligature forms), lower case, folded accents, ß → ss. */
export function normalizeText(text: string): string {
  return foldDiacritics(text.normalize('NFKC').toLowerCase()).replaceAll('ß', 'ss');
}

/** The primary subtag of a BCP-47 tag or an English language name, lower case: "de-AT" → "de", "German" → "de". */
export function baseLanguage(language: string | null | undefined): string | null {
  if (!language) return null;
  const lowered = language.trim().toLowerCase();
  const byName = LANGUAGE_NAMES[lowered];
  if (byName) return byName;
  const primary = lowered.split(/[-_]/)[0];
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  english: 'en',
  german: 'de',
  deutsch: 'de',
  spanish: 'es',
  español: 'es',
  french: 'fr',
  français: 'fr',
  russian: 'ru',
  italian: 'it',
  italiano: 'it',
  chinese: 'zh',
  japanese: 'ja',
};
