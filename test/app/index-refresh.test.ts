import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type IndexRefresher,
  refreshIndexEvery,
  STORE_REFRESH_INTERVAL_MS,
} from '../../src/app/index-refresh.ts';
import type { ArticleStore } from '../../src/articles/article.ts';
import { openArticleStore } from '../../src/articles/store.ts';
import { silentLogger } from '../../src/core/log.ts';
import { sampleArticle } from '../support/articles.ts';

/** Two shards on one SQLite file, each with its own connections and in-memory index. */
describe('search across shards', () => {
  let dir: string;
  let stores: ArticleStore[];
  let refresher: IndexRefresher | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-refresh-'));
    const url = `sqlite://${path.join(dir, 'store.sqlite')}`;
    stores = [await openArticleStore({ url }), await openArticleStore({ url })];
  });
  afterEach(async () => {
    await refresher?.stop();
    await Promise.all(stores.map((store) => store.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN an article ingested by one shard THEN the other finds it by search within STORE_REFRESH_INTERVAL_MS', async () => {
    const [ingesting, searching] = stores as [ArticleStore, ArticleStore];
    refresher = refreshIndexEvery(searching, silentLogger);
    const article = await sampleArticle('001_tram_line_vote.txt');
    const found = () => searching.search('tram line vote', 5).some((hit) => hit.id === article.id);
    expect(found()).toBe(false);
    const stored = Date.now();
    await ingesting.upsert(article);
    while (!found() && Date.now() - stored < 3 * STORE_REFRESH_INTERVAL_MS) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(found()).toBe(true);
    // The change log flushes within 50 ms, then the next refresh picks it up (slack for a loaded test machine).
    expect(Date.now() - stored).toBeLessThanOrEqual(STORE_REFRESH_INTERVAL_MS + 1_000);
  });

  it('GIVEN a refresh slower than the interval THEN refreshes never overlap', async () => {
    let running = 0;
    let most = 0;
    const slow = {
      refresh: async () => {
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 60));
        running--;
        return 0;
      },
    };
    refresher = refreshIndexEvery(slow, silentLogger, 10);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(most).toBe(1);
  });

  /** A logger that keeps its warnings, to see what ran after the store closed. */
  function recordingLogger() {
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(line) });
    return { logger, warnings };
  }

  /** The real store, its refresh held back (a slow read: a lock held by another process) until `release`. */
  function gated(store: ArticleStore) {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = () => {};
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const done = { refreshed: false };
    const slow = {
      refresh: async () => {
        started();
        await gate;
        const picked = await store.refresh();
        done.refreshed = true;
        return picked;
      },
    };
    return { slow, running, release, done };
  }

  it('GIVEN a refresh running on a slow store read THEN stop resolves only after it finishes, and nothing runs on the closed store', async () => {
    const store = stores[1] as ArticleStore;
    const { logger, warnings } = recordingLogger();
    const { slow, running, release, done } = gated(store);
    const stopping = refreshIndexEvery(slow, logger, 10);
    await running;
    let stopped = false;
    const stop = (async () => {
      await stopping.stop();
      stopped = true;
    })();
    await sleep(50);
    expect(stopped).toBe(false);
    release();
    await stop;
    expect(done.refreshed).toBe(true);
    await store.close();
    await sleep(50);
    expect(warnings).toEqual([]);
  });

  it('GIVEN a refresh that never finishes THEN stop gives up after its bound and says so', async () => {
    const { logger, warnings } = recordingLogger();
    const stuck = { refresh: () => new Promise<number>(() => {}) };
    const stopping = refreshIndexEvery(stuck, logger, 10, 100);
    await sleep(30);
    await stopping.stop();
    expect(warnings.join('\n')).toContain('still running');
  });
});
