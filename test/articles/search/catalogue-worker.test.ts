import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Article, ArticleStore } from '../../../src/articles/article.ts';
import { MAX_ANALYSED_CHARS, toCatalogueEntry } from '../../../src/articles/search/catalogue.ts';
import { CATALOGUE_BATCH_ARTICLES } from '../../../src/articles/search/catalogue-batches.ts';
import { createCataloguePool } from '../../../src/articles/search/catalogue-pool.ts';
import { openArticleStore } from '../../../src/articles/store.ts';
import { makeArticle } from '../../store/articles-fixture.ts';
import { hugeParagraph } from '../../support/hostile-sources.ts';
import { recording } from './recording-pool.ts';

const MISBEHAVING = new URL('./misbehaving-catalogue-jobs.ts', import.meta.url);
/** Starting a worker loads tsx and the analyzer: seconds when other test files share the cores. */
const WORKER_START_MS = 30_000;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A store whose catalogue worker has started and answered: the next upserts are analysed there. */
async function storeWithWorker(pool: ReturnType<typeof recording>): Promise<ArticleStore> {
  cleanups.push(() => pool.close());
  const store = await openArticleStore({ url: 'memory://', catalogueWorkers: pool });
  cleanups.push(() => store.close());
  // Analysed in the process while the worker starts.
  await store.upsert(makeArticle({ id: 'warm-up', title: 'Warm up' }));
  await vi.waitFor(() => expect(pool.jobs.some((job) => job.ended === 'answered')).toBe(true), {
    timeout: WORKER_START_MS,
  });
  return store;
}

function harbourArticles(count: number, title = (i: number) => `Harbour bulletin number ${i}`): Article[] {
  return Array.from({ length: count }, (_, i) =>
    makeArticle({
      id: `harbour-${i}`,
      title: title(i),
      paragraphs: [`Ferry crews report quay${i}ward repairs.`, 'The harbour authority met on Monday.'],
    }),
  );
}

/** Upserts all at once; each article must be found by its own word the moment its upsert resolves. */
async function upsertAndFind(store: ArticleStore, articles: readonly Article[]): Promise<string[]> {
  const found = await Promise.all(
    articles.map(async (article, i) => {
      await store.upsert(article);
      return store.search(`quay${i}ward`, 3)[0]?.id;
    }),
  );
  return found.filter((id) => id !== undefined);
}

describe('catalogue entries made in a worker', () => {
  it(
    'GIVEN the catalogue worker dies in the middle of a batch THEN every upsert still resolves and search finds each article as it resolves',
    async () => {
      const pool = recording(createCataloguePool({ entry: MISBEHAVING }));
      const store = await storeWithWorker(pool);
      const articles = harbourArticles(12, (i) =>
        i === 5 ? 'CRASH of the harbour crane' : `Harbour bulletin ${i}`,
      );

      expect(await upsertAndFind(store, articles)).toEqual(articles.map((article) => article.id));
      expect(pool.jobs.map((job) => job.ended)).toContain('crashed');
      expect(store.count()).toBe(13);
    },
    WORKER_START_MS * 2,
  );

  it(
    'GIVEN a catalogue batch runs over its time budget THEN its upserts resolve soon after the budget, stored and searchable',
    async () => {
      const pool = recording(createCataloguePool({ entry: MISBEHAVING, jobBudgetMs: 500 }));
      const store = await storeWithWorker(pool);
      const articles = harbourArticles(6, (i) =>
        i === 0 ? 'STALL at the harbour gates' : `Harbour bulletin ${i}`,
      );

      const started = performance.now();
      expect(await upsertAndFind(store, articles)).toEqual(articles.map((article) => article.id));
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(pool.jobs.map((job) => job.ended)).toContain('over-budget');
    },
    WORKER_START_MS * 2,
  );

  it('GIVEN the catalogue worker cannot be used (its pool is closed) THEN upserts are stored and searchable as before', async () => {
    const pool = recording(createCataloguePool());
    await pool.close();
    const store = await openArticleStore({ url: 'memory://', catalogueWorkers: pool });
    cleanups.push(() => store.close());
    const articles = harbourArticles(4);

    expect(await upsertAndFind(store, articles)).toEqual(articles.map((article) => article.id));
    expect(pool.jobs.every((job) => job.ended !== 'answered')).toBe(true);
  });

  it(
    'GIVEN a 5 MB paragraph and an article of 300,000 paragraphs THEN the worker gets at most MAX_ANALYSED_CHARS of each body, and their entries are those made in the process',
    async () => {
      const pool = recording(createCataloguePool());
      const store = await storeWithWorker(pool);
      const huge = makeArticle({
        id: 'huge',
        title: 'Lighthouse keepers strike',
        paragraphs: ['Lighthouse keepers walked out over pay.', hugeParagraph(5_000_000)],
      });
      const many = makeArticle({
        id: 'many',
        title: 'Tide tables for the season',
        paragraphs: Array.from({ length: 300_000 }, (_, i) => `Tide ${i} rises.`),
      });

      await Promise.all([store.upsert(huge), store.upsert(many)]);

      const sent = pool.jobs.filter((job) => job.articles > 0);
      expect(sent.reduce((sum, job) => sum + job.articles, 0)).toBe(2);
      for (const job of sent) expect(job.chars).toBeLessThanOrEqual(job.articles * (MAX_ANALYSED_CHARS + 30));
      expect(sent.reduce((sum, job) => sum + job.paragraphs, 0)).toBeLessThan(MAX_ANALYSED_CHARS / 10);
      const made = sent.flatMap((job) => job.entries ?? []);
      expect(made).toEqual([huge, many].map((article) => toCatalogueEntry(article)));
      // The store keeps the whole article; only the analysis reads a bounded part of it.
      expect((await store.get('many'))?.paragraphs).toHaveLength(300_000);
      expect(store.search('lighthouse keepers', 3)[0]?.id).toBe('huge');
    },
    WORKER_START_MS * 2,
  );

  it(
    'GIVEN 300 upserts in flight THEN they reach the worker in batches of at most CATALOGUE_BATCH_ARTICLES, all searchable',
    async () => {
      const pool = recording(createCataloguePool());
      const store = await storeWithWorker(pool);
      const articles = harbourArticles(300);

      expect(await upsertAndFind(store, articles)).toHaveLength(300);
      const sent = pool.jobs.filter((job) => job.articles > 0);
      expect(Math.max(...sent.map((job) => job.articles))).toBeLessThanOrEqual(CATALOGUE_BATCH_ARTICLES);
      expect(sent.length).toBeLessThan(300 / 4);
      expect(sent.reduce((sum, job) => sum + job.articles, 0)).toBe(300);
    },
    WORKER_START_MS * 2,
  );
});
