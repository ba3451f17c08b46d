import type { Thesaurus } from '../../text/wordnet.ts';
import {
  GENERIC_COUNTED_TERMS,
  statesMeasure,
  statesMoney,
  statesPercentage,
  statesTime,
} from './answer-kind.ts';
import { type ArticleDocument, antecedentTerms, type DocSentence, inverseFrequency } from './document.ts';
import { countsPersons, namesNewEntity, namesTerm, statesRelation } from './focus.ts';
import type { AnalysedQuestion, QuestionTerm } from './question.ts';
import { quotes, reportsSpeech } from './speech.ts';

/*
 * Scoring is BM25 normalised by the question: a sentence's score is the share of the question's information (the
 * IDF mass of its content terms) that the sentence carries, with BM25's term-frequency saturation and length
 * normalisation. The same share, without the length factor, is the coverage the threshold is set on, so "answered"
 * means "this sentence states most of what the question is about", whatever the question's length.
 */
const BM25_K1 = 1.2;
const BM25_B = 0.75;
/** Credit for a question term found next to the sentence (same paragraph) or in the title rather than in it. */
const CONTEXT_CREDIT = 0.5;
/** Credit for a question term whose WordNet synonym, not the term itself, is in the sentence. */
const SYNONYM_CREDIT = 0.7;
/** A sentence must carry at least this share of the question's (part-of-speech weighted) IDF mass. */
const MIN_COVERAGE = 0.4;
/**
 * ...and match on its own at least one term rarer than one sentence in two (IDF of a term in half the
 * sentences is ln 2): matching only the article's main topic words answers nothing.
 */
const MIN_DIRECT_IDF = Math.log(2);
/** In "how many X", the number must come at most this many content words before or after X ("1.2 million tonnes"). */
const COUNT_WINDOW_TERMS = 3;
/** Further sentences join the best one when they pass the threshold and score this close to it. */
const SECONDARY_SCORE_RATIO = 0.8;
const MAX_ANSWER_SENTENCES = 3;

export interface ScoredSentence {
  readonly sentence: DocSentence;
  readonly score: number;
  readonly coverage: number;
  readonly directIdf: number;
}

/** The 1–3 sentences that answer the question, in article order; empty when the article does not say. */
export function findAnswerSentences(
  document: ArticleDocument,
  question: AnalysedQuestion,
  thesaurus: Thesaurus | null = null,
): DocSentence[] {
  const passing = scoreSentences(document, question, thesaurus)
    .filter((scored) => scored.coverage >= MIN_COVERAGE && scored.directIdf >= MIN_DIRECT_IDF)
    .filter((scored) => statesAnswerKind(document, scored.sentence, question))
    .filter((scored) => statesConstraints(document, scored.sentence, question))
    .filter((scored) => statesRelation(document, scored.sentence, question))
    .filter((scored) => namesNewEntity(document, scored.sentence, question, thesaurus))
    .filter((scored) => !question.asksWhatWasSaid || reportsSpeechOfAsked(scored.sentence, question))
    .sort((a, b) => b.score - a.score || a.sentence.index - b.sentence.index);
  const best = passing[0];
  if (!best) return [];
  return passing
    .filter((scored) => scored.score >= best.score * SECONDARY_SCORE_RATIO)
    .slice(0, MAX_ANSWER_SENTENCES)
    .map((scored) => scored.sentence)
    .sort((a, b) => a.index - b.index);
}

/** Every candidate sentence with its score, coverage and direct match (exported for tests and tuning). */
export function scoreSentences(
  document: ArticleDocument,
  question: AnalysedQuestion,
  thesaurus: Thesaurus | null = null,
): ScoredSentence[] {
  const terms = question.terms.map((term) => {
    const idf = inverseFrequency(document, term.term);
    return { ...term, idf, mass: term.weight * idf };
  });
  const groups = groupBy(terms, (term) => term.group);
  const questionMass = [...groups.values()].reduce(
    (sum, group) => sum + Math.max(...group.map((t) => t.mass)),
    0,
  );
  if (questionMass === 0) return [];
  const isGenericCount = (term: QuestionTerm) =>
    question.countedTerms.includes(term.term) && GENERIC_COUNTED_TERMS.has(term.term);
  const lastNames = question.constraints.filter((name) => !question.leadingNames.includes(name));
  return document.sentences.map((sentence) => {
    const context = contextTerms(document, sentence);
    // "Egner, 27, said…" names Halvor Egner: a first name left out where the last name stands is no gap.
    const byLastName = (term: QuestionTerm) =>
      question.leadingNames.includes(term.term) && lastNames.some((name) => sentence.termCounts.has(name));
    let score = 0;
    let matched = 0;
    let directIdf = 0;
    let mass = questionMass;
    for (const group of groups.values()) {
      let best = group
        .map((term) => matchTerm(document, sentence, context, term))
        .reduce((a, b) => (b.matched > a.matched ? b : a));
      // "How many people ran" meets "9,500 runners started": a count of persons by another noun, provided the
      // sentence states what they did ("injured" is not stated by "14,000 spectators lined the river").
      const countsThem = () =>
        statesEvents(sentence, question) && countsPersons(sentence, document, thesaurus);
      if (best.matched === 0 && group.some(isGenericCount) && countsThem()) {
        const credit = Math.max(...group.map((t) => t.mass)) * SYNONYM_CREDIT;
        best = { score: credit, matched: credit, direct: 0 };
      }
      // "How much will it cost" is answered by "will take 3 million euros": a missing cost word is no gap.
      if (best.matched === 0 && group.every((term) => term.asksKind || byLastName(term)))
        mass -= Math.max(...group.map((t) => t.mass));
      score += best.score;
      matched += best.matched;
      directIdf += best.direct;
    }
    if (mass <= 0) return { sentence, score: 0, coverage: 0, directIdf };
    return { sentence, score: score / mass, coverage: matched / mass, directIdf };
  });
}

/** Every verb of the question is in the sentence, as itself, a synonym or a derived word. */
function statesEvents(sentence: DocSentence, question: AnalysedQuestion): boolean {
  return question.terms
    .filter((term) => term.verb)
    .every(
      (term) =>
        sentence.termCounts.has(term.term) || term.synonyms.some((stem) => sentence.termCounts.has(stem)),
    );
}

interface TermMatch {
  readonly score: number;
  readonly matched: number;
  readonly direct: number;
}

/** How one question term shows in a sentence: itself (full), a synonym (partial), or only nearby (weak). */
function matchTerm(
  document: ArticleDocument,
  sentence: DocSentence,
  context: ReadonlySet<string>,
  term: QuestionTerm & { readonly mass: number; readonly idf: number },
): TermMatch {
  // "direct" is the term's rarity alone (MIN_DIRECT_IDF's test), not weighted by its part of speech: a noun the
  // thesaurus also knows as a verb ("repairs") is no less rare for it.
  const lengthAware = (frequency: number) => saturation(frequency, sentence.length, document.averageLength);
  const frequency = sentence.termCounts.get(term.term) ?? 0;
  if (frequency > 0)
    return { score: term.mass * lengthAware(frequency), matched: term.mass, direct: term.idf };
  if (namesTerm(sentence.termCounts, term.term, document.language))
    return { score: term.mass, matched: term.mass, direct: term.idf };
  const synonym = term.synonyms.find((stem) => sentence.termCounts.has(stem));
  if (synonym !== undefined) {
    const credit = term.mass * SYNONYM_CREDIT;
    return {
      score: credit * lengthAware(sentence.termCounts.get(synonym) ?? 1),
      matched: credit,
      direct: term.idf * SYNONYM_CREDIT,
    };
  }
  if (context.has(term.term)) {
    const credit = term.mass * CONTEXT_CREDIT;
    return { score: credit, matched: credit, direct: 0 };
  }
  return { score: 0, matched: 0, direct: 0 };
}

function saturation(frequency: number, length: number, averageLength: number): number {
  const lengthFactor = 1 - BM25_B + (BM25_B * length) / Math.max(1, averageLength);
  return (frequency * (BM25_K1 + 1)) / (frequency + BM25_K1 * lengthFactor);
}

/** Terms of the title and of the neighbouring sentences in the same paragraph: weak evidence for a sentence. */
function contextTerms(document: ArticleDocument, sentence: DocSentence): Set<string> {
  const terms = new Set(document.titleTerms);
  for (const offset of [-1, 1]) {
    const neighbour = document.sentences[sentence.index + offset];
    if (neighbour?.paragraph !== sentence.paragraph) continue;
    for (const term of neighbour.termCounts.keys()) terms.add(term);
  }
  return terms;
}

/**
 * A "how many / how much" answer states a quantity, and when the sentence names the counted thing, the number
 * stands just before it ("120,000 people", not "a strike by dock workers"); a "when" answer states a time.
 */
export function statesAnswerKind(
  document: ArticleDocument,
  sentence: DocSentence,
  question: AnalysedQuestion,
): boolean {
  if (question.answerType === 'time') return statesTime(sentence.text);
  if (question.measure) return statesMeasure(sentence.text, question.measure);
  // "How much more will passengers pay" is answered by a percentage as well as by an amount.
  if (question.answerType === 'money')
    return statesMoney(sentence.text) || (question.asksChange && statesPercentage(sentence.text));
  if (question.answerType !== 'quantity') return true;
  if (!sentence.quantities.includes(true)) return false;
  const counted = question.countedTerms;
  const mentions = sentence.terms.flatMap((term, position) => (counted.includes(term) ? [position] : []));
  if (mentions.some((position) => quantityNear(sentence, position))) return true;
  // "About 9,500 runners started. Of those, 41 were taken to hospital": the count is of what went before.
  const before = antecedentTerms(document, sentence);
  if (counted.some((term) => before.has(term))) return true;
  // Counted things the article names but this sentence does not count: the sentence counts something else. A
  // generic "people" vetoes nothing: "412,000 patients" counts people.
  const specific = counted.filter((term) => !GENERIC_COUNTED_TERMS.has(term));
  return !specific.some((term) => document.documentFrequency.has(term));
}

/** A number stands just before the counted thing ("120,000 people") or just after it ("revenue was 310 million"). */
function quantityNear(sentence: DocSentence, position: number): boolean {
  const before = sentence.quantities.slice(Math.max(0, position - COUNT_WINDOW_TERMS), position);
  const after = sentence.quantities.slice(position + 1, position + 1 + COUNT_WINDOW_TERMS);
  return before.includes(true) || after.includes(true);
}

/** Map.groupBy, which Node 20 lacks. */
function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}

/**
 * "What did X say": the sentence reports speech and names X itself, unless it is part of a quotation whose
 * attribution to X stands in the next sentence ('"The roof leaks. Now we close," said Oduya.').
 */
function reportsSpeechOfAsked(sentence: DocSentence, question: AnalysedQuestion): boolean {
  if (!reportsSpeech(sentence.text)) return false;
  const namesSpeaker = question.constraints.every(
    (name) => question.leadingNames.includes(name) || namesTerm(sentence.termCounts, name),
  );
  return namesSpeaker || quotes(sentence.text);
}

/**
 * The names, numbers and days the question is specific about are in the sentence, the headline or the sentence it
 * points back to; a year or figure may also stand in the sentence next to it.
 */
export function statesConstraints(
  document: ArticleDocument,
  sentence: DocSentence,
  question: AnalysedQuestion,
): boolean {
  if (question.constraints.length === 0) return true;
  const before = antecedentTerms(document, sentence);
  const context = contextTerms(document, sentence);
  return question.constraints.every(
    (name) =>
      question.leadingNames.includes(name) ||
      namesTerm(sentence.termCounts, name, document.language) ||
      namesTerm(document.titleTerms, name, document.language) ||
      namesTerm(before, name) ||
      // A year or figure frames the sentences after it ("In 1991… The ensuing conflict…"); a name next door
      // is someone else's ("Portugal offered…" beside "The national government has offered…").
      (/^\p{N}/u.test(name) && namesTerm(context, name)),
  );
}
