import { deu, eng, fra, ita, jpn, rus, spa, zho } from 'stopword';
import { normalizeText } from './normalize.ts';

/*
 * Base lists from the `stopword` package (maintained, 60+ languages), plus the function words its short lists
 * miss and that carry no content in a question about a news story ("does", "will", "article", "tell").
 */
const EXTRA_ENGLISH = [
  'does',
  'doing',
  'done',
  'will',
  'shall',
  'may',
  'not',
  'no',
  'yes',
  'whom',
  'whose',
  'why',
  'when',
  'which',
  'there',
  'its',
  'it’s',
  'was',
  'were',
  'been',
  'isn',
  'aren',
  'wasn',
  'weren',
  'don',
  'didn',
  'doesn',
  'also',
  'according',
  'e.g',
  'i.e',
  'etc',
  'per',
  'us',
  'via',
  // Prepositions, conjunctions and adverbs the base list lacks
  ...['during', 'within', 'without', 'against', 'among', 'across', 'along', 'around', 'behind', 'beyond'],
  ...['toward', 'towards', 'upon', 'onto', 'whether', 'rather', 'quite', 'just', 'even', 'yet', 'ever'],
  ...['already', 'almost', 'either', 'neither', 'nor', 'though', 'although', 'unless', 'whereas', 'whose'],
  ...['everyone', 'anyone', 'someone', 'nobody', 'none', 'lot', 'lots', 'really', 'actually', 'currently'],
];

/** Question words and auxiliaries the short de/es/fr lists lack. */
const EXTRA_GERMAN = [
  'wie',
  'was',
  'wer',
  'wann',
  'warum',
  'wo',
  'welche',
  'welcher',
  'wieviel',
  'viele',
  'viel',
];
const EXTRA_SPANISH = [
  ...['cuánto', 'cuántos', 'cuántas', 'cómo', 'cuándo', 'dónde', 'quién', 'quiénes', 'cuál', 'qué', 'por'],
  ...['es', 'son', 'fue', 'fueron', 'está', 'están', 'ha', 'han', 'hay', 'será', 'van', 'va'],
  ...['cuánta', 'cuál', 'cuáles', 'ser', 'puede', 'pueden', 'podrá', 'podrán', 'debe', 'deben'],
];
const EXTRA_FRENCH = [
  ...['combien', 'comment', 'quand', 'où', 'pourquoi', 'qui', 'quel', 'quelle', 'quels', 'quelles', 'que'],
  ...['est', 'sont', 'a', 'ont', 'été', 'était', 'sera', 'va', 'vont', 'fait', 'l', 'd', 'qu', 'c', 's', 'n'],
];
const EXTRA_RUSSIAN = [
  ...['сколько', 'какой', 'какая', 'какое', 'какие', 'каких', 'каков', 'когда', 'где', 'кто', 'почему'],
  ...['будет', 'будут', 'был', 'была', 'было', 'были', 'может', 'могут', 'ли'],
];

const EXTRA_ITALIAN = [
  ...[
    'quanto',
    'quanta',
    'quanti',
    'quante',
    'come',
    'quando',
    'dove',
    'perché',
    'chi',
    'quale',
    'quali',
    'cosa',
  ],
  ...['è', 'sono', 'era', 'erano', 'sarà', 'saranno', 'stato', 'stata', 'stati', 'state', 'ha', 'hanno', 'c'],
  ...['può', 'possono', 'potrà', 'potranno', 'deve', 'devono', 'essere', 'si', 'ci', 'ne', 'più', 'meno'],
  ...['entro', 'fino', 'durante', 'verso', 'circa', 'ancora', 'anche', 'già'],
];

/** Words that frame a question about the article rather than say what it is about. */
const QUESTION_FRAME = [
  'article',
  'story',
  'text',
  'report',
  'say',
  'says',
  'said',
  'tell',
  'tells',
  'mention',
  'mentioned',
  'mentions',
  'happen',
  'happens',
  'happened',
  'kind',
  'sort',
  'exactly',
  'please',
  'anything',
  'something',
  'artikel',
  'artículo',
  'noticia',
  'articolo',
  'notizia',
];

const BASE_LISTS: Readonly<Record<string, readonly string[]>> = {
  en: [...eng, ...EXTRA_ENGLISH],
  de: [...deu, ...EXTRA_GERMAN],
  es: [...spa, ...EXTRA_SPANISH],
  fr: [...fra, ...EXTRA_FRENCH],
  ru: [...rus, ...EXTRA_RUSSIAN],
  zh: zho,
  ja: jpn,
  // Last: a short text scoring as many Spanish as Italian stop words ("la", "che"/"que") keeps the earlier guess.
  it: [...ita, ...EXTRA_ITALIAN],
};

function toSet(words: readonly string[]): ReadonlySet<string> {
  return new Set(words.map((word) => normalizeText(word)));
}

const STOP_SETS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(BASE_LISTS).map(([lang, words]) => [lang, toSet(words)]),
);
const QUESTION_FRAME_SET = toSet(QUESTION_FRAME);
const EMPTY: ReadonlySet<string> = new Set();

/** Languages with a stop-word list (and so a chance of a language guess). */
export const STOP_WORD_LANGUAGES: readonly string[] = [...STOP_SETS.keys()];

/** The stop words of one language (normalised forms); empty for a language without a list. */
export function stopWordsFor(language: string): ReadonlySet<string> {
  return STOP_SETS.get(language) ?? EMPTY;
}

/** Whether a normalised word is a question's framing ("article", "say", "tell") rather than its content. */
export function isQuestionFrameWord(word: string): boolean {
  return QUESTION_FRAME_SET.has(word);
}
