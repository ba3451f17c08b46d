import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Keyv } from 'keyv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/article.ts';
import { articleIdFromKey } from '../../src/articles/url.ts';
import { UserFacingError } from '../../src/core/errors.ts';
import { FEED_DISABLE_AFTER_FAILURES } from '../../src/ingest/feeds/state.ts';
import {
  feedStatus,
  formatFeedStatus,
  type Ingestion,
  type IngestionDeps,
  ingestSource,
  ingestUrls,
  startIngestion,
} from '../../src/ingest/sources.ts';
import { openKeyv } from '../../src/store/keyv.ts';
import { type FixtureServer, serveFixture, startFixtureServer } from './feeds/fixture-server.ts';
import { feed, type Harness, openHarness } from './feeds/harness.ts';

let server: FixtureServer;
let harness: Harness;
let feedState: Keyv;

beforeEach(async () => {
  server = await startFixtureServer();
  server.route('/feeds/rss.xml', serveFixture(server, 'feeds/rss.xml', 'application/rss+xml'));
  server.route('/feeds/feed.json', serveFixture(server, 'feeds/feed.json', 'application/feed+json'));
  server.route(
    '/news/grain-exports',
    serveFixture(server, 'pages/grain-exports.html', 'text/html; charset=utf-8'),
  );
  server.route('/news/heatwave', serveFixture(server, 'pages/heatwave-1252.html', 'text/html'));
  server.route('/valley/bridge-closure', serveFixture(server, 'pages/bridge-closure.html', 'text/html'));
  harness = await openHarness();
  feedState = await openKeyv(harness.url, { namespace: 'feeds', pool: harness.pool });
});
afterEach(async () => {
  await harness.close();
  await server.close();
});

const deps = (extra: Partial<IngestionDeps> = {}): IngestionDeps => ({
  store: harness.store,
  feedState,
  now: harness.deps.now,
  ...extra,
});

describe('ingestSource', () => {
  it('GIVEN an article URL THEN stores its main text under the id a feed item for that page gets', async () => {
    const result = await ingestSource(`${server.url('/news/grain-exports')}?utm_source=chat`, deps());
    expect(result).toMatchObject({ kind: 'article', new: 1, failed: [] });
    const id = articleIdFromKey(server.url('/news/grain-exports'));
    expect(await harness.store.get(id)).toMatchObject({
      title: 'Grain exports reach record high',
      source: 'City Herald',
    });
    const viaFeed = await ingestSource(server.url('/feeds/rss.xml'), deps());
    expect(viaFeed).toMatchObject({ kind: 'feed', new: 2, unchanged: 1 });
    expect(harness.store.count()).toBe(3);
  });

  it('GIVEN a feed item behind a short link THEN the page at its canonical URL is the same article', async () => {
    server.route('/short.json', (_request, response) => {
      const item = {
        id: 'short-1',
        url: server.url('/s/1'),
        title: 'Bridge closed for inspection',
        summary: 'Teaser.',
      };
      response.writeHead(200, { 'content-type': 'application/feed+json' });
      response.end(
        JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Short', items: [item] }),
      );
    });
    server.route(
      '/s/1',
      (_request, response) => void response.writeHead(301, { location: '/valley/bridge-closure' }).end(),
    );
    expect(await ingestSource(server.url('/short.json'), deps())).toMatchObject({ new: 1 });
    const direct = await ingestSource(server.url('/valley/bridge-closure'), deps());
    expect(direct).toMatchObject({ kind: 'article', new: 0, unchanged: 1 });
    expect(harness.store.count()).toBe(1);
  });

  it('GIVEN an unknown feed URL THEN reads it as a feed, and the next time asks conditionally', async () => {
    server.route(
      '/etag.json',
      serveFixture(server, 'feeds/feed.json', 'application/feed+json', { etag: '"v1"' }),
    );
    expect(await ingestSource(server.url('/etag.json'), deps())).toMatchObject({ kind: 'feed', new: 2 });
    const again = await ingestSource(server.url('/etag.json'), deps());
    expect(server.hits('/etag.json')[1]?.headers['if-none-match']).toBe('"v1"');
    expect(again).toMatchObject({ kind: 'feed', new: 0, unchanged: 2 });
  });

  it('GIVEN a URL that fails THEN reports it with the reason instead of throwing', async () => {
    server.route('/gone', (_request, response) => void response.writeHead(410).end());
    const result = await ingestSource(server.url('/gone'), deps());
    expect(result.failed).toEqual([
      { path: server.url('/gone'), reason: `[GET] "${server.url('/gone')}": 410 Gone` },
    ]);
  });

  it('GIVEN something that is not a URL THEN says so', async () => {
    await expect(ingestSource('articles/story.txt', deps())).rejects.toBeInstanceOf(UserFacingError);
  });

  it('GIVEN a dry run THEN reports every article and stores nothing, not even feed state', async () => {
    const seen: Article[] = [];
    const result = await ingestSource(
      server.url('/feeds/rss.xml'),
      deps({ dryRun: true, onArticle: (article) => seen.push(article) }),
    );
    expect(result).toMatchObject({ new: 3 });
    expect(seen.map((article) => article.title)).toContain('Grain exports reach record high');
    expect(harness.store.count()).toBe(0);
    expect(await feedStatus({ feedState })).toEqual([]);
  });

  it('GIVEN a dry run with no store opened (as `ingest --dry-run` does) THEN still parses the page', async () => {
    const seen: Article[] = [];
    const result = await ingestSource(server.url('/news/grain-exports'), {
      dryRun: true,
      onArticle: (article) => seen.push(article),
    });
    expect(result).toMatchObject({ kind: 'article', new: 1 });
    expect(seen[0]).toMatchObject({ title: 'Grain exports reach record high', category: 'Economy news' });
  });

  it('GIVEN several URLs THEN ingestUrls totals them in the CLI summary shape', async () => {
    server.route('/down.xml', (_request, response) => void response.writeHead(500).end());
    const failures: string[] = [];
    const outcome = await ingestUrls(
      [server.url('/feeds/feed.json'), server.url('/down.xml')],
      deps(),
      (failure) => failures.push(failure.path),
    );
    expect(outcome).toMatchObject({ new: 2, updated: 0, unchanged: 0, parsed: 2 });
    expect(failures).toEqual([server.url('/down.xml')]);
  });
});

describe('feedStatus', () => {
  it('GIVEN a healthy, a failing and a disabled feed THEN shows each with its reason', async () => {
    server.route('/down.xml', (_request, response) => void response.writeHead(502).end());
    server.route('/dead.xml', (_request, response) => void response.writeHead(404).end());
    const feeds = [
      feed(server.url('/feeds/feed.json')),
      feed(server.url('/down.xml')),
      feed(server.url('/dead.xml')),
    ];
    await ingestSource(server.url('/feeds/feed.json'), deps({ feeds }));
    await ingestSource(server.url('/down.xml'), deps({ feeds }));
    for (let attempt = 0; attempt < FEED_DISABLE_AFTER_FAILURES; attempt++) {
      await ingestSource(server.url('/dead.xml'), deps({ feeds }));
    }
    const rows = await feedStatus({ feedState, feeds, pollMinutes: 10, now: harness.deps.now });
    expect(rows.map((row) => [row.health, row.consecutiveFailures])).toEqual([
      ['ok', 0],
      ['failing', 1],
      ['disabled', FEED_DISABLE_AFTER_FAILURES],
    ]);
    expect(rows[0]).toMatchObject({
      title: 'Valley Times',
      itemCount: 2,
      nextPollAt: '2025-06-12T12:10:00.000Z',
    });
    const text = formatFeedStatus(rows);
    expect(text).toContain(`FAILING      ${server.url('/down.xml')}`);
    expect(text).toContain('502 Bad Gateway');
    expect(text).toContain(`disabled: \`npm run ingest -- ${server.url('/dead.xml')}\` re-enables it`);
  });
});

describe('startIngestion', () => {
  let dir: string;
  let ingestion: Ingestion | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-articles-'));
  });
  afterEach(async () => {
    await ingestion?.stop();
    ingestion = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN NEWS_FEEDS THEN polls at once and again every interval, conditionally', async () => {
    server.route(
      '/etag.json',
      serveFixture(server, 'feeds/feed.json', 'application/feed+json', { etag: '"v1"' }),
    );
    ingestion = startIngestion(deps({ feeds: [feed(server.url('/etag.json'))], pollMinutes: 0.002 }));
    await expect.poll(() => server.hits('/etag.json').length, { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
    expect(server.hits('/etag.json').at(-1)?.headers['if-none-match']).toBe('"v1"');
    expect(harness.store.upserted).toHaveLength(2);
  });

  it('GIVEN ARTICLES_DIR THEN a file dropped into it is stored within seconds', async () => {
    ingestion = startIngestion(deps({ articlesDir: dir, watchIntervalMs: 100 }));
    await writeFile(
      path.join(dir, 'tram_line_vote.txt'),
      'Tram line vote\n\nThe council voted on Tuesday.\n',
    );
    await expect.poll(() => harness.store.count(), { timeout: 5_000 }).toBe(1);
    expect(await harness.store.get('tram_line_vote')).toMatchObject({ title: 'Tram line vote' });
  });

  it('GIVEN a poll under way THEN stop() aborts it and returns promptly', async () => {
    server.route('/hang.xml', () => {});
    ingestion = startIngestion(deps({ feeds: [feed(server.url('/hang.xml'))], timeoutMs: 60_000 }));
    await expect.poll(() => server.hits('/hang.xml').length).toBe(1);
    const started = Date.now();
    await ingestion.stop();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(
      (await feedStatus({ feedState, feeds: [feed(server.url('/hang.xml'))] }))[0]?.consecutiveFailures,
    ).toBe(0);
  });
});
