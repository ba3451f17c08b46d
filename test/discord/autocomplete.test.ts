import { describe, expect, it } from 'vitest';
import type { ArticleStore, SearchHit } from '../../src/articles/article.ts';
import { articleChoices, choiceName, cleanQuery } from '../../src/discord/autocomplete.ts';

/** A search over a fixed list that records what it was asked (the real store is used end to end). */
function listStore(hits: SearchHit[]): Pick<ArticleStore, 'search'> & { queries: string[] } {
  const queries: string[] = [];
  return {
    queries,
    search(query, limit) {
      queries.push(query);
      return hits.slice(0, limit);
    },
  };
}

const hit = (n: number, overrides: Partial<SearchHit> = {}): SearchHit => ({
  id: `article-${n}`,
  title: `Article number ${n}`,
  publishedAt: '2026-11-30T08:00:00.000Z',
  category: null,
  url: null,
  score: 1,
  ...overrides,
});

describe('articleChoices', () => {
  it('GIVEN more than 25 matches THEN offers 25 choices named title + date, valued by id', () => {
    const choices = articleChoices(listStore(Array.from({ length: 40 }, (_, n) => hit(n))), 'article');
    expect(choices).toHaveLength(25);
    expect(choices[0]).toEqual({ name: 'Article number 0 · 2026-11-30', value: 'article-0' });
  });

  it('GIVEN a 300-character title THEN the name is cut to 100 and keeps the date', () => {
    const [choice] = articleChoices(listStore([hit(1, { title: 'Long '.repeat(60) })]), '');
    expect(choice?.name.length).toBeLessThanOrEqual(100);
    expect(choice?.name).toMatch(/… · 2026-11-30$/);
  });

  it('GIVEN a blank or invisible title THEN the name falls back to the id', () => {
    const [choice] = articleChoices(listStore([hit(1, { title: '\u200b \n' })]), '');
    expect(choice?.name).toBe('article-1 · 2026-11-30');
  });

  it('GIVEN odd typed text THEN every input gets valid choices and the search sees clean words', () => {
    const store = listStore([hit(1)]);
    const inputs = [
      '',
      '   ',
      '🚋🚋🚋',
      'x'.repeat(100),
      'y'.repeat(6_000),
      '**bold** <@123> @everyone',
      'tr\u200bam\u202e',
    ];
    for (const typed of inputs) {
      const choices = articleChoices(store, typed);
      expect(choices).toEqual([{ name: 'Article number 1 · 2026-11-30', value: 'article-1' }]);
    }
    expect(store.queries.every((q) => q.length <= 200 && !/[\u200b\u202e]/.test(q))).toBe(true);
    expect(store.queries).toContain('tr am');
  });

  it('GIVEN an id longer than Discord allows as a value THEN that article is not offered', () => {
    expect(articleChoices(listStore([hit(1, { id: 'x'.repeat(101) }), hit(2)]), '')).toHaveLength(1);
  });
});

describe('cleanQuery / choiceName', () => {
  it('GIVEN a non-string focused value THEN searches for nothing (the newest)', () => {
    expect(cleanQuery(42)).toBe('');
    expect(cleanQuery(undefined)).toBe('');
  });

  it('GIVEN a title with line breaks THEN the name is one line', () => {
    expect(choiceName(hit(1, { title: 'Two\nlines' }))).toBe('Two lines · 2026-11-30');
  });

  it('GIVEN a reader’s Discord language THEN the date in the name is written their way', () => {
    expect(choiceName(hit(1), 'de')).toBe('Article number 1 · 30.11.2026');
    expect(choiceName(hit(1), 'ru')).toBe('Article number 1 · 30 нояб. 2026 г.');
    expect(choiceName(hit(1), 'not a locale!')).toBe('Article number 1 · 2026-11-30');
    const [choice] = articleChoices(listStore([hit(1, { title: 'Long '.repeat(60) })]), '', 'fr');
    expect(choice?.name.length).toBeLessThanOrEqual(100);
    expect(choice?.name.endsWith(' · 30 nov. 2026')).toBe(true);
  });
});
