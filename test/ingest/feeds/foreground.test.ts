import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Foreground } from '../../../src/core/foreground.ts';
import { pollFeed } from '../../../src/ingest/feeds/poller.ts';
import { type FixtureServer, startFixtureServer } from './fixture-server.ts';
import { feed, type Harness, openHarness, serveSite } from './harness.ts';

let server: FixtureServer;
let harness: Harness;

beforeEach(async () => {
  server = await startFixtureServer();
  serveSite(server);
  harness = await openHarness();
});
afterEach(async () => {
  await harness.close();
  await server.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('feed ingest gives way to interactions', () => {
  it('GIVEN a member waiting for a first response WHEN a feed is polled THEN no item is stored until the member is answered, then every one', async () => {
    // Another feed first, so that the parsing worker is up and the held poll reaches its items at once.
    await pollFeed(feed(server.url('/feeds/atom.xml')), harness.deps);
    const foreground = new Foreground(60_000);
    const answered = foreground.begin();
    const stored: string[] = [];
    const polled = pollFeed(feed(server.url('/feeds/rss.xml')), {
      ...harness.deps,
      foreground,
      onArticle: (article) => stored.push(article.id),
    });
    // Fetched, parsed, and then held: without the wait its full-text items are stored within milliseconds.
    while (server.hits('/feeds/rss.xml').length === 0) await sleep(10);
    await sleep(500);
    expect(stored).toEqual([]);
    answered();
    const result = await polled;
    expect(result).toMatchObject({ outcome: 'stored', counts: { new: 3, failed: 0 } });
    expect(stored).toHaveLength(3);
  });

  it('GIVEN members waiting without end (a bot never idle) THEN the feed is still stored, each item after a bounded wait', async () => {
    const foreground = new Foreground(100);
    foreground.begin();
    const started = Date.now();
    const result = await pollFeed(feed(server.url('/feeds/rss.xml')), { ...harness.deps, foreground });
    expect(result).toMatchObject({ outcome: 'stored', counts: { new: 3 } });
    // Three items, each waiting at most 100 ms.
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
