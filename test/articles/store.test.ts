import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArticleStore } from '../../src/articles/article.ts';
import { openArticleStore } from '../../src/articles/store.ts';
import { UserFacingError } from '../../src/core/errors.ts';
import { createKeyvPool, type KeyvPool, openKeyv } from '../../src/store/keyv.ts';
import { makeArticle, sampleArticles } from '../store/articles-fixture.ts';
import { type PostgresServer, startPostgresServer } from '../support/postgres-server.ts';
import { type RedisServer, startRedisServer } from '../support/redis-server.ts';
import { holdExclusiveLock } from '../support/sqlite-lock.ts';

let folder: string;
const stores: ArticleStore[] = [];
let redis: RedisServer | undefined;
let postgres: PostgresServer | undefined;
/** Each test gets a Redis database and a PostgreSQL database of its own. */
let database = 0;

beforeAll(async () => {
  // Both at once; if one fails, the other is still closed in afterAll.
  const [startedRedis, startedPostgres] = await Promise.allSettled([
    startRedisServer(),
    startPostgresServer(),
  ]);
  if (startedRedis.status === 'fulfilled') redis = startedRedis.value;
  if (startedPostgres.status === 'fulfilled') postgres = startedPostgres.value;
  for (const started of [startedRedis, startedPostgres])
    if (started.status === 'rejected') throw started.reason;
}, 30_000);

afterAll(() => Promise.all([redis?.close(), postgres?.close()]));

beforeEach(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsdesk-store-'));
  database++;
});

afterEach(async () => {
  await Promise.allSettled(stores.splice(0).map((store) => store.close()));
  await fs.rm(folder, { recursive: true, force: true });
});

/** A clock that moves one minute per call, so every write has its own time. */
function ticking(start = Date.UTC(2024, 5, 1)) {
  let now = start;
  return () => {
    now += 60_000;
    return new Date(now);
  };
}

async function open(
  url: string,
  options: { busyTimeoutMs?: number; pool?: KeyvPool } = {},
): Promise<ArticleStore> {
  const store = await openArticleStore({ url, now: ticking(), ...options });
  stores.push(store);
  return store;
}

const sqliteUrl = () => `sqlite://${path.join(folder, 'data', 'newsdesk.sqlite')}`;
const started = <T>(server: T | undefined): T => {
  if (!server) throw new Error('the store server did not start (see beforeAll)');
  return server;
};
const redisUrl = () => `${started(redis).url}/${database}`;
const createdDatabases = new Set<number>();

/** A fresh PostgreSQL database for this test (created on first use). */
async function postgresUrl(): Promise<string> {
  if (!createdDatabases.has(database)) {
    const client = new pg.Client({ connectionString: started(postgres).url });
    await client.connect();
    await client.query(`CREATE DATABASE test_${database}`);
    await client.end();
    createdDatabases.add(database);
  }
  return started(postgres).url.replace(/\/postgres$/, `/test_${database}`);
}

describe.each([
  ['a SQLite file in a temp folder', sqliteUrl],
  ['memory://', () => 'memory://'],
  ['a real Redis server', redisUrl],
  ['a real PostgreSQL server', postgresUrl],
])('ArticleStore on %s', (_name, url) => {
  it('GIVEN a new article THEN stores version 1 and gets it back exactly', async () => {
    const store = await open(await url());
    const article = makeArticle({
      id: 'tram-vote',
      title: 'Council approves tram line',
      url: 'https://x.test/a',
    });
    const { outcome, article: stored } = await store.upsert(article);
    expect(outcome).toBe('new');
    expect(stored).toMatchObject({ ...article, version: 1 });
    expect(stored.firstSeenAt).toBe(stored.updatedAt);
    expect(await store.get('tram-vote')).toEqual(stored);
    expect(await store.get('unknown')).toBeUndefined();
    expect(store.count()).toBe(1);
  });

  it('GIVEN the same text again THEN unchanged, nothing rewritten; GIVEN new text THEN version 2, first seen kept', async () => {
    const store = await open(await url());
    const first = await store.upsert(makeArticle({ id: 'grain', paragraphs: ['Exports fell.'] }));
    const again = await store.upsert(makeArticle({ id: 'grain', paragraphs: ['Exports fell.'] }));
    expect(again.outcome).toBe('unchanged');
    expect(again.article).toEqual(first.article);
    const edited = await store.upsert(
      makeArticle({ id: 'grain', paragraphs: ['Exports fell by 38 percent.'] }),
    );
    expect(edited.outcome).toBe('updated');
    expect(edited.article.version).toBe(2);
    expect(edited.article.firstSeenAt).toBe(first.article.firstSeenAt);
    expect(edited.article.updatedAt > first.article.updatedAt).toBe(true);
    expect(await store.get('grain')).toEqual(edited.article);
    expect(store.count()).toBe(1);
  });

  it('GIVEN five edits of one article at once THEN no version is lost', async () => {
    const store = await open(await url());
    const edits = Array.from({ length: 5 }, (_, i) =>
      makeArticle({ id: 'live', paragraphs: [`Update ${i}.`] }),
    );
    const results = await Promise.all(edits.map((edit) => store.upsert(edit)));
    expect(results.map((result) => result.article.version)).toEqual([1, 2, 3, 4, 5]);
    expect((await store.get('live'))?.version).toBe(5);
  });

  it('GIVEN upserts still under way THEN close lets them finish and they are all there on reopen', async () => {
    const pool = createKeyvPool();
    const store = await openArticleStore({ url: await url(), pool });
    const writes = Array.from({ length: 20 }, (_, i) => store.upsert(makeArticle({ id: `late-${i}` })));
    await store.close();
    expect((await Promise.all(writes)).every((write) => write.outcome === 'new')).toBe(true);
    const reopened = await open(await url(), { pool });
    expect(reopened.count()).toBe(20);
    await pool.closeAll();
  });

  it('GIVEN articles from several days THEN latest and between list them newest first within bounds', async () => {
    const store = await open(await url());
    for (const day of [3, 1, 5, 2, 4]) {
      await store.upsert(makeArticle({ id: `day-${day}`, publishedAt: `2024-03-0${day}T12:00:00.000Z` }));
    }
    expect((await store.latest(3)).map((a) => a.id)).toEqual(['day-5', 'day-4', 'day-3']);
    expect(await store.latest(0)).toEqual([]);
    const window = await store.between(new Date('2024-03-02T12:00:00Z'), new Date('2024-03-04T12:00:00Z'));
    expect(window.map((a) => a.id)).toEqual(['day-3', 'day-2']);
    const limited = await store.between(new Date('2024-01-01'), new Date('2025-01-01'), 2);
    expect(limited.map((a) => a.id)).toEqual(['day-5', 'day-4']);
    expect(await store.between(new Date('2025-01-01'), new Date('2026-01-01'))).toEqual([]);
  });

  it('GIVEN the sample articles THEN search finds them by title prefix and by a question', async () => {
    const store = await open(await url());
    for (const article of sampleArticles()) await store.upsert(article);
    expect(store.search('karab', 25)[0]?.id).toBe('000_5330609adfd73756');
    expect(store.search('How many people live in the blockaded region?', 1)[0]?.id).toBe(
      '000_5330609adfd73756',
    );
    expect(store.search('', 25)).toHaveLength(sampleArticles().length);
  });
});

describe.each([
  ['a SQLite file', sqliteUrl],
  ['a real Redis server', redisUrl],
  ['a real PostgreSQL server', postgresUrl],
])('ArticleStore on %s shared by processes', (_name, sharedUrl) => {
  it('GIVEN a reopened store THEN the index is rebuilt from the catalogue, with the latest versions', async () => {
    const url = await sharedUrl();
    const first = await open(url);
    for (const article of sampleArticles()) await first.upsert(article);
    await first.upsert(
      makeArticle({ id: '001_tram_line_vote', title: 'Tram line to the airport is cancelled' }),
    );
    await first.close();
    const reopened = await open(url);
    expect(reopened.count()).toBe(sampleArticles().length);
    expect(reopened.search('cancelled', 5).map((hit) => hit.id)).toEqual(['001_tram_line_vote']);
    expect(reopened.search('Harbor City council approves', 5).map((hit) => hit.id)).not.toContain(
      '001_tram_line_vote',
    );
    expect((await reopened.get('001_tram_line_vote'))?.version).toBe(2);
    expect((await reopened.latest(1))[0]?.id).toBe('006_injection_attempt');
  });

  it("GIVEN another process storing articles THEN refresh() brings them into this one's search", async () => {
    const url = await sharedUrl();
    const bot = await open(url);
    const ingester = await open(url);
    const [first, second] = sampleArticles();
    if (!first || !second) throw new Error('samples missing');
    // The writer batches its change log for a few milliseconds: poll, as the bot's timer does.
    const eventually = (check: () => void) =>
      vi.waitFor(async () => {
        await bot.refresh();
        check();
      });
    await ingester.upsert(first);
    expect(bot.search(first.title, 1)).toEqual([]);
    await eventually(() => expect(bot.search(first.title, 1)[0]?.id).toBe(first.id));
    await ingester.upsert(second);
    await ingester.upsert(makeArticle({ id: first.id, title: 'A corrected title' }));
    await eventually(() => {
      expect(bot.count()).toBe(2);
      expect(bot.search('corrected', 1)[0]?.id).toBe(first.id);
    });
    expect(await bot.refresh()).toBe(0);
  });
});

describe('ArticleStore on a SQLite file across restarts', () => {
  it('GIVEN a catalogue entry lost (crash between writes) THEN re-ingesting the unchanged article restores it', async () => {
    const url = sqliteUrl();
    const pool = createKeyvPool();
    const store = await openArticleStore({ url, pool });
    const article = makeArticle({ id: 'vaccine', title: 'Nasal vaccine trial begins' });
    await store.upsert(article);
    await (await pool.open(url, { namespace: 'catalogue' })).delete('vaccine');
    await store.close();
    const reopened = await open(url);
    expect(reopened.search('nasal', 5)).toEqual([]);
    expect((await reopened.upsert(article)).outcome).toBe('unchanged');
    expect(reopened.search('nasal', 5).map((hit) => hit.id)).toEqual(['vaccine']);
    await pool.closeAll();
  });

  it('GIVEN a malformed catalogue entry THEN start-up skips it and serves the rest', async () => {
    const url = sqliteUrl();
    const store = await open(url);
    await store.upsert(makeArticle({ id: 'good', title: 'A good entry' }));
    await store.close();
    const catalogue = await openKeyv(url, { namespace: 'catalogue' });
    await catalogue.set('broken', { id: 42, title: null });
    await catalogue.disconnect();
    const reopened = await open(url);
    expect(reopened.count()).toBe(1);
    expect(reopened.search('good', 5).map((hit) => hit.id)).toEqual(['good']);
  });

  it('GIVEN garbage in the store file THEN a clear error naming STORE_URL, and the file is unchanged', async () => {
    const file = path.join(folder, 'newsdesk.sqlite');
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256));
    await fs.writeFile(file, garbage);
    const error = await openArticleStore({ url: `sqlite://${file}` }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).message).toMatch(/STORE_URL=sqlite:.*newsdesk\.sqlite/);
    expect(await fs.readFile(file)).toEqual(garbage);
  });

  it('GIVEN another process holding the write lock THEN upsert fails clearly, loses nothing, and works after', async () => {
    const url = sqliteUrl();
    const store = await open(url, { busyTimeoutMs: 200 });
    const kept = (await store.upsert(makeArticle({ id: 'kept', title: 'Stored before the lock' }))).article;
    const lock = await holdExclusiveLock(url.slice('sqlite://'.length));
    const error = await store.upsert(makeArticle({ id: 'late' })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).code).toBe('store-locked');
    expect(store.search('late', 5)).toEqual([]);
    await lock.release();
    expect((await store.upsert(makeArticle({ id: 'late' }))).outcome).toBe('new');
    expect(await store.get('kept')).toEqual(kept);
    expect(store.count()).toBe(2);
  });
});
