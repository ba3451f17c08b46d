import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleStore, SearchHit } from '../../../src/articles/article.ts';
import { CATALOGUE_JOB, createCataloguePool } from '../../../src/articles/search/catalogue-pool.ts';
import { ARTICLES_NAMESPACE, CATALOGUE_NAMESPACE, openArticleStore } from '../../../src/articles/store.ts';
import { mixedCorpus, SNAPSHOT_QUERIES } from '../../support/mixed-corpus.ts';
import { recording } from './recording-pool.ts';

/*
 * Pins what ingest stores and what search returns for a mixed-language corpus, as the code wrote it before ingest
 * was made faster (the fixture was generated from that code and committed first). Regenerate only for an intended
 * change of analysis: INGEST_SNAPSHOT_WRITE=1 npx vitest run test/articles/search/ingest-snapshot.test.ts
 */
const FIXTURE = path.join(import.meta.dirname, '../../fixtures/search/ingest-snapshot.json');
const CORPUS_ARTICLES = 1_500;
const IN_FLIGHT = 8;
const TOP = 10;
const FIXED_NOW = new Date('2026-01-01T00:00:00.000Z');

interface Snapshot {
  readonly articles: number;
  readonly tables: Record<string, { rows: number; sha256: string }>;
  readonly searches: Record<string, { id: string; score: number }[]>;
}

let folder: string;
beforeEach(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsdesk-ingest-snapshot-'));
});
afterEach(() => fs.rm(folder, { recursive: true, force: true }));

async function ingestAll(store: ArticleStore): Promise<void> {
  const articles = mixedCorpus(CORPUS_ARTICLES);
  let next = 0;
  const worker = async () => {
    while (next < articles.length) {
      const article = articles[next++];
      if (article) await store.upsert(article);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

function tableHashes(file: string): Snapshot['tables'] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const tables: Snapshot['tables'] = {};
    for (const table of [ARTICLES_NAMESPACE, CATALOGUE_NAMESPACE]) {
      const rows = db.prepare(`SELECT key, value FROM ${table} ORDER BY key`).all() as {
        key: string;
        value: string;
      }[];
      const hash = createHash('sha256');
      for (const row of rows) hash.update(`${row.key}\u0000${row.value}\u0000`);
      tables[table] = { rows: rows.length, sha256: hash.digest('hex') };
    }
    return tables;
  } finally {
    db.close();
  }
}

function searches(store: ArticleStore): Snapshot['searches'] {
  const top = (hits: SearchHit[]) => hits.map((hit) => ({ id: hit.id, score: hit.score }));
  return Object.fromEntries(SNAPSHOT_QUERIES.map((query) => [query, top(store.search(query, TOP))]));
}

/**
 * Catalogue entries are made in the catalogue worker, or in the process while it starts or after it failed: both
 * paths must write the same rows. The worker is started before the timed ingest, so it makes nearly all entries.
 */
const PATHS = [
  { path: 'in the catalogue worker', worker: true },
  { path: 'in the process', worker: false },
] as const;

describe.each(PATHS)('ingest snapshot, entries analysed $path', ({ worker }) => {
  const pool = worker ? recording(createCataloguePool()) : null;
  afterEach(() => pool?.close());

  it('GIVEN 1,500 mixed-language articles ingested 8 at a time THEN stored rows and top-10 hits are as pinned, live and after reopening', async () => {
    const file = path.join(folder, 'snapshot.sqlite');
    const url = `sqlite://${file}`;
    await pool?.run(CATALOGUE_JOB, []); // started, as a running bot's would be
    const store = await openArticleStore({ url, now: () => FIXED_NOW, catalogueWorkers: pool });
    await ingestAll(store);
    if (pool) {
      const analysedThere = pool.jobs.reduce(
        (sum, job) => sum + (job.ended === 'answered' ? job.articles : 0),
        0,
      );
      expect(analysedThere).toBeGreaterThan(CORPUS_ARTICLES * 0.9);
    }
    const live = searches(store);
    await store.close();
    const reopened = await openArticleStore({ url });
    const afterOpen = searches(reopened);
    await reopened.close();
    const actual: Snapshot = { articles: CORPUS_ARTICLES, tables: tableHashes(file), searches: live };
    if (process.env.INGEST_SNAPSHOT_WRITE === '1') {
      await fs.writeFile(FIXTURE, `${JSON.stringify(actual, null, 2)}\n`);
    }
    const pinned = JSON.parse(await fs.readFile(FIXTURE, 'utf8')) as Snapshot;
    expect(actual.tables).toEqual(pinned.tables);
    expect(live).toEqual(pinned.searches);
    expect(afterOpen).toEqual(pinned.searches);
    // The corpus must actually exercise search: most queries find something.
    const found = Object.values(pinned.searches).filter((hits) => hits.length > 0).length;
    expect(found).toBeGreaterThan(SNAPSHOT_QUERIES.length * 0.75);
  }, 60_000);
});
