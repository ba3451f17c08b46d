import type { Thesaurus } from '../../text/wordnet.ts';
import type { ConversationTurn } from '../conversations.ts';
import { findAnswerSentences } from './answer.ts';
import type { ArticleDocument, DocSentence } from './document.ts';
import { pointsBack } from './document.ts';
import { type AnalysedQuestion, analyseQuestion } from './question.ts';

/*
 * A follow-up often names its subject only by a pronoun ("How long will it take?" after "When does construction
 * begin?"). When the question as typed finds nothing and points back like that, the earlier question's naming
 * words (nouns and names: weight ≥ NAMING_WEIGHT, not the words that only ask for a kind of answer) join it and it
 * is tried once more. Only then: a question answered as typed is never changed, and one that names its own subject
 * ("What colour are the trams?") never borrows words. test/answer/follow-up/extractive.test.ts measures it.
 */

/** Verbs weigh 0.5 and adjectives 0.6 (question.ts): what names the subject is a noun, a name or a number. */
const NAMING_WEIGHT = 0.8;

/** Longer than any question a transport accepts: what is borrowed from stays bounded whatever was stored. */
const EARLIER_QUESTION_MAX_CHARS = 1_000;

/** The question asked just before (a summary turn has none). */
function earlierQuestion(history: readonly ConversationTurn[]): string | undefined {
  for (let index = history.length - 1; index >= 0; index--) {
    const question = history[index]?.question?.trim();
    if (question) return question.slice(0, EARLIER_QUESTION_MAX_CHARS);
  }
  return undefined;
}

/** The question with the earlier question's naming words added, each a term of its own group. */
export function withEarlierSubject(question: AnalysedQuestion, earlier: AnalysedQuestion): AnalysedQuestion {
  const present = new Set(question.terms.map((term) => term.term));
  const firstGroup = Math.max(-1, ...question.terms.map((term) => term.group)) + 1;
  const borrowed = earlier.terms
    .filter((term) => !present.has(term.term) && !term.asksKind && term.weight >= NAMING_WEIGHT)
    .map((term, index) => ({ ...term, weight: 1, saying: false, group: firstGroup + index }));
  return { ...question, terms: [...question.terms, ...borrowed] };
}

export interface FollowUpSearch {
  readonly document: ArticleDocument;
  readonly question: string;
  readonly history: readonly ConversationTurn[];
  readonly thesaurus: Thesaurus | null;
}

/** The answering sentences of a question, read as a follow-up when it finds nothing on its own (see above). */
export function findFollowUpSentences(search: FollowUpSearch): DocSentence[] {
  const { document, question, history, thesaurus } = search;
  const analysed = analyseQuestion(question, document.language, thesaurus);
  const alone = findAnswerSentences(document, analysed, thesaurus);
  const earlier = earlierQuestion(history);
  if (alone.length > 0 || earlier === undefined || !pointsBack(question)) return alone;
  const subject = analyseQuestion(earlier, document.language, thesaurus);
  return findAnswerSentences(document, withEarlierSubject(analysed, subject), thesaurus);
}
