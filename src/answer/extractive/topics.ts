import type { ArticleDocument } from './document.ts';

const TOPIC_COUNT = 3;
const MIN_TOPIC_CHARS = 3;

/**
 * Two or three words that say what the article is about beyond its title: the content words used in the most
 * sentences (ties: first used), skipping numbers and the title's own words.
 */
export function keyTopics(document: ArticleDocument): string[] {
  const firstSeen = new Map<string, number>();
  for (const sentence of document.sentences) {
    for (const term of sentence.termCounts.keys())
      if (!firstSeen.has(term)) firstSeen.set(term, sentence.index);
  }
  return [...document.documentFrequency]
    .filter(([term, frequency]) => frequency > 1 && isTopicWord(document, term))
    .sort((a, b) => b[1] - a[1] || (firstSeen.get(a[0]) ?? 0) - (firstSeen.get(b[0]) ?? 0))
    .slice(0, TOPIC_COUNT)
    .map(([term]) => document.surfaces.get(term) ?? term);
}

function isTopicWord(document: ArticleDocument, term: string): boolean {
  const surface = document.surfaces.get(term) ?? term;
  return !document.titleTerms.has(term) && /^\p{L}+$/u.test(surface) && surface.length >= MIN_TOPIC_CHARS;
}
