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

// Any UTF-16 unit past ASCII (astral characters show up as their surrogates).
const NON_ASCII = /[\u0080-\uffff]/;

/** NFKC (full-width and ligature forms), lower case, folded accents, ß → ss. */
export function normalizeText(text: string): string {
  // Plain ASCII has nothing to compose, decompose or fold: most English words skip three passes (search indexing
  // normalises every word of every article).
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return foldDiacritics(text.normalize('NFKC').toLowerCase()).replaceAll('ß', 'ss');
}
