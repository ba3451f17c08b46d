import type { SummaryLength } from '../types.ts';
import { type ArticleDocument, type DocSentence, inverseFrequency } from './document.ts';

/** How many sentences each summary length asks for (never more than the article has). */
export const SUMMARY_SENTENCES: Readonly<Record<SummaryLength, number>> = {
  brief: 2,
  standard: 4,
  detailed: 7,
};

/*
 * Centrality is TextRank (PageRank over the sentences' TF-IDF cosine similarities): a sentence is central when it
 * shares vocabulary with other central sentences. News puts its key facts first, so the lead sentence and the
 * title's words add to it (Edmundson's position and title features).
 */
const DAMPING = 0.85;
const ITERATIONS = 30;
const LEAD_WEIGHT = 0.35;
const TITLE_WEIGHT = 0.15;
/** Fragments ("Yes.", a bare dateline) say nothing alone; they are used only when nothing else is left. */
const MIN_SUMMARY_TERMS = 4;

/** The most central sentences, in article order. */
export function pickSummarySentences(document: ArticleDocument, length: SummaryLength): DocSentence[] {
  const substantial = document.sentences.filter((sentence) => sentence.length >= MIN_SUMMARY_TERMS);
  const wanted = SUMMARY_SENTENCES[length];
  const pool =
    substantial.length >= Math.min(wanted, document.sentences.length) ? substantial : document.sentences;
  const scores = summaryScores(document, pool);
  return pool
    .map((sentence, position) => ({ sentence, score: scores[position] ?? 0 }))
    .sort((a, b) => b.score - a.score || a.sentence.index - b.sentence.index)
    .slice(0, wanted)
    .map((ranked) => ranked.sentence)
    .sort((a, b) => a.index - b.index);
}

function summaryScores(document: ArticleDocument, pool: readonly DocSentence[]): number[] {
  const vectors = pool.map((sentence) => weightedVector(document, sentence.termCounts));
  const title = weightedVector(document, new Map([...document.titleTerms].map((term) => [term, 1])));
  const rank = textRank(vectors);
  const topRank = Math.max(...rank, Number.MIN_VALUE);
  return pool.map((_, position) => {
    const lead = 1 / (1 + position);
    const centrality = (rank[position] ?? 0) / topRank;
    const titleSimilarity = cosine(vectors[position] ?? new Map(), title);
    return (
      (1 - LEAD_WEIGHT - TITLE_WEIGHT) * centrality + LEAD_WEIGHT * lead + TITLE_WEIGHT * titleSimilarity
    );
  });
}

type Vector = ReadonlyMap<string, number>;

function weightedVector(document: ArticleDocument, counts: ReadonlyMap<string, number>): Vector {
  const vector = new Map<string, number>();
  for (const [term, count] of counts)
    vector.set(term, (1 + Math.log(count)) * inverseFrequency(document, term));
  return vector;
}

function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  for (const [term, weight] of a) dot += weight * (b.get(term) ?? 0);
  if (dot === 0) return 0;
  return dot / (norm(a) * norm(b));
}

function norm(vector: Vector): number {
  let sum = 0;
  for (const weight of vector.values()) sum += weight * weight;
  return Math.sqrt(sum);
}

function textRank(vectors: readonly Vector[]): number[] {
  const count = vectors.length;
  const similarity = vectors.map((a, i) => vectors.map((b, j) => (i === j ? 0 : cosine(a, b))));
  const outWeight = similarity.map((row) => row.reduce((sum, weight) => sum + weight, 0));
  let rank = new Array<number>(count).fill(1 / Math.max(1, count));
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    rank = rank.map((_, i) => {
      let incoming = 0;
      for (let j = 0; j < count; j++) {
        const out = outWeight[j] ?? 0;
        if (out > 0) incoming += ((similarity[j]?.[i] ?? 0) / out) * (rank[j] ?? 0);
      }
      return (1 - DAMPING) / count + DAMPING * incoming;
    });
  }
  return rank;
}
