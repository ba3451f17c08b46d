import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articleIdFromKey } from '../../../src/articles/url.ts';
import { pollFeed } from '../../../src/ingest/feeds/poller.ts';
import { FEED_BACKOFF_BASE_MS, FEED_DISABLE_AFTER_FAILURES } from '../../../src/ingest/feeds/state.ts';
import { type FixtureServer, serveFixture, startFixtureServer } from './fixture-server.ts';
import { feed, type Harness, openHarness, serveSite, tempSqliteUrl } from './harness.ts';

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

const idOf = (path: string) => articleIdFromKey(server.url(path));

describe('GIVEN a failing feed', () => {
  it('THEN a 500 backs off 5 minutes, then 10, and a poll in between is skipped', async () => {
    server.route('/down.xml', (_request, response) => void response.writeHead(500).end());
    const definition = feed(server.url('/down.xml'));
    const first = await pollFeed(definition, harness.deps);
    expect(first).toMatchObject({
      outcome: 'failed',
      error: `[GET] "${definition.url}": 500 Internal Server Error`,
    });
    expect(await harness.deps.state.getFeed(definition.url)).toMatchObject({
      consecutiveFailures: 1,
      retryAt: new Date(harness.deps.now().getTime() + FEED_BACKOFF_BASE_MS).toISOString(),
    });
    harness.advance(FEED_BACKOFF_BASE_MS - 1);
    expect(await pollFeed(definition, harness.deps)).toMatchObject({
      outcome: 'skipped',
      skipped: 'backing-off',
    });
    harness.advance(1);
    await pollFeed(definition, harness.deps);
    const state = await harness.deps.state.getFeed(definition.url);
    expect(state.consecutiveFailures).toBe(2);
    expect(Date.parse(state.retryAt ?? '') - harness.deps.now().getTime()).toBe(2 * FEED_BACKOFF_BASE_MS);
    expect(server.hits('/down.xml')).toHaveLength(2);
  });

  it('THEN repeated failures disable it with the reason kept, until a forced poll succeeds', async () => {
    let healthy = false;
    server.route('/flaky.xml', async (request, response) => {
      if (!healthy) return void response.writeHead(503).end();
      await serveFixture(server, 'feeds/atom.xml', 'application/atom+xml')(request, response);
    });
    const definition = feed(server.url('/flaky.xml'));
    for (let attempt = 0; attempt < FEED_DISABLE_AFTER_FAILURES; attempt++) {
      await pollFeed(definition, harness.deps);
      harness.advance(7 * 60 * 60_000);
    }
    const disabled = await harness.deps.state.getFeed(definition.url);
    expect(disabled.disabledReason).toBe(`[GET] "${definition.url}": 503 Service Unavailable`);
    expect(await pollFeed(definition, harness.deps)).toMatchObject({
      outcome: 'skipped',
      skipped: 'disabled',
    });
    healthy = true;
    expect(await pollFeed(definition, harness.deps, { force: true })).toMatchObject({ outcome: 'stored' });
    expect(await harness.deps.state.getFeed(definition.url)).toMatchObject({
      disabledReason: null,
      consecutiveFailures: 0,
    });
  });

  it('THEN malformed XML is a clear error and loses nothing stored before', async () => {
    let broken = false;
    server.route('/sometimes.xml', async (request, response) => {
      const fixture = broken ? 'feeds/malformed.xml' : 'feeds/rss.xml';
      await serveFixture(server, fixture, 'application/rss+xml', { etag: broken ? '"bad"' : '"good"' })(
        request,
        response,
      );
    });
    const definition = feed(server.url('/sometimes.xml'));
    await pollFeed(definition, harness.deps);
    broken = true;
    harness.advance(60 * 60_000);
    const result = await pollFeed(definition, harness.deps);
    expect(result.outcome).toBe('failed');
    expect(result.error).toMatch(new RegExp(`^"${definition.url}" is not a readable RSS, Atom or JSON feed`));
    expect(harness.store.count()).toBe(3);
    expect((await harness.deps.state.getFeed(definition.url)).validators.etag).toBe('"good"');
  });

  it('THEN an item whose page is down is skipped, the rest stored, and it is retried next poll', async () => {
    server.route('/news/grain-exports', (_request, response) => void response.writeHead(503).end());
    const definition = feed(server.url('/feeds/rss.xml'));
    const first = await pollFeed(definition, harness.deps);
    expect(first.counts).toMatchObject({ new: 2, failed: 1 });
    expect(first.itemFailures[0]?.reason).toMatch(/503 Service Unavailable/);
    serveSite(server);
    const second = await pollFeed(definition, harness.deps);
    expect(second.counts).toEqual({ new: 1, updated: 0, unchanged: 2, failed: 0 });
  });

  it('THEN an item whose page is gone for good keeps the text the feed gave', async () => {
    server.route('/news/grain-exports', (_request, response) => void response.writeHead(404).end());
    const result = await pollFeed(feed(server.url('/feeds/rss.xml')), harness.deps);
    expect(result.counts).toMatchObject({ new: 3, failed: 0 });
    const grain = await harness.store.get(idOf('/news/grain-exports'));
    expect(grain?.paragraphs[0]).toMatch(/^Exports of wheat and barley rose sharply this season/);
  });
});

describe('GIVEN Cache-Control max-age', () => {
  it('THEN the feed is not asked again before it expires', async () => {
    server.route(
      '/cached.json',
      serveFixture(server, 'feeds/feed.json', 'application/feed+json', { 'cache-control': 'max-age=1800' }),
    );
    const definition = feed(server.url('/cached.json'));
    await pollFeed(definition, harness.deps);
    harness.advance(10 * 60_000);
    expect(await pollFeed(definition, harness.deps)).toMatchObject({ outcome: 'skipped', skipped: 'fresh' });
    harness.advance(20 * 60_000);
    expect((await pollFeed(definition, harness.deps)).outcome).toBe('stored');
    expect(server.hits('/cached.json')).toHaveLength(2);
  });
});

describe('GIVEN a 10,000-item feed', () => {
  it('THEN stores every item once, and a second poll stores nothing', async () => {
    const items = Array.from({ length: 10_000 }, (_, index) => ({
      id: `bulk-${index}`,
      url: server.url(`/bulk/${index}`),
      title: `Bulk story number ${index}`,
      content_html:
        `<p>Story ${index} opens with a sentence long enough to be a paragraph of a real article.</p>`.repeat(
          6,
        ),
      date_published: new Date(Date.UTC(2025, 0, 1) + index * 60_000).toISOString(),
    }));
    const body = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Bulk', items });
    server.route(
      '/bulk.json',
      (_request, response) =>
        void response.writeHead(200, { 'content-type': 'application/feed+json' }).end(body),
    );
    const definition = feed(server.url('/bulk.json'));
    const first = await pollFeed(definition, harness.deps);
    expect(first.itemFailures.slice(0, 1)).toEqual([]);
    expect(first.counts).toEqual({ new: 10_000, updated: 0, unchanged: 0, failed: 0 });
    expect(harness.store.count()).toBe(10_000);
    harness.store.upserted.length = 0;
    const second = await pollFeed(definition, harness.deps);
    expect(second.counts.unchanged).toBe(10_000);
    expect(harness.store.upserted).toHaveLength(0);
  }, 90_000); // 10,000 parses and writes: seconds on an idle core, more on a busy CI machine
});

describe('GIVEN a SQLite store', () => {
  it('THEN feeds, validators and articles survive a restart', async () => {
    const sqlite = await tempSqliteUrl();
    const first = await openHarness({ url: sqlite.url });
    try {
      server.route(
        '/etag.json',
        serveFixture(server, 'feeds/feed.json', 'application/feed+json', { etag: '"j1"' }),
      );
      await pollFeed(feed(server.url('/etag.json')), first.deps);
      await first.close();
      const second = await openHarness({ url: sqlite.url });
      second.advance(60 * 60_000);
      await pollFeed(feed(server.url('/etag.json')), second.deps);
      expect(server.hits('/etag.json')[1]?.headers['if-none-match']).toBe('"j1"');
      expect(second.store.count()).toBe(2);
      await second.close();
    } finally {
      await sqlite.cleanup();
    }
  });
});
