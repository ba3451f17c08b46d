import { normalizeText } from '../../text/normalize.ts';

/*
 * Questions about what someone said ("What did Okafor say about the hubs?", "How did the union react?"): the
 * answer is their quoted words, which restate neither the verb of saying nor, often, the topic in the question's
 * words.
 */

/**
 * Verbs of saying and reacting (normalised): in "what did X warn", "wie reagierte X", a quote by X states the
 * saying itself, so these words need not be in the quoted sentence.
 */
export const SPEECH_VERBS: ReadonlySet<string> = new Set(
  [
    ...[
      'say',
      'says',
      'said',
      'tell',
      'told',
      'warn',
      'warned',
      'warns',
      'claim',
      'claimed',
      'argue',
      'argued',
    ],
    ...[
      'add',
      'added',
      'explain',
      'explained',
      'insist',
      'insisted',
      'stress',
      'stressed',
      'admit',
      'admitted',
    ],
    ...['comment', 'commented', 'react', 'reacted', 'reaction', 'respond', 'responded', 'response', 'reply'],
    ...[
      'replied',
      'think',
      'thinks',
      'make',
      'describe',
      'described',
      'view',
      'views',
      'promise',
      'promised',
    ],
    ...['sagen', 'sagte', 'sagt', 'gesagt', 'erklarte', 'erklart', 'warnte', 'warnt', 'gewarnt', 'betonte'],
    ...[
      'meinte',
      'meint',
      'reagierte',
      'reagiert',
      'reaktion',
      'dijo',
      'dice',
      'decir',
      'explico',
      'advirtio',
    ],
    ...[
      'afirmo',
      'aseguro',
      'declaro',
      'opina',
      'reacciono',
      'respondio',
      'dit',
      'dire',
      'declare',
      'explique',
    ],
    ...['averti', 'affirme', 'estime', 'reagi', 'repondu', 'detto', 'dichiarato', 'spiegato', 'avvertito'],
    ...['affermato', 'sottolineato', 'risposto', 'reagito', 'сказал', 'сказала', 'заявил', 'заявила'],
    ...['сообщил', 'сообщила', 'объяснил', 'предупредил', 'ответил'],
  ].map(normalizeText),
);

/** "What did X say/tell/think/make of…", "How did X react", "Was sagte…", "¿Qué dijo…", "Qu'a dit…", "Что сказал…". */
const SPEECH_QUESTION =
  /\bhow\s+(?:did|does|do|has|have)\b.*\b(?:react|respond|reply)\b|\b(?:reaction|response)\b|\bwie\b.*\breagiert|\bwhat\b.*\b(?:say|said|tell|told|think|thinks|make\s+of|warn(?:ed)?|claim(?:ed)?|argue[ds]?)\b|\bwas\b.*\b(?:sagt|sagte|gesagt|meint|meinte)\b|qu[ée]\s+(?:dijo|ha\s+dicho|opina)|qu['’](?:a|ont)\s+dit|\b(?:cosa|che)\b.*\b(?:detto|dice|pensa)\b|что\s+(?:сказал|заявил)/iu;

export function asksAboutSpeech(question: string): boolean {
  return SPEECH_QUESTION.test(question);
}

/** "What did X say/warn/claim", not "how did X react": the answer is something X said. */
const SAYING_QUESTION =
  /\bwhat\b.*\b(?:say|said|tell|told|warn(?:ed)?|claim(?:ed)?|argue[ds]?)\b|\bwas\b.*\b(?:sagt|sagte|gesagt|meint|meinte)\b|qu[ée]\s+(?:dijo|ha\s+dicho)|qu['’](?:a|ont)\s+dit|\b(?:cosa|che)\b.*\b(?:detto|dice)\b|что\s+(?:сказал|заявил)/iu;

export function asksWhatWasSaid(question: string): boolean {
  return SAYING_QUESTION.test(question);
}

const QUOTATION_MARKS = /["“”«»„]/u;
export function quotes(sentence: string): boolean {
  return QUOTATION_MARKS.test(sentence);
}

/** "According to…" in the catalogue's languages (normalised): speech reported without a verb of saying. */
const ATTRIBUTION_WORDS: ReadonlySet<string> = new Set([
  'according',
  'laut',
  'zufolge',
  'segun',
  'selon',
  'secondo',
]);

/**
 * The sentence reports what someone said: a quotation, a verb of saying or an attribution. "Mwangi won in
 * 2:14:09" says nothing Mwangi said, whatever names it shares with the question.
 */
export function reportsSpeech(sentence: string): boolean {
  if (quotes(sentence)) return true;
  const words = normalizeText(sentence).match(/\p{L}+/gu) ?? [];
  return words.some((word) => SPEECH_VERBS.has(word) || ATTRIBUTION_WORDS.has(word));
}
