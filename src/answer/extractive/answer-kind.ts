import { normalizeText } from '../../text/normalize.ts';
import { stemWord } from '../../text/stem.ts';
import { extractTerms, normalizeWord, splitWords } from '../../text/terms.ts';

/**
 * The kind of fact a question asks for, read from its question word: a "how many" answer states a quantity, a
 * "when" answer a time, a "who" answer names someone and a "where" answer a place, whatever words they share
 * with the question.
 */
export type AnswerType = 'money' | 'quantity' | 'time' | 'person' | 'place' | 'other';

/** Words that ask about money ("how much will it cost"): the answer states an amount in some currency. */
export const MONEY_WORDS: ReadonlySet<string> = new Set([
  ...['money', 'cash', 'cost', 'costs', 'price', 'prices', 'worth', 'budget'],
  ...['fund', 'funding', 'spend', 'spent', 'pay', 'paid', 'fee', 'fees'],
  // The same asks in the other languages with stop-word lists (normalised: lower case, accents folded).
  ...['kosten', 'kostet', 'kostete', 'preis', 'cuesta', 'cuestan', 'costo', 'coste', 'precio'],
  ...['cout', 'coute', 'couter', 'couteront', 'prix', 'стоит', 'стоимость', 'цена', 'обоидется'],
  ...['costa', 'costano', 'costo', 'costera', 'costeranno', 'prezzo', 'prezzi', 'soldi', 'spesa', 'pagare'],
]);
/** Porter stems of currency names, matched against the article's (English) stems. */
export const CURRENCY_TERMS: readonly string[] = [
  ...['euro', 'dollar', 'pound', 'yen', 'rubl', 'roubl'],
  ...['franc', 'yuan', 'rupe', 'krona', 'krone'],
];
// Letter lookarounds rather than \b, which only knows ASCII letters ("dólares", "рублей").
const CURRENCY =
  /[€$£¥₽]|(?<!\p{L})(?:euros?|dollars?|dólar(?:es)?|pounds?|yen|r[o]?ubles?|francs?|yuan|rupees?|kron[aeo]r?|евро|доллар\p{L}*|рубл\p{L}*|фунт\p{L}*)(?!\p{L})/iu;

const ANSWER_TYPE_CUES: readonly (readonly [AnswerType, RegExp])[] = [
  [
    'quantity',
    /\b(?:how (?:many|much|long|far|big|large|old|often|high|low|late|hot|cold|fast)|what (?:share|percentage|proportion|number|age|ages)|by how|wie ?viele?|wie alt|cuánt[oa]s?|combien|quant[oaie])\b|сколько/iu,
  ],
  [
    'time',
    /\b(?:when|(?:what|which) (?:time|times|day|days|date|hours?|year|month|week)|since when|until when|wann|cuándo|quand|quando|in che anno)\b|когда/iu,
  ],
  ['person', /^\W*(?:who|whom|whose|wer|wem|wen|quién|quiénes|qui|chi)\b|^\W*кто(?!\p{L})/iu],
  [
    'place',
    /^\W*(?:where|wo|wohin|woher|dónde|adónde|où|dove|da dove)(?!\p{L})|^\W*(?:где|куда|откуда)(?!\p{L})/iu,
  ],
];
const AMOUNT_QUESTION = /\b(?:how much|what (?:price|amount)|wie ?viel|cuánto|combien|quant[oaie])\b/iu;
const COUNTED_PHRASE =
  /\b(?:how\s+(?:many|much)|wie\s+viele?|cuánt[oa]s?|combien\s+d[e'’]|quant[aie])\s+(.+)$/iu;
const TIME_EXPRESSION =
  /\b(?:\d{1,2}\.\s?\p{L}|\d{4}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|spring|summer|autumn|winter|yesterday|today|tonight|tomorrow|next|last|ago|weeks?|months?|years?|season|morning|afternoon|evening|night|midday|midnight|decades?|since|until|soon|later|earlier)\b|\d\s?[ap]\.m\./iu;
/** The same in German, Spanish, French and Russian (months, weekdays, relative days, "next", clock times). */
const OTHER_TIME_WORDS = new RegExp(
  ` (?:${[
    ...['januar', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober'],
    ...['november', 'dezember', 'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag'],
    ...['sonntag', 'heute', 'morgen', 'gestern', 'nächste[nmrs]?', 'ende', 'anfang', 'uhr', 'jahre?n?'],
    ...['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre'],
    ...['noviembre', 'diciembre', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'],
    ...['hoy', 'mañana', 'ayer', 'próxim[oa]s?', 'años?', 'mes(?:es)?', 'semanas?', 'otoño', 'invierno'],
    ...['janvier', 'février', 'mars', 'avril', 'juin', 'juillet', 'août', 'septembre', 'octobre'],
    ...['novembre', 'décembre', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
    ...['aujourd’hui', "aujourd'hui", 'demain', 'prochaine?s?', 'ans', 'année', 'mois', 'semaine'],
    ...['январ[ьяе]', 'феврал[ьяе]', 'марта?', 'апрел[ьяе]', 'ма[яй]', 'июн[ьяе]', 'июл[ьяе]', 'августа?'],
    ...['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'settembre', 'ottobre'],
    ...['dicembre', 'lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'domenica', 'oggi'],
    ...['domani', 'ieri', 'prossim[oaie]', 'anni', 'anno', 'mesi', 'mese', 'settiman[ae]', 'entro', 'fino'],
    ...['сентябр[ьяе]', 'октябр[ьяе]', 'ноябр[ьяе]', 'декабр[ьяе]', 'сегодня', 'завтра', 'вчера', 'году?'],
  ].join('|')}) `,
  'iu',
);
const DAY_AND_MONTH_NAMES: ReadonlySet<string> = new Set([
  ...['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february'],
  ...['march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'],
]);

export function detectAnswerType(question: string): AnswerType {
  const type = ANSWER_TYPE_CUES.find(([, cue]) => cue.test(question))?.[0] ?? 'other';
  // "How much … cost" asks for money; "how many lives did it cost" asks for a count.
  const asksMoney =
    AMOUNT_QUESTION.test(question) &&
    (normalizeText(question).match(/\p{L}+/gu) ?? []).some((word) => MONEY_WORDS.has(word));
  return type === 'quantity' && asksMoney ? 'money' : type;
}

/** Whether a sentence states an amount of money ("1.9 billion euros", "$40m"). */
export function statesMoney(sentence: string): boolean {
  return CURRENCY.test(sentence);
}

/** Whether a sentence states a time or date, as a "when" question's answer must. */
export function statesTime(sentence: string): boolean {
  if (TIME_EXPRESSION.test(sentence)) return true;
  // \b only knows ASCII letters: match the other languages' words between spaces instead.
  return OTHER_TIME_WORDS.test(` ${sentence.toLowerCase().replace(/[^\p{L}\p{N}’']+/gu, ' ')} `);
}

/**
 * Counted nouns that any count of persons answers: "how many people are waiting" is answered by "412,000
 * patients". They do not veto a sentence that counts persons under another noun.
 */
const GENERIC_COUNTED_WORDS: readonly (readonly [string, string])[] = [
  ...(['people', 'persons', 'person'] as const).map((word) => ['en', word] as const),
  ...(['menschen', 'personen', 'leute'] as const).map((word) => ['de', word] as const),
  ...(['personas', 'gente'] as const).map((word) => ['es', word] as const),
  ...(['personnes', 'gens'] as const).map((word) => ['fr', word] as const),
  ...(['persone', 'gente'] as const).map((word) => ['it', word] as const),
  ...(['человек', 'люди', 'людей'] as const).map((word) => ['ru', word] as const),
];
export const GENERIC_COUNTED_TERMS: ReadonlySet<string> = new Set(
  GENERIC_COUNTED_WORDS.map(([language, word]) => stemWord(word, language)),
);

/** A percentage, in figures or words ("20 per cent", "15 per cento", "12 %"): the answer to "how much more". */
const PERCENTAGE =
  /%|(?<!\p{L})(?:per ?cent|percent|prozent|por ?ciento|pour ?cent|per ?cento|percento|процент\p{L}*)(?!\p{L})/iu;
/** The question asks how much something changed or differs: "how much more", "by how much", "di quanto". */
const CHANGE_QUESTION =
  /(?<!\p{L})(?:more|less|fewer|higher|lower|extra|by how much|mehr|weniger|um wie ?viel|más|menos|plus|moins|più|meno|di quanto|больше|меньше|на сколько)(?!\p{L})/iu;

/** A measure a question asks for by its wording, which a sentence must state to answer it. */
export type Measure = 'share' | 'age' | 'temperature' | 'speed';

/** A part of a whole in words: "half", "a third", "one in seven", "zwei Drittel", "la moitié". */
const FRACTION =
  /(?<!\p{L})(?:half|halves|thirds?|quarters?|fifths?|tenths?|majority|minority|(?:one|two|three|\d+)\s+in\s+(?:\p{L}+|\d+)|hälfte|dritt\p{L}*|viertel|mitad|tercios?|moitié|tiers|metà|terz[oi]|половин\p{L}*|трет\p{L}*)(?!\p{L})/iu;
/** An age as news writes it: "aged 62", "a 62-year-old", "62 years old", "39 Jahre alt(er)", "45 ans", "лет". */
const AGE =
  /(?<!\p{L})aged\s+\d|\d+[- ]years?[- ]old|\d+\s+jahre\s+alt|\d+-jährig|\d+\s+(?:años|ans|anni)(?!\p{L})|\d+\s+(?:лет|года?)(?!\p{L})|\p{Lu}\p{L}+,\s+\d{1,3},/iu;
const DEGREES = /\d\s*°|\d\s*(?:degrees?|grad|grados?|degrés?|gradi|градус\p{L}*)(?!\p{L})/iu;
/** "31C", "88F": the unit letter right after the figure, in capitals (case matters: "5 c" is no temperature). */
const DEGREES_SHORT = /\d(?:[.,]\d+)?\s?[CF](?!\p{L})/u;
const SPEED =
  /\d\s*(?:km\/h|kmh|kph|mph|knots|km\/std|stundenkilometer\p{L}*|(?:kilomet(?:re|er)s?|miles)\s+(?:an|per)\s+hour)(?!\p{L})/iu;

const MEASURES: readonly {
  readonly measure: Measure;
  readonly asked: RegExp;
  readonly stated: (text: string) => boolean;
}[] = [
  {
    measure: 'share',
    asked:
      /(?<!\p{L})(?:what|which)\s+(?:share|percentage|proportion|fraction|part)\s+of|what\s+per\s*cent|how\s+many\s+per\s*cent|wie\s+viel(?:e)?\s+prozent|welche[nr]?\s+anteil|quel(?:le)?\s+(?:part|pourcentage|proportion)|qué\s+(?:porcentaje|proporción|parte)|quale\s+(?:percentuale|quota|parte)|какая\s+доля|сколько\s+процент/iu,
    stated: (text) => PERCENTAGE.test(text) || FRACTION.test(text),
  },
  {
    measure: 'age',
    asked:
      /(?<!\p{L})(?:how\s+old|what\s+age|wie\s+alt|quel\s+âge|qué\s+edad|cuántos\s+años\s+tiene|quanti\s+anni\s+ha|che\s+età|сколько\s+(?:ему|ей|им)?\s*лет)(?!\p{L})/iu,
    stated: (text) => AGE.test(text),
  },
  {
    measure: 'temperature',
    asked:
      /(?<!\p{L})(?:how\s+(?:hot|cold|warm)|what\s+temperatures?|wie\s+(?:heiß|kalt|warm)|welche\s+temperatur|quelle\s+température|qué\s+temperatura|quale\s+temperatura|какая\s+температура)(?!\p{L})/iu,
    stated: (text) => DEGREES.test(text) || DEGREES_SHORT.test(text),
  },
  {
    measure: 'speed',
    asked:
      /(?<!\p{L})(?:how\s+fast|what\s+speed|wie\s+schnell|quelle\s+vitesse|qué\s+velocidad|quale\s+velocità|с\s+какой\s+скоростью)(?!\p{L})/iu,
    stated: (text) => SPEED.test(text),
  },
];

/** "What share of…", "how old…", "how hot…", "how fast…": the measure asked for, or null. */
export function askedMeasure(question: string): Measure | null {
  return MEASURES.find((entry) => entry.asked.test(question))?.measure ?? null;
}

/** Whether a sentence states the measure: a percentage or fraction, an age, degrees, a speed. */
export function statesMeasure(sentence: string, measure: Measure): boolean {
  return MEASURES.find((entry) => entry.measure === measure)?.stated(sentence) ?? true;
}

export function statesPercentage(sentence: string): boolean {
  return PERCENTAGE.test(sentence);
}

export function asksForChange(question: string): boolean {
  return CHANGE_QUESTION.test(question);
}

/** "And"/"or" in the languages with stop-word lists (normalised). */
const COORDINATORS: ReadonlySet<string> = new Set([
  'and',
  'or',
  'und',
  'oder',
  'y',
  'o',
  'et',
  'ou',
  'e',
  'и',
  'или',
]);

/**
 * "How many dock workers are on strike?" → the terms of "dock workers" (up to the first function word, or the
 * first verb `isVerb` knows: "how many people signed…" counts people, not signing).
 */
export function countedTerms(
  question: string,
  articleLanguage: string,
  stopIn: readonly string[],
  isVerb: (word: string) => boolean = () => false,
): string[] {
  const rest = COUNTED_PHRASE.exec(question)?.[1];
  if (!rest) return [];
  const counted: string[] = [];
  for (const surface of splitWords(rest, true)) {
    const word = normalizeWord(surface, articleLanguage);
    // "How many cars and lorries": either counted thing, stated with its number, answers.
    if (counted.length > 0 && COORDINATORS.has(normalizeText(surface))) continue;
    const [term] = extractTerms(surface, { language: articleLanguage, alsoStopIn: stopIn });
    if (!word || !term || (counted.length > 0 && isVerb(term.word))) break;
    counted.push(term.term);
  }
  return counted;
}

/** Names (capitalised after the first word), numbers, days and months the question is specific about. */
export function constraintTerms(question: string, language: string): string[] {
  return splitWords(question, true).flatMap((surface, position) => {
    const word = normalizeWord(surface, language);
    const singular = word.replace(/s$/u, '');
    const named = position > 0 && /^\p{Lu}/u.test(surface);
    if (!word || !(named || /^\p{N}/u.test(word) || DAY_AND_MONTH_NAMES.has(singular))) return [];
    return extractTerms(surface, { language }).map((term) => term.term);
  });
}

/**
 * Capitalised words followed by another ("Tobias" of "Tobias Brandt"): articles name a person in full once, then
 * by the last name, so only the run's last word binds a sentence.
 */
export function leadingNameTerms(question: string, language: string): string[] {
  const surfaces = splitWords(question, true);
  return surfaces.flatMap((surface, position) => {
    const capitalised = (text: string | undefined) => /^\p{Lu}/u.test(text ?? '');
    if (!capitalised(surface) || !capitalised(surfaces[position + 1])) return [];
    return extractTerms(surface, { language }).map((term) => term.term);
  });
}
