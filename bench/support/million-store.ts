/**
 * The million-article store of bench/million.bench.ts, built once and kept in the OS temp folder between runs:
 * building takes minutes (generating and analysing each article), measuring it takes seconds. The folder's name
 * carries everything the file depends on (article count, generator seed, catalogue format), so a change to any of
 * them builds a new file instead of measuring a stale one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Article, StoredArticle } from '../../src/articles/article.ts';
import {
  SALIENT_TERMS_PER_ARTICLE,
  TITLE_BOOST,
  toCatalogueEntry,
} from '../../src/articles/search/catalogue.ts';
import { ARTICLES_NAMESPACE, CATALOGUE_NAMESPACE, openArticleStore } from '../../src/articles/store.ts';
import { TermAnalyzer } from '../../src/text/analyzer.ts';
import { createArticleGenerator } from './generate-articles.ts';

/** Articles per write transaction: large batches are what makes a bulk load fast in SQLite. */
const BUILD_BATCH_ARTICLES = 5_000;
const PROGRESS_EVERY_ARTICLES = 50_000;
/** Bump when the rows written here change shape, so old cached files are not reused. */
const BUILD_FORMAT = 1;
const BUILT_AT = '2026-01-01T00:00:00.000Z';

export interface MillionStoreParameters {
  readonly articles: number;
  readonly seed: number;
}

export interface BuiltStore {
  readonly file: string;
  /** Seconds spent building now; 0 when the cached file was reused. */
  readonly buildSeconds: number;
  readonly fileMb: number;
}

export function cacheFolder(parameters: MillionStoreParameters): string {
  const key = [
    `n${parameters.articles}`,
    `seed${parameters.seed}`,
    `terms${SALIENT_TERMS_PER_ARTICLE}x${TITLE_BOOST}`,
    `v${BUILD_FORMAT}`,
  ].join('-');
  return path.join(os.tmpdir(), `newsdesk-million-${key}`);
}

function toStored(article: Article): StoredArticle {
  return { ...article, version: 1, firstSeenAt: BUILT_AT, updatedAt: BUILT_AT };
}

/** keyv's row: the namespaced key, `{"value":…}` (no TTL) and no `expires`, exactly as the store writes them. */
function insertAll(file: string, parameters: MillionStoreParameters, log: (line: string) => void): void {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  // A bench artifact: a crash mid-build leaves a file that is never renamed into place, so no fsync is needed.
  db.pragma('synchronous = OFF');
  const insert = (table: string) =>
    db.prepare(`INSERT OR REPLACE INTO ${table} (key, value, expires) VALUES (?, ?, NULL)`);
  const article = insert(ARTICLES_NAMESPACE);
  const catalogue = insert(CATALOGUE_NAMESPACE);
  const generator = createArticleGenerator(parameters.seed);
  const analyzer = new TermAnalyzer();
  const batch = db.transaction((from: number, to: number) => {
    for (let index = from; index < to; index++) {
      const stored = toStored(generator.article(index));
      article.run(`${ARTICLES_NAMESPACE}:${stored.id}`, JSON.stringify({ value: stored }));
      const entry = toCatalogueEntry(stored, analyzer);
      catalogue.run(`${CATALOGUE_NAMESPACE}:${entry.id}`, JSON.stringify({ value: entry }));
    }
  });
  const started = performance.now();
  for (let from = 0; from < parameters.articles; from += BUILD_BATCH_ARTICLES) {
    batch(from, Math.min(parameters.articles, from + BUILD_BATCH_ARTICLES));
    const done = Math.min(parameters.articles, from + BUILD_BATCH_ARTICLES);
    if (done % PROGRESS_EVERY_ARTICLES === 0) {
      const perSecond = Math.round(done / ((performance.now() - started) / 1000));
      log(`  built ${done} of ${parameters.articles} articles (${perSecond}/s)`);
    }
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** The cached store file for these parameters, building it first when there is none. */
export async function millionStore(
  parameters: MillionStoreParameters,
  log: (line: string) => void,
): Promise<BuiltStore> {
  const folder = cacheFolder(parameters);
  const file = path.join(folder, 'store.sqlite');
  const sizeMb = () => Math.round(fs.statSync(file).size / 1_048_576);
  if (fs.existsSync(file)) return { file, buildSeconds: 0, fileMb: sizeMb() };
  fs.mkdirSync(folder, { recursive: true });
  const partial = path.join(folder, 'building.sqlite');
  for (const leftover of fs.readdirSync(folder)) fs.rmSync(path.join(folder, leftover), { force: true });
  log(`building ${parameters.articles} articles into ${folder} (cached for the next run)`);
  const started = performance.now();
  // The store creates its own tables, so the file is laid out exactly as the bot's would be.
  await (await openArticleStore({ url: `sqlite://${partial}` })).close();
  insertAll(partial, parameters, log);
  fs.renameSync(partial, file);
  return { file, buildSeconds: Math.round((performance.now() - started) / 1000), fileMb: sizeMb() };
}
