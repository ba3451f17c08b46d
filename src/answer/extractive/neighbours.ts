import { stemWord } from '../../text/stem.ts';
import type { WordVectors } from '../../text/word-vectors.ts';
import type { Thesaurus } from '../../text/wordnet.ts';
import type { ArticleDocument } from './document.ts';
import type { AnalysedQuestion, QuestionTerm } from './question.ts';

/*
 * Word vectors as a second thesaurus: a question word the article does not use ("stolen") may meet the article's
 * word for it ("took") when the two are used alike. Vectors measure relatedness, not sameness of meaning: "rise"
 * and "fall" (0.80), "Monday" and "Tuesday" (0.99), "spring" and "autumn" (0.82) are as close as true synonyms,
 * and a near miss turns on exactly such a word. So only close pairs count, never WordNet opposites, never two
 * members of a closed family (days, months, seasons, numbers, directions), and only words WordNet knows as
 * common words (no names). What passes joins the term's synonyms: the same partial credit, the same checks.
 */
export const MIN_VECTOR_SIMILARITY = 0.7;
/** The closest few article words per question word: more is noise. */
const MAX_NEIGHBOURS = 2;

const CLOSED_FAMILIES = [
  'monday tuesday wednesday thursday friday saturday sunday weekday weekend',
  'january february march april may june july august september october november december',
  'spring summer autumn fall winter season',
  'one two three four five six seven eight nine ten eleven twelve hundred thousand million billion',
  'first second third fourth fifth last next previous',
  'north south east west northern southern eastern western',
  'morning afternoon evening night day week month year decade',
]
  .join(' ')
  .split(' ');
const CLOSED_WORDS: ReadonlySet<string> = new Set(CLOSED_FAMILIES);

export interface NeighbourSearch {
  readonly question: AnalysedQuestion;
  readonly document: ArticleDocument;
  readonly vectors: WordVectors | null;
  readonly thesaurus: Thesaurus | null;
}

/** The question with each word's close article words (see above) added to its synonyms; English only. */
export function withArticleNeighbours(search: NeighbourSearch): AnalysedQuestion {
  const { question, document, vectors, thesaurus } = search;
  if (!vectors || !thesaurus || question.crossLanguage || document.language !== 'en') return question;
  const candidates = articleWords(document, thesaurus);
  const terms = question.terms.map((term) => {
    if (question.constraints.includes(term.term) || !isCommonWord(thesaurus, term.word)) return term;
    const found = neighbours(term, candidates, vectors, thesaurus);
    return found.length === 0 ? term : { ...term, synonyms: [...term.synonyms, ...found] };
  });
  return { ...question, terms };
}

interface Candidate {
  readonly stem: string;
  readonly word: string;
}

function articleWords(document: ArticleDocument, thesaurus: Thesaurus): Candidate[] {
  const candidates: Candidate[] = [];
  for (const [stem, words] of document.words) {
    for (const word of words) if (isCommonWord(thesaurus, word)) candidates.push({ stem, word });
  }
  return candidates;
}

function neighbours(
  term: QuestionTerm,
  candidates: readonly Candidate[],
  vectors: WordVectors,
  thesaurus: Thesaurus,
): string[] {
  const known = new Set([term.term, ...term.synonyms, ...term.antonyms]);
  const scored = new Map<string, number>();
  for (const { stem, word } of candidates) {
    if (known.has(stem)) continue;
    const similarity = vectors.similarity(term.word, word) ?? 0;
    if (similarity < MIN_VECTOR_SIMILARITY || similarity <= (scored.get(stem) ?? 0)) continue;
    if (thesaurus.antonyms(word).some((antonym) => stemWord(antonym, 'en') === term.term)) continue;
    scored.set(stem, similarity);
  }
  return [...scored]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_NEIGHBOURS)
    .map(([stem]) => stem);
}

/** A lower-case word WordNet knows, outside the closed families: what a reader may reword. */
function isCommonWord(thesaurus: Thesaurus, word: string): boolean {
  if (CLOSED_WORDS.has(word)) return false;
  const { noun, verb, adj, adv } = thesaurus.senseCounts(word);
  return noun + verb + adj + adv > 0;
}
