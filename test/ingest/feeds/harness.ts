import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Article, ArticleStore } from '../../../src/articles/article.ts';
import { openArticleStore } from '../../../src/articles/store.ts';
import { silentLogger } from '../../../src/core/log.ts';
import type { FeedDefinition } from '../../../src/ingest/feeds/config.ts';
import type { FeedPollDeps } from '../../../src/ingest/feeds/poller.ts';
import { createFeedStateStore } from '../../../src/ingest/feeds/state.ts';
import { createPoliteFetcher, type PoliteFetcherOptions } from '../../../src/ingest/http.ts';
import { createKeyvPool, type KeyvPool, openKeyv } from '../../../src/store/keyv.ts';
import { type FixtureServer, serveFixture } from './fixture-server.ts';

export const START = new Date('2025-06-12T12:00:00Z');

/** The real store with every upsert counted, so a test can say "nothing was written". */
export interface CountingStore extends ArticleStore {
  readonly upserted: Article[];
}

function counting(store: ArticleStore): CountingStore {
  const upserted: Article[] = [];
  return Object.assign(Object.create(store) as ArticleStore, {
    upserted,
    upsert(article: Article) {
      upserted.push(article);
      return store.upsert(article);
    },
  });
}

export interface Harness {
  readonly deps: FeedPollDeps;
  readonly store: CountingStore;
  readonly pool: KeyvPool;
  readonly url: string;
  advance(ms: number): void;
  /** A new process on the same store: fresh fetcher, fresh article store instance, same data. */
  restart(): Promise<Harness>;
  close(): Promise<void>;
}

/** A real article store and feed state (memory:// or a SQLite file), a real fetcher, a hand-moved clock. */
export async function openHarness(
  options: { url?: string; pool?: KeyvPool; clock?: { now: Date }; fetcher?: PoliteFetcherOptions } = {},
): Promise<Harness> {
  const pool = options.pool ?? createKeyvPool();
  const url = options.url ?? 'memory://';
  const clock = options.clock ?? { now: START };
  const now = () => clock.now;
  const store = counting(await openArticleStore({ url, pool, now }));
  const state = createFeedStateStore(await openKeyv(url, { namespace: 'feeds', pool }));
  const deps: FeedPollDeps = {
    store,
    state,
    fetcher: createPoliteFetcher(options.fetcher),
    now,
    logger: silentLogger,
  };
  return {
    deps,
    store,
    pool,
    url,
    advance: (ms) => {
      clock.now = new Date(clock.now.getTime() + ms);
    },
    restart: async () => {
      await store.close();
      return openHarness({ ...options, url, pool, clock });
    },
    close: () => pool.closeAll(),
  };
}

/** A SQLite file in a fresh temp folder, removed by the returned cleanup. */
export async function tempSqliteUrl(): Promise<{ url: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-feeds-'));
  return {
    url: `sqlite://${path.join(dir, 'store.sqlite')}`,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

export const feed = (url: string, extra: Partial<FeedDefinition> = {}): FeedDefinition => ({
  url,
  name: null,
  disclaimer: null,
  ...extra,
});

/** The fixture site: three feeds and the article pages their teasers link to. */
export function serveSite(target: FixtureServer): void {
  target.route('/feeds/rss.xml', serveFixture(target, 'feeds/rss.xml', 'application/rss+xml; charset=utf-8'));
  target.route('/feeds/atom.xml', serveFixture(target, 'feeds/atom.xml', 'application/atom+xml'));
  target.route('/feeds/feed.json', serveFixture(target, 'feeds/feed.json', 'application/feed+json'));
  target.route(
    '/news/grain-exports',
    serveFixture(target, 'pages/grain-exports.html', 'text/html; charset=utf-8'),
  );
  target.route('/news/heatwave', serveFixture(target, 'pages/heatwave-1252.html', 'text/html'));
  target.route('/gazette/fish-market', serveFixture(target, 'pages/fish-market.html', 'text/html'));
  target.route('/valley/bridge-closure', serveFixture(target, 'pages/bridge-closure.html', 'text/html'));
}
