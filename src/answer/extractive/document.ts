import type { Article } from '../../articles/article.ts';
import { analysisLanguage } from '../../text/language.ts';
import { isQuantityWord } from '../../text/numbers.ts';
import { splitSentences } from '../../text/sentences.ts';
import { extractTerms, type Term } from '../../text/terms.ts';
import { looksLikeInstruction } from './injection.ts';

/** One sentence of the article with what the scorers need. `text` is an exact substring of its paragraph. */
export interface DocSentence {
  readonly text: string;
  readonly paragraph: number;
  /** Position among all the article's sentences. */
  readonly index: number;
  /** Content terms in order (stop words removed). */
  readonly terms: readonly string[];
  /** Per position of `terms`: whether that word states a quantity ("1,200", "nine", "percent"). */
  readonly quantities: readonly boolean[];
  readonly termCounts: ReadonlyMap<string, number>;
  readonly length: number;
}

/** An article prepared for extractive scoring: its candidate sentences and their term statistics. */
export interface ArticleDocument {
  readonly title: string;
  readonly language: string;
  /** Sentences that may be quoted, in article order (planted instructions and their paragraphs left out). */
  readonly sentences: readonly DocSentence[];
  readonly titleTerms: ReadonlySet<string>;
  /** How many candidate sentences contain each term. */
  readonly documentFrequency: ReadonlyMap<string, number>;
  readonly averageLength: number;
  /** The most frequent written form of each term, for naming what the article covers. */
  readonly surfaces: ReadonlyMap<string, string>;
}

/**
 * How much of an article the offline answerer reads: its work grows faster than the text (a 4.8 MB paragraph
 * took 252 s per question). 200,000 characters is about 30,000 words, beyond the longest long-read; a paragraph
 * is read up to 20,000 (ingest splits paragraphs at 4,000, so only one stored before that can be longer).
 */
export const MAX_DOCUMENT_CHARS = 200_000;
export const MAX_PARAGRAPH_READ_CHARS = 20_000;

/**
 * The paragraphs as far as the answerer reads them: a prefix of each, so every sentence stays quotable as is.
 * `overshootChars` lets a caller keep a little more, so that whoever reads the result still sees where a cut was.
 */
export function readableParagraphs(paragraphs: readonly string[], overshootChars = 0): string[] {
  const readable: string[] = [];
  let left = MAX_DOCUMENT_CHARS;
  for (const paragraph of paragraphs) {
    if (left <= 0) break;
    readable.push(paragraph.slice(0, Math.min(left, MAX_PARAGRAPH_READ_CHARS) + overshootChars));
    left -= paragraph.length;
  }
  return readable;
}

/** A sentence the read limit cut in two is left out rather than quoted half. */
function wholeSentences(spans: ReturnType<typeof splitSentences>, cut: boolean) {
  return cut ? spans.slice(0, -1) : spans;
}

export function buildDocument(article: Article): ArticleDocument {
  const paragraphs = readableParagraphs(article.paragraphs);
  const language = analysisLanguage(article.language, `${article.title}\n${paragraphs.join('\n')}`);
  const sentences: DocSentence[] = [];
  const surfaceCounts = new Map<string, Map<string, number>>();
  paragraphs.forEach((paragraph, paragraphIndex) => {
    const cut = paragraph.length < (article.paragraphs[paragraphIndex]?.length ?? 0);
    const spans = wholeSentences(splitSentences(paragraph, language), cut);
    // One planted instruction taints its whole paragraph: the sentences around it are usually its payload.
    if (spans.some((span) => looksLikeInstruction(span.text))) return;
    for (const span of spans) {
      const terms = extractTerms(span.text, { language });
      countSurfaces(terms, surfaceCounts);
      sentences.push({
        text: span.text,
        paragraph: paragraphIndex,
        index: sentences.length,
        terms: terms.map((term) => term.term),
        quantities: terms.map((term) => isQuantityWord(term.word)),
        termCounts: countTerms(terms),
        length: terms.length,
      });
    }
  });
  return {
    title: article.title,
    language,
    sentences,
    titleTerms: new Set(extractTerms(article.title, { language }).map((term) => term.term)),
    documentFrequency: documentFrequencies(sentences),
    averageLength:
      sentences.reduce((sum, sentence) => sum + sentence.length, 0) / Math.max(1, sentences.length),
    surfaces: mostFrequentSurfaces(surfaceCounts),
  };
}

/**
 * BM25's inverse document frequency over the article's sentences: rarer in the article → more telling. A word
 * the article never uses weighs most: when a question hinges on it, the article most likely does not say.
 */
export function inverseFrequency(document: ArticleDocument, term: string): number {
  const total = document.sentences.length;
  const frequency = document.documentFrequency.get(term) ?? 0;
  return Math.log(1 + (total - frequency + 0.5) / (frequency + 0.5));
}

function countTerms(terms: readonly Term[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { term } of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

function documentFrequencies(sentences: readonly DocSentence[]): Map<string, number> {
  const frequencies = new Map<string, number>();
  for (const sentence of sentences) {
    for (const term of sentence.termCounts.keys()) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
  }
  return frequencies;
}

function countSurfaces(terms: readonly Term[], into: Map<string, Map<string, number>>): void {
  for (const { term, surface } of terms) {
    const forms = into.get(term) ?? new Map<string, number>();
    forms.set(surface, (forms.get(surface) ?? 0) + 1);
    into.set(term, forms);
  }
}

function mostFrequentSurfaces(counts: ReadonlyMap<string, ReadonlyMap<string, number>>): Map<string, string> {
  const surfaces = new Map<string, string>();
  for (const [term, forms] of counts) {
    const ranked = [...forms].sort((a, b) => b[1] - a[1]);
    const best = ranked[0]?.[0] ?? term;
    // A word written in lower case anywhere is a common noun: show it in lower case.
    const lowerSeen = ranked.some(([form]) => form === form.toLowerCase());
    surfaces.set(term, lowerSeen ? best.toLowerCase() : best);
  }
  return surfaces;
}

/** Words that point back at something named before, in the catalogue's languages (lower case, whole words). */
const POINTS_BACK = new Set(
  [
    'it its they them their theirs he him his she her this that these those',
    'es er sie ihn ihm ihr ihre sein seine dies diese dieser',
    'il elle ils elles lui leur leurs cela ça',
    'él ella ellos ellas su sus eso esto',
    'он она оно они его её ее их ему ей им это',
  ]
    .join(' ')
    .split(' '),
);

export function pointsBack(question: string): boolean {
  const words = question.toLowerCase().match(/[\p{L}]+/gu) ?? [];
  return words.some((word) => POINTS_BACK.has(word));
}

/** How far into a sentence a word pointing back still opens it ("Of those, 41…", "Its revenue…"). */
const OPENING_WORDS = 3;
const NO_TERMS: ReadonlyMap<string, number> = new Map();

/**
 * A sentence that opens by pointing back ("Its revenue in 2023 was…", "Of those, 41…") is about what the sentence
 * before it names, in the same paragraph: those terms are its own for the relation and the count.
 */
export function antecedentTerms(
  document: ArticleDocument,
  sentence: DocSentence,
): ReadonlyMap<string, number> {
  const previous = document.sentences[sentence.index - 1];
  if (previous?.paragraph !== sentence.paragraph) return NO_TERMS;
  const opening = sentence.text.split(/\s+/u).slice(0, OPENING_WORDS).join(' ');
  return pointsBack(opening) ? previous.termCounts : NO_TERMS;
}
