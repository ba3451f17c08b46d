import { isQuantityWord } from '../../text/numbers.ts';
import { NOUN_CAPITALISING_LANGUAGES } from '../../text/part-of-speech.ts';
import { stopWordsFor } from '../../text/stopwords.ts';
import { extractTerms, normalizeWord } from '../../text/terms.ts';
import type { NounClass, Thesaurus } from '../../text/wordnet.ts';
import { CURRENCY_TERMS, statesTime } from './answer-kind.ts';
import { type ArticleDocument, antecedentTerms, type DocSentence, inverseFrequency } from './document.ts';
import type { AnalysedQuestion, QuestionTerm } from './question.ts';

/*
 * A sentence that shares a question's names is not yet its answer: "Who will succeed the minister?" meets "The
 * minister resigned on Monday" on the minister alone. Two structural checks stand between sharing the names and
 * answering:
 * - what the question asks about beyond its names (its relation: the verbs and common nouns, and the thing a
 *   "what is the X of" asks for) must be stated by the sentence itself, not only by its neighbours or the title;
 * - what kind of answer it expects must be in the sentence and be new: a "who" answer names someone the question
 *   does not, a "where" answer a place the question does not.
 */

/**
 * Share of the relation's information (IDF mass of its non-name terms) the sentence must state itself. Low on
 * purpose: questions reword their verbs ("urged" for "ask"), so a quarter is enough; none is names alone.
 */
const MIN_RELATION_SHARE = 0.25;
// Where every noun is capitalised, only a run of two capitalised words ("Tobias Brandt") reads as a name.
const NAME_RUN = /\p{Lu}[\p{L}\p{M}’'.]*(?:[ -]\p{Lu}[\p{L}\p{M}’'.]*)*/gu;
/** A name matches its derived forms: "Europe" / "European", "Russia" / "Russian", "Armenia" / "Armenians". */
const MIN_NAME_PREFIX_CHARS = 5;
/** News sentences run to a few hundred characters; past this only the start is searched for names (bounded CPU). */
const MAX_EXAMINED_SENTENCE_CHARS = 2_000;
const NOUN_CLASSES_FOR: Readonly<Record<'person' | 'place', readonly NounClass[]>> = {
  person: ['person', 'group'],
  place: ['location'],
};

/**
 * The term is in the set, or a derived form of the name is ("Russia" in "Russian"). In a language that writes
 * compounds as one word (German), a compound ending in the term names it too: "Heizkraftwerk" is a "Kraftwerk".
 */
export function namesTerm(
  terms: ReadonlyMap<string, number> | ReadonlySet<string>,
  name: string,
  language = '',
): boolean {
  if (terms.has(name)) return true;
  if (name.length < MIN_NAME_PREFIX_CHARS || !/^\p{L}/u.test(name)) return false;
  const compounds = NOUN_CAPITALISING_LANGUAGES.has(language);
  for (const term of terms.keys()) {
    if (term.length < MIN_NAME_PREFIX_CHARS) continue;
    if (term.startsWith(name) || name.startsWith(term) || (compounds && term.endsWith(name))) return true;
  }
  return false;
}

const CURRENCIES: ReadonlySet<string> = new Set(CURRENCY_TERMS);

/**
 * The question term is in the sentence itself: as written, as a derived name, or as a synonym. A currency is no
 * synonym here: it states that there is an amount (the answer type's check), not what the amount is for.
 */
function statesTerm(sentence: DocSentence, term: QuestionTerm, language: string): boolean {
  if (namesTerm(sentence.termCounts, term.term, language)) return true;
  return term.synonyms.some((stem) => !CURRENCIES.has(stem) && sentence.termCounts.has(stem));
}

/**
 * The sentence states at least a quarter of what the question asks about beyond its names, and all of the thing
 * a "what is the X" question (or the verb a "who" question) asks for, unless the headline states it. A question
 * made only of names has no
 * relation to check; one asked in another language than the article's cannot be checked word by word.
 */
export function statesRelation(
  document: ArticleDocument,
  sentence: DocSentence,
  question: AnalysedQuestion,
): boolean {
  if (question.crossLanguage) return true;
  // The headline frames every sentence: "What record did demand reach?" is answered by "demand reached an
  // all-time high of 61.4 gigawatts" under "Heatwave pushes electricity demand to record".
  const asked = (term: string) =>
    document.titleTerms.has(term) ||
    question.terms.some((t) => t.term === term && statesTerm(sentence, t, document.language));
  if (!question.askedFor.every(asked)) return false;
  // In "how many people were arrested", the people are what is counted: the relation is their being arrested.
  // Where every noun is capitalised (German), a capital does not make a name: nouns stay in the relation.
  const names = NOUN_CAPITALISING_LANGUAGES.has(document.language) ? [] : question.constraints;
  const common = question.terms.filter((term) => !names.includes(term.term));
  const uncounted = common.filter((term) => !question.countedTerms.includes(term.term));
  const quoted = question.asksSpeech && QUOTATION_MARK.test(sentence.text);
  // A quote states the saying ("dit", "warned") but not yet its topic: with a topic asked, that is what counts.
  const related = uncounted.length > 0 ? uncounted : common;
  const topic = quoted ? related.filter((term) => !term.saying) : related;
  const relation = topic.length > 0 ? topic : related;
  // "What did Bevan warn": his quote states the warning, whatever verb of saying the sentence uses.
  const before = antecedentTerms(document, sentence);
  const inSentence = (term: QuestionTerm) =>
    statesTerm(sentence, term, document.language) || (quoted && term.saying) || before.has(term.term);
  // "How much did fares rise?" is not answered by what fell: a sentence stating the opposite of the asked verb,
  // and not the verb, tells of another event (a yes/no question is answered by it, though).
  const opposite = (term: QuestionTerm) =>
    term.verb && !inSentence(term) && term.antonyms.some((stem) => sentence.termCounts.has(stem));
  if (!question.polar && relation.some(opposite)) return false;
  // "When was the bridge built?" is not answered by when it closes: the event itself must be stated.
  const events = question.answerType === 'time' ? relation.filter((term) => term.verb) : [];
  if (events.length > 0 && !events.some(inSentence)) return false;
  const { stated, total } = statedMass(document, relation, inSentence);
  if (total === 0 || (stated > 0 && stated >= total * MIN_RELATION_SHARE)) return true;
  if (!quoted) return false;
  // "What did Dunlop say about the increase" of an article about the increase: a quote by Dunlop is about it,
  // provided the headline or the lead states all of the topic ("cancer treatment" needs "cancer" too).
  const lead = leadTerms(document);
  const withLead = statedMass(
    document,
    relation,
    (term) => inSentence(term) || namesTerm(lead, term.term, document.language),
  );
  return withLead.stated >= withLead.total;
}

/** IDF mass of the relation's term groups, and of those the sentence states (a kind word counts only if stated). */
function statedMass(
  document: ArticleDocument,
  relation: readonly QuestionTerm[],
  isStatedTerm: (term: QuestionTerm) => boolean,
): { stated: number; total: number } {
  const groups = new Map<number, QuestionTerm[]>();
  for (const term of relation) groups.set(term.group, [...(groups.get(term.group) ?? []), term]);
  let total = 0;
  let stated = 0;
  for (const group of groups.values()) {
    const mass = Math.max(...group.map((term) => term.weight * inverseFrequency(document, term.term)));
    const isStated = group.some(isStatedTerm);
    if (isStated || !group.every((term) => term.asksKind)) total += mass;
    if (isStated) stated += mass;
  }
  return { stated, total };
}

const QUOTATION_MARK = /["“”«»„]/u;

/** The headline's and the first sentence's terms: what the whole article, and so each quote in it, is about. */
function leadTerms(document: ArticleDocument): ReadonlySet<string> {
  return new Set([...document.titleTerms, ...(document.sentences[0]?.termCounts.keys() ?? [])]);
}

/**
 * A "who" or "where" answer names someone or somewhere the question does not: a name (a run of capitalised
 * words, none of them the question's) or, in English, a noun for a person, group or place ("the council",
 * "the north"). Other answer types pass (their checks live in answer.ts).
 */
export function namesNewEntity(
  document: ArticleDocument,
  sentence: DocSentence,
  question: AnalysedQuestion,
  thesaurus: Thesaurus | null,
): boolean {
  const type = question.answerType;
  if (type !== 'person' && type !== 'place') return true;
  const asked = new Set(question.terms.map((term) => term.term));
  const isNew = (stems: readonly string[]) =>
    stems.length > 0 && !stems.some((stem) => namesTerm(asked, stem));
  if (nameRuns(document, sentence).some(isNew)) return true;
  if (!thesaurus || document.language !== 'en') return false;
  const wanted = NOUN_CLASSES_FOR[type];
  return extractTerms(sentence.text.slice(0, MAX_EXAMINED_SENTENCE_CHARS), { language: 'en' }).some(
    ({ term, word, surface }) =>
      !asked.has(term) &&
      surface === word &&
      isMainlyNoun(thesaurus, word) &&
      [...thesaurus.nounClasses(word)].some((nounClass) => wanted.includes(nounClass)),
  );
}

/**
 * The sentence counts persons under some noun: a figure right before an English noun for people or a group
 * ("9,500 runners", "14,000 spectators"), which answers "how many people" as well as any.
 */
export function countsPersons(
  sentence: DocSentence,
  document: ArticleDocument,
  thesaurus: Thesaurus | null,
): boolean {
  if (!thesaurus || document.language !== 'en' || !sentence.quantities.includes(true)) return false;
  const terms = extractTerms(sentence.text.slice(0, MAX_EXAMINED_SENTENCE_CHARS), { language: 'en' });
  return terms.some(
    ({ word, surface }, position) =>
      surface === word &&
      isQuantityWord(terms[position - 1]?.word ?? '') &&
      isMainlyNoun(thesaurus, word) &&
      [...thesaurus.nounClasses(word)].some((nounClass) => NOUN_CLASSES_FOR.person.includes(nounClass)),
  );
}

/** Read as a noun more often than as anything else ("workers", not "free" or "left"); names are checked apart. */
function isMainlyNoun(thesaurus: Thesaurus, word: string): boolean {
  const { noun, verb, adj, adv } = thesaurus.senseCounts(word);
  return noun > verb + adj + adv;
}

/** The stems of each run of capitalised words, the sentence's first word only when the article never lowers it. */
function nameRuns(document: ArticleDocument, sentence: DocSentence): string[][] {
  const { language } = document;
  const stops = stopWordsFor(language);
  const runs: string[][] = [];
  const text = sentence.text.slice(0, MAX_EXAMINED_SENTENCE_CHARS);
  for (const match of text.matchAll(NAME_RUN)) {
    let words = match[0].split(/[ -]/u).filter((word) => !statesTime(word));
    const initial = !/[\p{L}\p{N}]/u.test(text.slice(0, match.index));
    if (initial)
      words = words.filter((word, position) => position > 0 || isProperInitial(document, word, stops));
    if (NOUN_CAPITALISING_LANGUAGES.has(language) && words.length < 2) continue;
    runs.push(extractTerms(words.join(' '), { language }).map((term) => term.term));
  }
  return runs;
}

/** A sentence's capitalised first word is a name when it is no function word and never written in lower case. */
function isProperInitial(document: ArticleDocument, word: string, stops: ReadonlySet<string>): boolean {
  const normal = normalizeWord(word, document.language);
  if (!normal || stops.has(normal)) return false;
  const [term] = extractTerms(word, { language: document.language });
  const surface = term ? document.surfaces.get(term.term) : undefined;
  return surface !== undefined && surface !== surface.toLowerCase();
}
