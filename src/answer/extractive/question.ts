import { guessLanguage } from '../../text/language.ts';
import { GUESSED_VERB_WEIGHT, looksLikeVerb } from '../../text/part-of-speech.ts';
import { stemWord } from '../../text/stem.ts';
import { extractTerms, splitWords, type Term } from '../../text/terms.ts';
import type { PartOfSpeech, Thesaurus } from '../../text/wordnet.ts';
import { alternativePairs, groupAlternatives } from './alternatives.ts';
import {
  type AnswerType,
  askedMeasure,
  asksForChange,
  CURRENCY_TERMS,
  constraintTerms,
  countedTerms,
  detectAnswerType,
  leadingNameTerms,
  type Measure,
  MONEY_WORDS,
} from './answer-kind.ts';
import { asksAboutSpeech, asksWhatWasSaid, SPEECH_VERBS } from './speech.ts';

export interface QuestionTerm {
  /** Stemmed in the article's language, so it compares with the article's sentences. */
  readonly term: string;
  /** How much its absence from a sentence counts against that sentence (by part of speech; 1 = fully). */
  readonly weight: number;
  /** Stems of its synonyms (English only): weaker evidence when the term itself is missing. */
  readonly synonyms: readonly string[];
  /** Terms sharing a group are alternatives ("blackouts or outages"): matching one matches the group. */
  readonly group: number;
  /**
   * The word asks for a kind of answer ("cost", "worth": an amount of money) more than it names what the
   * question is about: stating it supports an answer, leaving it out does not count against one.
   */
  readonly asksKind: boolean;
  /** In a "what did X say/warn…" question, the verb of saying: a quote by X states it. */
  readonly saying: boolean;
  /** Read as a verb (WordNet in English, word endings elsewhere): the event a "when" question asks about. */
  readonly verb: boolean;
  /** Stems of its opposites (English only): "close" of "open". */
  readonly antonyms: readonly string[];
}

export interface AnalysedQuestion {
  readonly terms: readonly QuestionTerm[];
  readonly answerType: AnswerType;
  /** For "how many X" questions: the terms of X, whose count the answer must state next to them. */
  readonly countedTerms: readonly string[];
  /**
   * Names, numbers and days the question is specific about ("Northgate", "2020", "Sundays"): a sentence that
   * answers must state them, or sit next to them; an article that never names them does not say.
   */
  readonly constraints: readonly string[];
  /** Constraints a sentence may leave out when it states the rest of the name ("Tobias" of "Tobias Brandt"). */
  readonly leadingNames: readonly string[];
  /**
   * The thing a "what/which X" or "what is the X of" question asks for ("salary" in "What was Osei's salary?"),
   * or the verb of a "who" question ("replace" in "Who will replace her?"): every one of these terms must be in
   * the answering sentence itself (or, for a thing, in the headline).
   */
  readonly askedFor: readonly string[];
  /**
   * Asked in another language than the article's ("Did exports fall…" of a German article): only names and
   * numbers can meet the article's words, so the relation cannot be checked word by word.
   */
  readonly crossLanguage: boolean;
  /** "How much more…", "by how much…": a percentage answers as well as an amount. */
  readonly asksChange: boolean;
  /** "What share of…", "how old…", "how hot…": only a sentence stating that measure answers. */
  readonly measure: Measure | null;
  /**
   * "What did <someone> say about…": the answer is their quoted words, which seldom repeat the question's topic
   * when it is the article's own (its headline or lead).
   */
  readonly asksSpeech: boolean;
  /** "What did <someone> say/warn…" (not "how did they react"): only a sentence reporting speech answers. */
  readonly asksWhatWasSaid: boolean;
  /** A yes/no question ("Did prices rise?"): a sentence stating the opposite answers it too. */
  readonly polar: boolean;
}

const POLAR_QUESTION =
  /^\s*(?:is|are|was|were|will|would|can|could|do|does|did|has|have|had|should|shall|may|might|must)\b/iu;
/**
 * Degree words that only shape the question ("how long", "too long", "what share of"): they say what kind, not
 * what about ("Shares of Veltrix rose" does not answer "what share of the water").
 */
const DEGREE_PHRASE =
  /\b(?:how|too|so|as)\s+(?:long|far|late|often|big|large|old|high|low|soon|much|many|hot|cold|warm|fast)\b|\b(?:what|which)\s+(?:share|percentage|proportion|fraction|part)\s+of\b/giu;

export function analyseQuestion(
  question: string,
  articleLanguage: string,
  thesaurus: Thesaurus | null,
): AnalysedQuestion {
  const questionLanguage = guessLanguage(question);
  const stopIn = ['en', questionLanguage];
  const content = question.replace(DEGREE_PHRASE, ' ');
  const terms = extractTerms(content, {
    language: articleLanguage,
    alsoStopIn: stopIn,
    dropQuestionFrame: true,
  });
  const english = questionLanguage === 'en' && articleLanguage === 'en';
  // In a yes/no question the verb is what is being checked ("Did the mayor resign?"): it weighs in full.
  const weighByPart = english && !POLAR_QUESTION.test(question);
  const guessVerbs = !english && questionLanguage === articleLanguage ? articleLanguage : null;
  const askedFor = askedForTerms(content, articleLanguage, stopIn);
  const answerType = detectAnswerType(question);
  // Only a "how much" question's cost words ask for a kind of answer; "why did costs rise" is about costs.
  const amountAsked = answerType === 'money' || answerType === 'quantity';
  const asksSpeech = asksAboutSpeech(question);
  const isVerb = (word: string) => english && thesaurus !== null && isMainlyVerb(thesaurus, word);
  const counted = countedTerms(question, articleLanguage, stopIn, isVerb);
  const weighed = weighTerms(terms, {
    thesaurus: english ? thesaurus : null,
    weighByPart,
    guessVerbs,
    askedFor: new Set(askedFor),
    amountAsked,
    asksSpeech,
  });
  const termSet = new Set(weighed.map((term) => term.term));
  return {
    terms: groupAlternatives(weighed, alternativePairs(content, articleLanguage)),
    answerType,
    countedTerms: counted,
    constraints: constraintTerms(question, articleLanguage).filter((term) => termSet.has(term)),
    leadingNames: leadingNameTerms(question, articleLanguage),
    askedFor: askedFor.filter((term) => termSet.has(term)),
    crossLanguage: questionLanguage !== articleLanguage,
    asksChange: asksForChange(question),
    measure: askedMeasure(question),
    asksSpeech,
    asksWhatWasSaid: asksWhatWasSaid(question),
    polar: POLAR_QUESTION.test(question),
  };
}

const FOCUS_QUESTION =
  /(?:^|[^\p{L}])(?:what|which|welche[nmrs]?|quel(?:le)?s?|qual[ei]?|cuál(?:es)?)\s+(?:kinds?\s+of\s+|sorts?\s+of\s+|types?\s+of\s+)?(?:(?:est|sont|était|étaient|sera|seront|è|sono|erano|sarà|ist|sind|war|waren|es|son|era|fue|será)\s+(?:(?:le|la|les|il|lo|gli|der|die|das|el|los|las)\s+|l['’])?)?([\p{L}\p{N}'’-]+)/iu;
/** "What was Osei's salary as…", "What is the insured value of…": the phrase after the copula, to a preposition. */
const COPULA_FOCUS =
  /\bwhat\s+(?:is|was|are|were|will\s+be)\s+(?:the\s+|an?\s+)?(?:[\p{L}-]+['’]s?\s+)?((?:[\p{L}-]+\s+){0,2}?[\p{L}-]+)(?=\s+(?:of|for|in|on|at|as|by|to|from|with|that|behind|after|before|between|under|over)\b|\s*[?.!]?\s*$)/iu;

/**
 * Nouns that ask for a kind of answer (a time, an amount, a name) rather than name a thing the answer states:
 * "which hours", "what share", "what is the name of…".
 */
const ANSWER_KIND_NOUNS =
  /^(?:time|times|day|days|date|hours?|years?|months?|weeks?|age|ages|share|percentage|proportion|number|amount|names?|reasons?|purpose|results?|outcomes?|raisons?|motifs?|noms?|dates?|nombres?|números?|fechas?|razón|motivos?|nome|data|numero|ragione|grund|zahl|anzahl|datum|ergebnis|résultats?|resultados?|risultati?|cantidad|quantité|quantità|montant|betrag|importe|importo|prix|preis|precio|prezzo|coût|costo|kosten)$/iu;

/** "What minerals…", "Which company…", "What was her salary": the thing asked for, which the answer must state. */
function askedForTerms(question: string, language: string, stopIn: readonly string[]): string[] {
  const predicate = subjectPredicate(question, language, stopIn);
  if (predicate) return [predicate];
  const phrase = COPULA_FOCUS.exec(question)?.[1] ?? FOCUS_QUESTION.exec(question)?.[1];
  if (!phrase) return [];
  // The phrase's head is its last word ("demand" in "peak electricity demand"), unless it only names a kind.
  const head = phrase
    .split(/\s+/u)
    .filter((word) => !ANSWER_KIND_NOUNS.test(word))
    .at(-1);
  return extractTerms(head ?? '', { language, alsoStopIn: stopIn, dropQuestionFrame: true }).map(
    (term) => term.term,
  );
}

/*
 * Not every word of a question is equally likely to appear in the sentence that answers it. Nouns, names and
 * numbers name what is asked about and are rarely reworded; verbs and adverbs are what a question paraphrases
 * most ("drop" for "fell", "start" for "begin"). So a missing noun counts fully against a sentence and a missing
 * verb half. A word's part of speech is read from its WordNet senses, context-free (no tagger to load): "demand"
 * (4 noun and 6 verb senses) weighs 0.7; names and numbers, unknown to WordNet, weigh 1.
 */
const WEIGHT_BY_PART: Readonly<Record<PartOfSpeech, number>> = { noun: 1, verb: 0.5, adj: 0.6, adv: 0.4 };

/** The asked-for thing of a what/which question counts double: a sentence without it answers something else. */
const FOCUS_WEIGHT = 2;

interface Weighing {
  readonly thesaurus: Thesaurus | null;
  readonly weighByPart: boolean;
  /** Outside English, the language whose verbs are guessed from their form (no WordNet there); else null. */
  readonly guessVerbs: string | null;
  readonly askedFor: ReadonlySet<string>;
  /** A how-much/how-many question: its cost words ask for the amount. */
  readonly amountAsked: boolean;
  /** A "what did X say" question: its verbs of saying are stated by X's quote. */
  readonly asksSpeech: boolean;
}

function weighTerms(terms: readonly Term[], weighing: Weighing): QuestionTerm[] {
  const { thesaurus, weighByPart, guessVerbs, askedFor, amountAsked, asksSpeech } = weighing;
  const byTerm = new Map<string, QuestionTerm>();
  for (const { term, word, surface } of terms) {
    const guessedVerb = guessVerbs !== null && looksLikeVerb(word, surface, guessVerbs);
    const base =
      thesaurus && weighByPart
        ? partOfSpeechWeight(thesaurus.senseCounts(word))
        : guessedVerb
          ? GUESSED_VERB_WEIGHT
          : 1;
    const weight = Math.max(askedFor.has(term) ? FOCUS_WEIGHT : base, byTerm.get(term)?.weight ?? 0);
    const synonyms = thesaurus ? synonymStems(thesaurus, word, term) : [];
    const merged = [...new Set([...(byTerm.get(term)?.synonyms ?? []), ...synonyms])];
    const asksKind = (amountAsked && MONEY_WORDS.has(word)) || (byTerm.get(term)?.asksKind ?? false);
    const saying = (asksSpeech && SPEECH_VERBS.has(word)) || (byTerm.get(term)?.saying ?? false);
    const verb =
      (thesaurus ? isMainlyVerb(thesaurus, word) : guessedVerb) || (byTerm.get(term)?.verb ?? false);
    const antonyms = thesaurus ? thesaurus.antonyms(word).map((antonym) => stemWord(antonym, 'en')) : [];
    byTerm.set(term, {
      term,
      weight,
      synonyms: merged,
      group: byTerm.get(term)?.group ?? byTerm.size,
      asksKind,
      saying,
      verb,
      antonyms: [...new Set([...(byTerm.get(term)?.antonyms ?? []), ...antonyms])],
    });
  }
  return [...byTerm.values()];
}

/** "Who will replace…", "Qui dirige…": the question word is the subject, and the words after it (auxiliaries aside). */
const SUBJECT_QUESTION = /^\W*(?:who|wer|quién|quiénes|qui|chi|кто)\s+((?:\S+\s*){1,4})/iu;

/**
 * In a "who" question the verb that follows is what the person did or will do: the answer must state it (or a
 * synonym), or it names someone doing something else. Names and capitalised nouns are not the predicate.
 */
function subjectPredicate(question: string, language: string, stopIn: readonly string[]): string | null {
  const following = SUBJECT_QUESTION.exec(question)?.[1] ?? '';
  for (const surface of splitWords(following, true)) {
    if (/^\p{Lu}/u.test(surface)) continue;
    const [term] = extractTerms(surface, { language, alsoStopIn: stopIn, dropQuestionFrame: true });
    if (term) return term.term;
  }
  return null;
}

/** Read as a verb more often than as anything else ("signed", "ended"; not "workers", "cases" or "last"). */
function isMainlyVerb(thesaurus: Thesaurus, word: string): boolean {
  const { noun, verb, adj, adv } = thesaurus.senseCounts(word);
  return verb > noun + adj + adv;
}

/** The weight expected over the word's WordNet senses (a word read as noun or verb is weighed between the two). */
function partOfSpeechWeight(senses: Readonly<Record<PartOfSpeech, number>>): number {
  const parts = Object.keys(senses) as PartOfSpeech[];
  const total = parts.reduce((sum, part) => sum + senses[part], 0);
  if (total === 0) return 1;
  return parts.reduce((sum, part) => sum + senses[part] * WEIGHT_BY_PART[part], 0) / total;
}

// Words that ask about money meet any amount of money: "how much money is the grant worth" is answered by
// "a grant of 7.5 million euros" though no word is shared (WordNet files currencies far from "money").
function synonymStems(thesaurus: Thesaurus, word: string, term: string): string[] {
  // A word derived from the same root ("winner" of "win", "signatures" of "signed") is as good a match.
  const synonyms = [...thesaurus.synonyms(word), ...thesaurus.derivations(word)]
    .map((synonym) => stemWord(synonym, 'en'))
    .filter((stem) => stem !== term);
  return MONEY_WORDS.has(word) ? [...synonyms, ...CURRENCY_TERMS] : synonyms;
}
