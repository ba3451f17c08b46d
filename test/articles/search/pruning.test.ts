import { describe, expect, it } from 'vitest';
import { toCatalogueEntry } from '../../../src/articles/search/catalogue.ts';
import { SearchIndex } from '../../../src/articles/search/search.ts';
import { makeArticle } from '../../store/articles-fixture.ts';
import { seededRandom } from '../../support/random.ts';

/**
 * Pruning (MaxScore) must never change a result: the best k of a search with pruning are the best k of the same
 * search scored in full (a limit larger than the index never prunes). Checked on generated corpora whose word
 * frequencies follow Zipf's law, as news text does: a few words in most articles, most words in a few.
 */
const SYLLABLES = ['ka', 'ro', 'mi', 'tel', 'san', 'vu', 'dor', 'pe', 'lin', 'gra', 'shu', 'ne', 'bo', 'fi'];
const NEVER_PRUNES = 1_000_000;

function vocabulary(random: () => number, size: number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const length = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < length; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
}

/** Zipf: the word of rank r is drawn with probability ∝ 1/r. */
function zipfPicker(random: () => number, words: readonly string[]): () => string {
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= words.length; rank++) {
    total += 1 / rank;
    cumulative.push(total);
  }
  return () => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return words[low] as string;
  };
}

function corpus(seed: number, articles: number) {
  const random = seededRandom(seed);
  const words = vocabulary(random, 1_500);
  const pick = zipfPicker(random, words);
  const sentence = (length: number) => Array.from({ length }, pick).join(' ');
  const index = new SearchIndex();
  /** Stores article `n` (replacing any earlier version of it) with new generated text. */
  const write = (n: number) => {
    const paragraphs = Array.from({ length: 1 + Math.floor(random() * 4) }, () => `${sentence(12)}.`);
    const publishedAt = new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 365) * 86_400_000);
    const article = makeArticle({
      id: `a${n}`,
      title: sentence(3 + Math.floor(random() * 6)),
      paragraphs,
      publishedAt: publishedAt.toISOString(),
    });
    index.put(toCatalogueEntry(article, index.analyzer));
  };
  for (let n = 0; n < articles; n++) write(n);
  index.prepare();
  return { index, pick, random, write };
}

function queries(pick: () => string, random: () => number, count: number): string[] {
  return Array.from({ length: count }, () => {
    const words = Array.from({ length: 1 + Math.floor(random() * 9) }, pick).join(' ');
    // Some are typed (the last word a prefix), some finished questions.
    return random() < 0.3 ? words.slice(0, Math.max(1, words.length - 2)) : `${words}?`;
  });
}

/** One word typed or finished: the searches autocomplete sends, which start from a long list's head (head-start.ts). */
function oneWordQueries(pick: () => string, random: () => number, count: number): string[] {
  return Array.from({ length: count }, () => {
    const word = pick();
    return random() < 0.5 ? word.slice(0, Math.max(1, word.length - Math.floor(random() * 3))) : `${word}?`;
  });
}

function expectPrunedAsFull(index: SearchIndex, queryList: readonly string[]): void {
  for (const query of queryList) {
    const full = index.search(query, NEVER_PRUNES);
    for (const limit of [1, 5, 25]) {
      const pruned = index.search(query, limit);
      expect(
        pruned.map((hit) => [hit.id, hit.score]),
        `${query} (best ${limit})`,
      ).toEqual(full.slice(0, limit).map((hit) => [hit.id, hit.score]));
    }
  }
}

describe('search pruning', () => {
  it('GIVEN word lists longer than a head THEN one-word searches give the best 1, 5 and 25 scored in full, also after new, rewritten and compacted articles', () => {
    const { index, pick, random, write } = corpus(4, 6_000);
    expectPrunedAsFull(index, oneWordQueries(pick, random, 40));
    // New articles append to the long lists after their heads were chosen; rewrites leave dead slots in them.
    for (let n = 6_000; n < 6_200; n++) write(n);
    for (let n = 0; n < 200; n++) write(n);
    expectPrunedAsFull(index, oneWordQueries(pick, random, 40));
    // Enough rewrites to compact the slots: every posting is renumbered.
    for (let n = 200; n < 2_000; n++) write(n);
    expectPrunedAsFull(index, oneWordQueries(pick, random, 40));
  });

  it('GIVEN word lists longer than a head THEN searches of several common words (walked article by article) give the best 1, 5 and 25 scored in full, also after new, rewritten and compacted articles', () => {
    const { index, pick, random, write } = corpus(5, 6_000);
    // The commonest words, so that their lists are long enough for the walk and have heads to start the bar from.
    const common = () => pick() + (random() < 0.5 ? ` ${pick()}` : '');
    const several = (count: number) =>
      Array.from({ length: count }, () => {
        const words = Array.from({ length: 2 + Math.floor(random() * 5) }, common).join(' ');
        return random() < 0.3 ? words.slice(0, Math.max(1, words.length - 2)) : `${words}?`;
      });
    expectPrunedAsFull(index, several(150));
    for (let n = 6_000; n < 6_200; n++) write(n);
    for (let n = 0; n < 200; n++) write(n);
    expectPrunedAsFull(index, several(150));
    for (let n = 200; n < 2_000; n++) write(n);
    expectPrunedAsFull(index, several(150));
  });

  it('GIVEN 6,000 articles that score the same on a word THEN its best 25 are the newest, as in full', () => {
    const index = new SearchIndex();
    for (let n = 0; n < 6_000; n++) {
      const publishedAt = new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString();
      const article = makeArticle({
        id: `same${n}`,
        title: `Harbour notice ${n}`,
        paragraphs: ['Harbour closed.'],
        publishedAt,
      });
      index.put(toCatalogueEntry(article, index.analyzer));
    }
    index.prepare();
    const newest = index.search('harbour', 25).map((hit) => hit.id);
    expect(newest).toEqual(Array.from({ length: 25 }, (_, n) => `same${5_999 - n}`));
    expect(index.search('harbour', 25)).toEqual(index.search('harbour', NEVER_PRUNES).slice(0, 25));
  });

  for (const seed of [1, 2, 3]) {
    it(`GIVEN a Zipf corpus (seed ${seed}) THEN the best 1, 5 and 25 with pruning are those scored in full`, () => {
      const { index, pick, random } = corpus(seed, 2_500);
      for (const query of queries(pick, random, 150)) {
        const full = index.search(query, NEVER_PRUNES);
        for (const limit of [1, 5, 25]) {
          const pruned = index.search(query, limit);
          expect(
            pruned.map((hit) => [hit.id, hit.score]),
            `${query} (best ${limit})`,
          ).toEqual(full.slice(0, limit).map((hit) => [hit.id, hit.score]));
        }
      }
    });
  }
});
