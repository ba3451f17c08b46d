import { createHash } from 'node:crypto';
import type { Article } from '../../src/articles/article.ts';
import { seededRandom } from '../../test/support/random.ts';

/**
 * Deterministic, news-like articles for benchmarks: a title of 6–12 words, ~8 paragraphs of 2–5 sentences, words
 * drawn with a Zipf-like skew from a vocabulary of common words, invented words and names (as real news has).
 */
const COMMON = `the of and to in a is that for on was with as by at from it said has have be are were not this
  but an which will after its they also more their two new over year years government people city minister
  president police week officials percent million report country state public market said group region council
  vote court law company workers prices plan talks border election health school water power energy trade`
  .split(/\s+/)
  .filter(Boolean);
const SYLLABLES = 'ka ra ba lo mi ne tu sa ve do ri pa gu zo le fi ha mo ny ti re an el or us in'.split(' ');
const VOCABULARY_SIZE = 40_000;
const NAMES_SIZE = 4_000;

export { seededRandom };

function inventWords(random: () => number, count: number, capitalised: boolean): string[] {
  const words = new Set<string>();
  while (words.size < count) {
    let word = '';
    const syllables = 2 + Math.floor(random() * 3);
    for (let i = 0; i < syllables; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    words.add(capitalised ? word.charAt(0).toUpperCase() + word.slice(1) : word);
  }
  return [...words];
}

export interface ArticleGenerator {
  article(index: number): Article;
}

export function createArticleGenerator(seed = 42): ArticleGenerator {
  const random = seededRandom(seed);
  const vocabulary = [...COMMON, ...inventWords(random, VOCABULARY_SIZE, false)];
  const names = inventWords(random, NAMES_SIZE, true);
  // Zipf-like: index = floor(n ** u) skews towards the common words at the front.
  const pick = (list: readonly string[]) => list[Math.floor(list.length ** random()) - 1] ?? 'news';
  const sentence = () => {
    const length = 10 + Math.floor(random() * 16);
    const words: string[] = [];
    for (let i = 0; i < length; i++) words.push(random() < 0.08 ? pick(names) : pick(vocabulary));
    const text = words.join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  };
  const paragraph = () => Array.from({ length: 2 + Math.floor(random() * 4) }, sentence).join(' ');
  return {
    article(index) {
      const titleWords = Array.from({ length: 6 + Math.floor(random() * 7) }, () =>
        random() < 0.3 ? pick(names) : pick(vocabulary),
      );
      const title = titleWords.join(' ');
      const paragraphs = Array.from({ length: 6 + Math.floor(random() * 5) }, paragraph);
      const hash = createHash('sha256')
        .update(title)
        .update(paragraphs.join('\n'))
        .digest('hex')
        .slice(0, 16);
      const publishedAt = new Date(Date.UTC(2020, 0, 1) + index * 3_600_000).toISOString();
      return {
        ...{
          id: `bench-${index}`,
          title,
          paragraphs,
          category: index % 3 === 0 ? 'World news' : 'Local news',
        },
        ...{
          disclaimer: null,
          url: `https://news.example/articles/${index}`,
          source: 'bench',
          language: 'en',
        },
        ...{ publishedAt, hash },
      };
    },
  };
}
