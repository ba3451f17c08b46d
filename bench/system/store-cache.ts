/**
 * The benchmark's article store: N generated articles in a SQLite file, built once and cached under the OS temp
 * folder, keyed by the generator's and the store's source (a change to either builds a fresh one). Each run works
 * on its own copy, so what one run writes (answers, usage, digest state) never reaches the next.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Article } from '../../src/articles/article.ts';
import { openArticleStore } from '../../src/articles/store.ts';
import { createArticleGenerator } from '../support/generate-articles.ts';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
const CACHE_DIR = path.join(os.tmpdir(), 'newsdesk-system-bench');
/** What the cached file depends on: the generator, and how the store lays articles out. */
const KEY_SOURCES = [
  'bench/support/generate-articles.ts',
  'src/articles/store.ts',
  'src/articles/search/catalogue.ts',
];
export const GENERATOR_SEED = 11;
const UPSERT_CONCURRENCY = 8;

async function cacheKey(articles: number): Promise<string> {
  const hash = createHash('sha256').update(`${articles}:${GENERATOR_SEED}`);
  for (const source of KEY_SOURCES) hash.update(await fs.readFile(path.join(PROJECT_ROOT, source)));
  return hash.digest('hex').slice(0, 16);
}

async function build(file: string, articles: number): Promise<void> {
  const store = await openArticleStore({ url: `sqlite://${file}` });
  const generator = createArticleGenerator(GENERATOR_SEED);
  let next = 0;
  // The generator draws from one random stream: articles are made in order, then stored concurrently.
  const worker = async () => {
    while (next < articles) {
      const article: Article = generator.article(next++);
      await store.upsert(article);
    }
  };
  await Promise.all(Array.from({ length: UPSERT_CONCURRENCY }, worker));
  await store.close();
}

const exists = (file: string) =>
  fs.stat(file).then(
    () => true,
    () => false,
  );

/** The cached store file for `articles` articles, built first when missing. Returns its path and build time. */
export async function cachedStore(articles: number): Promise<{ file: string; builtMs: number | null }> {
  await fs.mkdir(CACHE_DIR, { recursive: true });
  const file = path.join(CACHE_DIR, `store-${articles}-${await cacheKey(articles)}.sqlite`);
  if (await exists(file)) return { file, builtMs: null };
  const started = performance.now();
  const building = `${file}.${process.pid}.building`;
  await build(building, articles);
  // Closing the last connection checkpoints the WAL into the file, so the file alone is the whole store.
  if (await exists(`${building}-wal`)) throw new Error(`${building}: the WAL was not checkpointed on close`);
  // Renamed last, so an interrupted build never leaves a file that looks finished.
  await fs.rename(building, file);
  return { file, builtMs: Math.round(performance.now() - started) };
}

/** A private copy of the cached store for one run, in `dir`. Returns its STORE_URL. */
export async function copyStore(cached: string, dir: string): Promise<string> {
  const file = path.join(dir, 'store.sqlite');
  await fs.copyFile(cached, file);
  return `sqlite://${file}`;
}

/** Every article of the cached SQLite store, copied into another store (a Redis world's). */
export async function copyArticlesTo(storeFile: string, targetUrl: string): Promise<number> {
  const source = await openArticleStore({ url: `sqlite://${storeFile}` });
  const target = await openArticleStore({ url: targetUrl });
  try {
    const ids = source.search('', source.count()).map((hit) => hit.id);
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const article = await source.get(ids[next++] ?? '');
        if (article) await target.upsert(article);
      }
    };
    await Promise.all(Array.from({ length: UPSERT_CONCURRENCY * 4 }, worker));
    return target.count();
  } finally {
    await Promise.all([source.close(), target.close()]);
  }
}
