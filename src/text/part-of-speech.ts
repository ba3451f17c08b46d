/*
 * Outside English there is no WordNet to tell a question's verbs from its nouns, yet the same holds there: the
 * answer rewords verbs ("calato" → "inferiore", "chiedere" → "domande") far more than nouns. Morphology gives a
 * cheap, context-free guess: German writes every noun capitalised, so a lower-case content word is a verb or an
 * adjective; Romance and Russian verbs carry infinitive, participle and tense endings few nouns share.
 * Words arrive normalised (lower case, accents folded).
 */
const VERB_ENDINGS: Readonly<Record<string, RegExp>> = {
  it: /(?:are|ere|ire|ato|ata|ati|ate|ito|ita|iti|ite|uto|uta|uti|ute|ano|ono|eranno|iranno|avano|evano)$/u,
  es: /(?:ar|er|ir|ado|ada|ados|adas|ido|ida|idos|idas|aron|ieron|aran|eran|iran|aba|aban)$/u,
  fr: /(?:er|ait|aient|eront|iront|ront)$/u,
  ru: /(?:ть|ться|ал|ала|ало|али|ил|ила|или|ится|ется|ются|ятся|ут|ют)$/u,
};
/** What a guessed verb weighs against a sentence that lacks it (English verbs weigh 0.5 by their WordNet senses). */
export const GUESSED_VERB_WEIGHT = 0.5;
/**
 * Languages that capitalise every noun (German, Luxembourgish): there a capital letter tells neither a name from a
 * common word ("Stichwahl" is as capitalised as "Kessler") nor, lower case, a verb from a noun.
 */
export const NOUN_CAPITALISING_LANGUAGES: ReadonlySet<string> = new Set(['de', 'lb']);
const MIN_GUESSED_VERB_CHARS = 5;

/** Whether a content word of a question in `language` reads as a verb (in German: as any word but a noun). */
export function looksLikeVerb(word: string, surface: string, language: string): boolean {
  // Capitalised words are names ("Локоть" is no infinitive) or, in German, nouns.
  if (/^\p{N}/u.test(word) || word.length < MIN_GUESSED_VERB_CHARS || /^\p{Lu}/u.test(surface)) return false;
  return NOUN_CAPITALISING_LANGUAGES.has(language) || (VERB_ENDINGS[language]?.test(word) ?? false);
}
