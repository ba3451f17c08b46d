import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articleIdFromKey } from '../../../src/articles/url.ts';
import { SITE_DISCLAIMER } from '../../../src/core/config.ts';
import { Foreground } from '../../../src/core/foreground.ts';
import { pollFeed, pollFeeds } from '../../../src/ingest/feeds/poller.ts';
import { type FixtureServer, serveFixture, startFixtureServer } from './fixture-server.ts';
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

const idOf = (path: string) => articleIdFromKey(server.url(path));

describe('GIVEN an RSS 2.0 feed', () => {
  it('THEN stores full content:encoded items as they are, without the share widget', async () => {
    const result = await pollFeed(feed(server.url('/feeds/rss.xml')), harness.deps);
    expect(result).toMatchObject({ outcome: 'stored', title: 'City Herald', counts: { new: 3, failed: 0 } });
    const tram = await harness.store.get(idOf('/news/tram-line'));
    expect(tram).toMatchObject({
      title: 'Council approves tram line extension',
      url: server.url('/news/tram-line'),
      source: 'City Herald',
      publishedAt: '2025-06-10T04:00:00.000Z',
    });
    expect(tram?.paragraphs).toHaveLength(3);
    expect(tram?.paragraphs.join(' ')).not.toMatch(/Share this|Facebook/);
    expect(server.hits('/news/tram-line')).toHaveLength(0); // full content: no page fetch
  });

  it('THEN fetches the page behind a teaser and keeps only the article text, footer split off', async () => {
    await pollFeed(feed(server.url('/feeds/rss.xml')), harness.deps);
    const grain = await harness.store.get(idOf('/news/grain-exports'));
    expect(grain?.paragraphs).toEqual([
      expect.stringMatching(/^Exports of wheat and barley rose sharply/),
      expect.stringMatching(/^Shipments through the port of Odessa/),
      expect.stringMatching(/^Traders warned that prices could fall/),
      'Farmers cautious',
      expect.stringMatching(/^Farmers' associations welcomed the figures/),
    ]);
    expect(grain).toMatchObject({ category: 'Economy news', disclaimer: SITE_DISCLAIMER });
    const text = grain?.paragraphs.join('\n') ?? '';
    for (const furniture of [
      'Cheap flights',
      'Share on',
      'Related Articles',
      'Great news for the farmers',
      'Most read',
      'googletag',
      'newsletter',
      'Subscribe',
    ])
      expect(text).not.toContain(furniture);
    expect(grain?.url).toBe(server.url('/news/grain-exports')); // rel=canonical, utm and fragment stripped
  });

  it('THEN reads a windows-1252 page right and drops the fragment from its URL', async () => {
    await pollFeed(feed(server.url('/feeds/rss.xml')), harness.deps);
    const heat = await harness.store.get(idOf('/news/heatwave'));
    expect(heat?.url).toBe(server.url('/news/heatwave'));
    expect(heat?.title).toBe('Heatwave strains the power grid');
    expect(heat?.publishedAt).toBe('2025-06-12T15:00:00.000Z');
    expect(heat?.paragraphs.join('\n')).toContain('„Wir sind an der Grenze“');
    expect(heat?.paragraphs.join('\n')).toContain(
      'operator’s café near the Rhône plant said the “unprecedented” demand',
    );
  });
});

describe('GIVEN Atom and JSON feeds', () => {
  it('THEN stores Atom html content and extracts the page of a summary-only entry', async () => {
    const result = await pollFeed(feed(server.url('/feeds/atom.xml')), harness.deps);
    expect(result).toMatchObject({ title: 'Harbour Gazette', counts: { new: 2 } });
    const ferry = await harness.store.get(idOf('/gazette/ferry-service'));
    expect(ferry?.paragraphs[0]).toMatch(/^Ferries between the harbour and the islands resumed/);
    expect(ferry?.publishedAt).toBe('2025-06-12T07:00:00.000Z');
    const market = await harness.store.get(idOf('/gazette/fish-market'));
    expect(market?.paragraphs).toHaveLength(3);
    expect(market?.paragraphs.join(' ')).not.toMatch(/About time|Tweet|Weather/);
  });

  it('THEN stores JSON Feed content_text and fetches the page for a summary-only item', async () => {
    const result = await pollFeed(feed(server.url('/feeds/feed.json')), harness.deps);
    expect(result).toMatchObject({ title: 'Valley Times', counts: { new: 2 } });
    const library = await harness.store.get(idOf('/valley/library-reopens'));
    expect(library?.paragraphs).toHaveLength(3);
    const bridge = await harness.store.get(idOf('/valley/bridge-closure'));
    expect(bridge?.paragraphs[0]).toMatch(/^The old stone bridge over the river will stay closed/);
  });

  it('THEN uses the per-feed name and disclaimer when the page carries none', async () => {
    const definition = feed(server.url('/feeds/feed.json'), {
      name: 'The Valley',
      disclaimer: 'Valley wording.',
    });
    await pollFeed(definition, harness.deps);
    expect(await harness.store.get(idOf('/valley/library-reopens'))).toMatchObject({
      source: 'The Valley',
      disclaimer: 'Valley wording.',
    });
  });
});

describe('GIVEN a second poll', () => {
  function withValidators(target: FixtureServer) {
    target.route('/etag.xml', async (request, response) => {
      if (request.headers['if-none-match'] === '"rss-v1"') return void response.writeHead(304).end();
      await serveFixture(target, 'feeds/rss.xml', 'application/rss+xml', {
        etag: '"rss-v1"',
        'last-modified': 'Thu, 12 Jun 2025 10:00:00 GMT',
      })(request, response);
    });
  }

  it('THEN sends the stored validators, even after a restart, and a 304 stores nothing', async () => {
    withValidators(server);
    const definition = feed(server.url('/etag.xml'));
    await pollFeed(definition, harness.deps);
    const stored = harness.store.upserted.length;
    harness = await harness.restart();
    harness.advance(10 * 60_000);
    const second = await pollFeed(definition, harness.deps);
    expect(second.outcome).toBe('not-modified');
    const conditional = server.hits('/etag.xml')[1]?.headers;
    expect(conditional?.['if-none-match']).toBe('"rss-v1"');
    expect(conditional?.['if-modified-since']).toBe('Thu, 12 Jun 2025 10:00:00 GMT');
    expect(harness.store.upserted).toHaveLength(0);
    expect(stored).toBe(3);
    expect(server.hits('/news/grain-exports')).toHaveLength(1);
  });

  it('THEN unchanged items of a feed without validators are neither re-read nor stored', async () => {
    const definition = feed(server.url('/feeds/rss.xml'));
    await pollFeed(definition, harness.deps);
    harness.store.upserted.length = 0;
    const second = await pollFeed(definition, harness.deps);
    expect(second.counts).toEqual({ new: 0, updated: 0, unchanged: 3, failed: 0 });
    expect(harness.store.upserted).toHaveLength(0);
    expect(server.hits('/news/grain-exports')).toHaveLength(1);
  });

  it('THEN a changed item text is a new version of the same article', async () => {
    let version = 1;
    server.route('/changing.json', (_request, response) => {
      const item = {
        id: 'story-1',
        url: server.url('/story'),
        title: 'Story',
        content_text: `${'Body text. '.repeat(60)}Version ${version}.`,
      };
      response.writeHead(200, { 'content-type': 'application/feed+json' });
      response.end(
        JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Changes', items: [item] }),
      );
    });
    const definition = feed(server.url('/changing.json'));
    await pollFeed(definition, harness.deps);
    version = 2;
    const second = await pollFeed(definition, harness.deps);
    expect(second.counts).toMatchObject({ updated: 1, new: 0 });
    const story = await harness.store.get(idOf('/story'));
    expect(story?.version).toBe(2);
    expect(story?.paragraphs.at(-1)).toMatch(/Version 2\.$/);
  });
});

describe('GIVEN the same story in two feeds', () => {
  it('THEN stores it once, under one id', async () => {
    server.route('/other.json', (_request, response) => {
      const item = {
        id: 'other-77',
        url: `${server.url('/news/tram-line')}?utm_source=other#top`,
        title: 'Council approves tram line extension',
        content_html: '<p>A different feed, a different summary that is too short to be the article.</p>',
      };
      response.writeHead(200, { 'content-type': 'application/feed+json' });
      response.end(
        JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Other', items: [item] }),
      );
    });
    server.route('/news/tram-line', serveFixture(server, 'pages/bridge-closure.html', 'text/html'));
    const results = await pollFeeds(
      [feed(server.url('/feeds/rss.xml')), feed(server.url('/other.json'))],
      harness.deps,
    );
    expect(results.map((result) => result.outcome)).toEqual(['stored', 'stored']);
    const tramIds = harness.store.upserted
      .filter((a) => a.url === server.url('/news/tram-line'))
      .map((a) => a.id);
    expect(new Set(tramIds)).toEqual(new Set([idOf('/news/tram-line')]));
    expect(harness.store.count()).toBe(3);
  });
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
