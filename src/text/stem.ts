import { stemmer as porterStemmer } from 'stemmer';
import { englishBaseVerb } from './irregular.ts';

/*
 * English gets the Porter stemmer. Other languages get light, inflection-only suffix stripping after Savoy's
 * light stemmers (as in Lucene's German/Spanish/French light and minimal stemmers): in a short article a missed
 * conflation costs less than a wrong one. Words arrive normalised (lower case, accents folded).
 */
type Stemmer = (word: string) => string;

const STEMMERS: Readonly<Record<string, Stemmer>> = {
  en: (word) => porterStemmer(englishBaseVerb(word)),
  de: stemGermanLight,
  es: stemSpanishLight,
  fr: stemFrenchMinimal,
  ru: stemRussianLight,
  it: stemItalianLight,
};

/** Languages with a stemmer of their own; a word of any other language is its own stem. */
export const STEMMED_LANGUAGES: readonly string[] = Object.keys(STEMMERS);

export function hasStemmer(language: string): boolean {
  return Object.hasOwn(STEMMERS, language);
}

/** The stem of a normalised word in `language` (base subtag); unchanged for languages without a stemmer. */
export function stemWord(word: string, language: string): string {
  if (/^\p{N}/u.test(word)) return word;
  return hasStemmer(language) ? (STEMMERS[language] as Stemmer)(word) : word;
}

const GERMAN_S_ENDING = /[bdfghklmnrt]s$/;
const GERMAN_ST_ENDING = /[bdfghklmnt]st$/;

function stemGermanLight(word: string): string {
  let w = word;
  if (w.length > 5 && w.endsWith('ern')) w = w.slice(0, -3);
  else if (w.length > 4 && /(em|en|er|es)$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && (w.endsWith('e') || GERMAN_S_ENDING.test(w))) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('est')) return w.slice(0, -3);
  if (w.length > 4 && /(er|en)$/.test(w)) return w.slice(0, -2);
  if (w.length > 5 && GERMAN_ST_ENDING.test(w)) return w.slice(0, -2);
  return w;
}

/**
 * The verb endings news questions and articles differ by most ("¿cuándo empiezan los cortes?" / "se cortará"):
 * future, preterite, gerund and -ar/-ir infinitives. Longest first; -er/-era/-ado are left out because they end
 * too many nouns and adjectives ("mujer", "primera", "mercado").
 */
const SPANISH_VERB_ENDINGS = ['ieron', 'iendo', 'aran', 'iran', 'aron', 'ando', 'ara', 'ira', 'ar', 'ir'];
const MIN_SPANISH_STEM_CHARS = 4;

function stemSpanishLight(word: string): string {
  if (word.length < 5) return word;
  const verbEnding = SPANISH_VERB_ENDINGS.find(
    (ending) => word.endsWith(ending) && word.length - ending.length >= MIN_SPANISH_STEM_CHARS,
  );
  if (verbEnding) return word.slice(0, -verbEnding.length);
  if (/[oae]$/.test(word)) return word.slice(0, -1);
  if (word.endsWith('eses')) return word.slice(0, -2);
  if (word.endsWith('ces')) return `${word.slice(0, -3)}z`;
  if (/[oae]s$/.test(word)) return word.slice(0, -2);
  return word;
}

function stemFrenchMinimal(word: string): string {
  if (word.length < 6) return word;
  if (word.endsWith('aux')) return `${word.slice(0, -2)}l`;
  if (word.endsWith('x')) return word.slice(0, -1);
  let w = word;
  for (const ending of ['s', 'r', 'e']) if (w.endsWith(ending)) w = w.slice(0, -1);
  const last = w.length - 1;
  return w[last] === w[last - 1] ? w.slice(0, -1) : w;
}

// Longest first; accents folded, so "ё" arrives as "е" and "й" as "и".
const RUSSIAN_ENDINGS = [
  ...['иями', 'ями', 'ами', 'ого', 'его', 'ому', 'ему', 'ыми', 'ими', 'иях', 'ях', 'ах', 'ов', 'ев', 'ей'],
  ...['ие', 'ые', 'ое', 'ее', 'ии', 'ия', 'ью', 'ю', 'ом', 'ем', 'ам', 'ям', 'ых', 'их', 'ыи', 'ои', 'еи'],
  ...['а', 'я', 'о', 'е', 'ы', 'и', 'у', 'ь'],
];

function stemRussianLight(word: string): string {
  if (word.length < 5) return word;
  const ending = RUSSIAN_ENDINGS.find((suffix) => word.endsWith(suffix) && word.length - suffix.length >= 3);
  return ending ? word.slice(0, -ending.length) : word;
}

/**
 * Italian, in the spirit of Savoy's light stemmer: verb endings news text differs by ("costeranno" / "costa",
 * "deviati" / "deviare"), then the final gender/number vowel. Accents arrive folded ("costerà" → "costera").
 */
const ITALIAN_VERB_ENDINGS = [
  ...['eranno', 'iranno', 'avano', 'evano', 'ivano', 'arono', 'erono', 'irono', 'ando', 'endo'],
  ...[
    'ato',
    'ata',
    'ati',
    'ate',
    'ito',
    'ita',
    'iti',
    'ite',
    'uto',
    'uta',
    'uti',
    'ute',
    'are',
    'ere',
    'ire',
  ],
  ...['era', 'ira', 'ano', 'ono'],
];
const MIN_ITALIAN_STEM_CHARS = 4;

function stemItalianLight(word: string): string {
  if (word.length < 5) return word;
  const verbEnding = ITALIAN_VERB_ENDINGS.find(
    (ending) => word.endsWith(ending) && word.length - ending.length >= MIN_ITALIAN_STEM_CHARS,
  );
  if (verbEnding) return word.slice(0, -verbEnding.length);
  // "banche" / "banca": the h only keeps the c hard before e and i.
  return /(?:ch|gh)[ie]$/.test(word) ? word.slice(0, -2) : word.replace(/[aeio]$/, '');
}
