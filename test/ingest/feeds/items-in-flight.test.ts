import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article, ArticleStore } from '../../../src/articles/article.ts';
import { pollFeed } from '../../../src/ingest/feeds/poller.ts';
import { type FixtureServer, startFixtureServer } from './fixture-server.ts';
import { feed, type Harness, openHarness, tempSqliteUrl } from './harness.ts';

/** A JSON Feed of `count` full-text items (no page to fetch), in wordings of its own. */
function bigFeed(origin: string, count: number): string {
  const items = Array.from({ length: count }, (_, i) => ({
    id: `${origin}/notices/${i}`,
    url: `${origin}/notices/${i}`,
    title: `Allotment notice ${i}: plot ${i} changes hands`,
    content_text: `The allotment society reassigned plot ${i} on Saturday.\n\nThe waiting list now has ${i + 3} names on it.`,
    date_published: new Date(Date.UTC(2025, 5, 1) + i * 60_000).toISOString(),
  }));
  return JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Allotment Post', items });
}

/** The real store, tracking how many upserts run at once; `failOn` makes that item's upsert fail. */
function watched(store: ArticleStore, failOn?: string) {
  const seen = { most: 0, running: 0, settledAfterFailure: 0, failed: false };
  const upsert = async (article: Article) => {
    seen.running++;
    seen.most = Math.max(seen.most, seen.running);
    try {
      if (article.title.startsWith(`${failOn}:`)) {
        seen.failed = true;
        throw new Error('disk I/O error');
      }
      return await store.upsert(article);
    } finally {
      seen.running--;
      if (seen.failed) seen.settledAfterFailure++;
    }
  };
  return { seen, store: Object.assign(Object.create(store) as ArticleStore, { upsert }) };
}

let server: FixtureServer;
let harness: Harness;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  server = await startFixtureServer();
  server.route('/feeds/notices.json', (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/feed+json' }).end(bigFeed(server.origin, 300));
  });
  const sqlite = await tempSqliteUrl();
  cleanup = sqlite.cleanup;
  harness = await openHarness({ url: sqlite.url });
});
afterEach(async () => {
  await harness.close();
  await server.close();
  await cleanup();
});

describe('a feed poll stores its items several at a time', () => {
  it('GIVEN a feed of 300 new items THEN their upserts overlap (sharing SQLite transactions) and every item is stored and counted', async () => {
    const { seen, store } = watched(harness.deps.store);
    const result = await pollFeed(feed(server.url('/feeds/notices.json')), { ...harness.deps, store });
    expect(result).toMatchObject({ outcome: 'stored', counts: { new: 300, failed: 0 } });
    expect(harness.store.count()).toBe(300);
    expect(seen.most).toBeGreaterThan(1);
    expect(seen.most).toBeLessThanOrEqual(32);
    // A second poll finds every item remembered: nothing is read or written again.
    const again = await pollFeed(feed(server.url('/feeds/notices.json')), { ...harness.deps, store });
    expect(again).toMatchObject({ counts: { new: 0 } });
  });

  it('GIVEN the store fails on one item THEN the poll fails with that error, after every upsert it started has ended', async () => {
    const { seen, store } = watched(harness.deps.store, 'Allotment notice 40');
    await expect(
      pollFeed(feed(server.url('/feeds/notices.json')), { ...harness.deps, store }),
    ).rejects.toThrow('disk I/O error');
    expect(seen.running).toBe(0);
    // The items stored before the failure stay stored.
    expect(harness.store.count()).toBeGreaterThanOrEqual(30);
  });
});
