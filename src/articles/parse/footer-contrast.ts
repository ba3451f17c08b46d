import type { Concept } from './footer-concepts.ts';
import { conceptsOf } from './footer-lexicon.ts';
import { FUNCTION_WORDS } from './footer-words-function.ts';

/**
 * How a footer candidate compares with the body above it. The last body paragraph continues the news: it shares
 * the body's vocabulary, names and numbers. A notice about the publication shares none of them.
 */

/** How much of the body the candidate is compared with: the paragraphs nearest above it, and the first one. */
const BODY_SAMPLE_PARAGRAPHS = 4;
const BODY_SAMPLE_CHARS_PER_PARAGRAPH = 1_500;
/** Words shorter than this carry too little to say two texts share vocabulary. */
const CONTENT_WORD_MIN_CHARS = 4;
/** Words are compared by their first letters, so "letter" and "letters", "письмо" and "письма" meet. */
const STEM_CHARS = 5;
/** Sharing nothing at all with the body is evidence of a notice. */
export const FOREIGN_VOCABULARY_BONUS = 1;

const WEIGHTS = {
  number: -0.5,
  numbers: -1.5,
  sharedNumber: -1,
  sharedNumbers: -2,
  sharedName: -0.75,
  sharedNames: -2.25,
  sharedVocabularyAtFull: -3,
} as const;

export interface Token {
  readonly lower: string;
  /** Written with a capital inside a sentence: a name (in most languages). */
  readonly midSentenceCapital: boolean;
  readonly number: boolean;
  readonly concepts: readonly Concept[];
}

/** A run of letters (group 1), or a number such as 4,5 or 2.000. */
const TOKEN = /([\p{L}\p{M}]+)|\p{N}+(?:[.,]\p{N}+)*/gu;
const SENTENCE_BREAKS = new Set([...'.!?…:;«»“”"()']);
const NO_CONCEPTS: readonly Concept[] = [];

/** Whether the token at `index` opens a sentence: nothing but spaces between it and a sentence break. */
function opensSentence(text: string, index: number): boolean {
  let i = index - 1;
  while (i >= 0 && text[i] === ' ') i -= 1;
  return i < 0 || SENTENCE_BREAKS.has(text[i] as string);
}

export function tokenize(text: string, withConcepts: boolean): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const word = match[0];
    const lower = word.toLowerCase();
    const number = match[1] === undefined;
    tokens.push({
      lower,
      midSentenceCapital: !number && lower[0] !== word[0] && !opensSentence(text, match.index),
      number,
      concepts: withConcepts && !number ? conceptsOf(lower) : NO_CONCEPTS,
    });
  }
  return tokens;
}

/** What the body is about: its word stems, its names and its numbers. */
export interface BodyProfile {
  readonly stems: ReadonlySet<string>;
  readonly names: ReadonlySet<string>;
  readonly numbers: ReadonlySet<string>;
}

/** The body a candidate above `end` is compared with: its first paragraph and the ones nearest above. */
export function sampleBody(paragraphs: readonly string[], end: number): readonly string[] {
  if (end <= BODY_SAMPLE_PARAGRAPHS) return paragraphs.slice(0, end);
  return [paragraphs[0] ?? '', ...paragraphs.slice(end - BODY_SAMPLE_PARAGRAPHS + 1, end)];
}

export function bodyProfile(sample: readonly string[]): BodyProfile {
  const stems = new Set<string>();
  const names = new Set<string>();
  const numbers = new Set<string>();
  for (const paragraph of sample) {
    for (const token of tokenize(paragraph.slice(0, BODY_SAMPLE_CHARS_PER_PARAGRAPH), false)) {
      if (token.number) numbers.add(token.lower);
      else stems.add(token.lower.slice(0, STEM_CHARS));
      if (token.midSentenceCapital) names.add(token.lower);
    }
  }
  return { stems, names, numbers };
}

/** Words that carry what a text is about; shared ones tie the candidate to the body's topic. */
const CONTENT_EXCLUDED: readonly Concept[] = ['deixis', 'self', 'label', 'ui'];
const isContentWord = (t: Token) =>
  !t.number &&
  t.lower.length >= CONTENT_WORD_MIN_CHARS &&
  !FUNCTION_WORDS.has(t.lower) &&
  !t.concepts.some((c) => CONTENT_EXCLUDED.includes(c));

/** The candidate's words that could tie it to the body: content words, names, numbers. */
export interface Ties {
  readonly content: readonly Token[];
  readonly names: readonly Token[];
  readonly numbers: readonly Token[];
}

export function tiesOf(tokens: readonly Token[]): Ties {
  return {
    content: tokens.filter(isContentWord),
    names: tokens.filter((t) => t.midSentenceCapital && t.concepts.length === 0),
    numbers: tokens.filter((t) => t.number),
  };
}

function numbersScore(numbers: number): number {
  return Math.max(WEIGHTS.numbers, WEIGHTS.number * numbers);
}

/** The lowest contrast score the body could give these ties: when even that keeps a notice, the body is not read. */
export function worstContrast(ties: Ties): number {
  return (
    (ties.content.length > 0 ? WEIGHTS.sharedVocabularyAtFull : 0) +
    Math.max(WEIGHTS.sharedNames, WEIGHTS.sharedName * ties.names.length) +
    numbersScore(ties.numbers.length) +
    Math.max(WEIGHTS.sharedNumbers, WEIGHTS.sharedNumber * ties.numbers.length)
  );
}

/**
 * A paragraph DETACHED from the article: no number, none of the body's names, and not one content word the body
 * also uses. News goes on about the body's people, places and figures; a notice about the publication is the same
 * under any story (a name of its own, such as the language it was translated from, is allowed).
 */
export function isDetached(ties: Ties, body: BodyProfile): boolean {
  if (ties.numbers.length > 0 || ties.names.some((t) => body.names.has(t.lower))) return false;
  return !ties.content.some((t) => body.stems.has(t.lower.slice(0, STEM_CHARS)));
}

/** How much the candidate shares with the body: vocabulary, names, numbers. A notice shares nothing. */
export function contrastScore(ties: Ties, body: BodyProfile): number {
  const { content, numbers } = ties;
  const shared = content.filter((t) => body.stems.has(t.lower.slice(0, STEM_CHARS))).length;
  const names = ties.names.filter((t) => body.names.has(t.lower)).length;
  const sharedNumbers = numbers.filter((t) => body.numbers.has(t.lower)).length;
  let score = content.length > 0 ? (WEIGHTS.sharedVocabularyAtFull * shared) / content.length : 0;
  score += Math.max(WEIGHTS.sharedNames, WEIGHTS.sharedName * names);
  score += numbersScore(numbers.length);
  score += Math.max(WEIGHTS.sharedNumbers, WEIGHTS.sharedNumber * sharedNumbers);
  const foreign = shared === 0 && names === 0 && numbers.length === 0 && content.length >= 3;
  return foreign ? score + FOREIGN_VOCABULARY_BONUS : score;
}
