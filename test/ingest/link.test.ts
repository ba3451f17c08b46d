import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../src/articles/article.ts';
import { openArticleStore } from '../../src/articles/store.ts';
import { articleIdFromKey } from '../../src/articles/url.ts';
import { silentLogger } from '../../src/core/log.ts';
import { DIGEST_MAX_WINDOW_MS, digestWindow } from '../../src/digest/compose.ts';
import type { FeedDefinition } from '../../src/ingest/feeds/config.ts';
import { pollFeed } from '../../src/ingest/feeds/poller.ts';
import { createFeedStateStore } from '../../src/ingest/feeds/state.ts';
import { createPoliteFetcher } from '../../src/ingest/http.ts';
import { createLinkIngest, type LinkIngest } from '../../src/ingest/link.ts';
import { ingestArticlePage } from '../../src/ingest/web/ingest-page.ts';
import { createKeyvPool, type KeyvPool, openKeyv } from '../../src/store/keyv.ts';
import { type FixtureServer, startFixtureServer } from './feeds/fixture-server.ts';
import { recordingResolver } from './feeds/internal-service.ts';

/**
 * One link a member pointed "Summarize article" at, on a configured feed's site: fetched as that feed's content,
 * stored under the id the feed would give it, with the feed's name and disclaimer. Names ending in .test are made
 * up (recordingResolver maps them to 127.0.0.1, the fixture server) and allowed through FETCH_ALLOW_HOSTS.
 */

const PARAGRAPHS = [
  'The lighthouse on Gull Point was relit on Friday after a year of repairs to its lantern room and gallery.',
  'Volunteers raised most of the money through a summer fair, the harbour trust said in a short statement.',
  'The light will run every night from dusk, and the keeper’s cottage opens to visitors in the spring.',
];
const page = (title: string, canonical = '') =>
  `<!doctype html><html lang="en"><head><title>${title}</title>${canonical && `<link rel="canonical" href="${canonical}">`}</head><body><article><h1>${title}</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;

let site: FixtureServer;
let pool: KeyvPool;
let store: ArticleStore;
let feed: FeedDefinition;

beforeEach(async () => {
  site = await startFixtureServer();
  pool = createKeyvPool();
  store = await openArticleStore({ url: 'memory://', pool });
  const port = new URL(site.origin).port;
  feed = {
    url: site.url('/feed.json'),
    name: 'Gull Point Gazette',
    disclaimer: 'The Gazette’s own words.',
    hosts: [`stories.test:${port}`],
  };
  const serve = (body: string) => (_q: unknown, response: import('node:http').ServerResponse) =>
    void response.writeHead(200, { 'content-type': 'text/html' }).end(body);
  site.route('/lighthouse', serve(page('Gull Point lighthouse relit')));
  site.route('/share/lh', serve(page('Gull Point lighthouse relit', site.url('/news/lighthouse'))));
  site.route('/moved', (_q, response) => {
    response.writeHead(301, { location: `http://elsewhere.test:${port}/lighthouse` }).end();
  });
});
afterEach(async () => {
  await store.close();
  await pool.closeAll();
  await site.close();
});

async function links(): Promise<LinkIngest> {
  const port = new URL(site.origin).port;
  const fetcher = createPoliteFetcher({
    resolver: recordingResolver({ 'stories.test': '127.0.0.1', 'elsewhere.test': '127.0.0.1' }),
    allowHosts: [`stories.test:${port}`, `elsewhere.test:${port}`],
  });
  const feedState = await openKeyv('memory://', { namespace: 'feeds', pool });
  return createLinkIngest({ store, feedState, feeds: [feed], fetcher });
}

describe('a linked article from a configured source', () => {
  it('GIVEN a link on a host the feed speaks for THEN stored with the feed’s name and disclaimer', async () => {
    const link = `http://stories.test:${new URL(site.origin).port}/lighthouse`;
    const result = await (await links()).ingest(link);
    expect(result).toMatchObject({ ok: true, article: { id: articleIdFromKey(link) } });
    const stored = await store.get(articleIdFromKey(link));
    expect(stored).toMatchObject({
      title: 'Gull Point lighthouse relit',
      source: 'Gull Point Gazette',
      disclaimer: 'The Gazette’s own words.',
    });
  });

  it('GIVEN two members on one new link WHEN the first one’s request is aborted THEN the second still gets the article', async () => {
    site.route('/slowish', (_q, response) => {
      setTimeout(
        () => response.writeHead(200, { 'content-type': 'text/html' }).end(page('Slow lighthouse')),
        300,
      );
    });
    const ingest = await links();
    const first = new AbortController();
    const firstResult = ingest.ingest(site.url('/slowish'), first.signal);
    const second = ingest.ingest(site.url('/slowish'), new AbortController().signal);
    setTimeout(() => first.abort(), 50);
    await expect(firstResult).rejects.toMatchObject({ name: 'AbortError' });
    await expect(second).resolves.toMatchObject({ ok: true });
    expect(site.hits('/slowish')).toHaveLength(1);
  });

  it('GIVEN an undated page a member pointed at THEN it is stored but never in a digest window as new', async () => {
    const before = Date.now();
    const result = await (await links()).ingest(site.url('/lighthouse'));
    expect(result.ok).toBe(true);
    const stored = result.ok ? await store.get(result.article.id) : undefined;
    const window = digestWindow({ lastPost: null }, new Date());
    expect(Date.parse(stored?.publishedAt ?? '')).toBeLessThan(window.from.getTime());
    expect(Date.parse(stored?.publishedAt ?? '')).toBeLessThan(before - DIGEST_MAX_WINDOW_MS);
    expect(await store.between(window.from, window.to, 10)).toEqual([]);
  });

  it('GIVEN a source link that redirects to another site THEN refused as off-site and nothing stored', async () => {
    const result = await (await links()).ingest(site.url('/moved'));
    expect(result).toMatchObject({ ok: false, reason: 'off-site' });
    expect(store.count()).toBe(0);
  });

  it('GIVEN a link on no configured site THEN refused without a request', async () => {
    const before = site.requests.length;
    const result = await (await links()).ingest('http://unlisted.test/lighthouse');
    expect(result).toMatchObject({ ok: false, reason: 'not-a-source' });
    expect(site.requests.length).toBe(before);
  });

  it('GIVEN five members on the same new link at once THEN one fetch, one article', async () => {
    const ingest = await links();
    const link = site.url('/lighthouse');
    const results = await Promise.all(Array.from({ length: 5 }, () => ingest.ingest(link)));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(site.hits('/lighthouse')).toHaveLength(1);
    expect(store.count()).toBe(1);
  });

  it('GIVEN a shared link stored THEN the feed’s later item for its canonical URL is the same article', async () => {
    const ingest = await links();
    const link = site.url('/share/lh');
    const first = await ingest.ingest(link);
    if (!first.ok) throw new Error(first.detail);
    expect(await ingest.knownId(`${link}?utm_source=chat`)).toBe(first.article.id);
    site.route('/feed.json', (_q, response) => {
      const item = {
        id: 'lh-1',
        url: link,
        title: 'Gull Point lighthouse relit',
        content_text: PARAGRAPHS.join('\n\n'),
      };
      response.writeHead(200, { 'content-type': 'application/feed+json' });
      response.end(
        JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Gazette', items: [item] }),
      );
    });
    const state = createFeedStateStore(await openKeyv('memory://', { namespace: 'feeds', pool }));
    const deps = {
      store,
      state,
      fetcher: createPoliteFetcher(),
      now: () => new Date(),
      logger: silentLogger,
    };
    await pollFeed(feed, deps, { force: true });
    expect(store.count()).toBe(1);
    expect((await store.get(first.article.id))?.title).toBe('Gull Point lighthouse relit');
  });
});

describe('a linked page stored once, however it was fetched', () => {
  it('GIVEN a short link WHEN a member’s Summarize and the operator’s ingest fetch it before either filed it THEN one article', async () => {
    site.route('/s/lh', (_q, r) => void r.writeHead(301, { location: site.url('/news/lighthouse') }).end());
    site.route(
      '/news/lighthouse',
      (_q, r) =>
        void r.writeHead(200, { 'content-type': 'text/html' }).end(page('Gull Point lighthouse relit')),
    );
    const member = await (await links()).ingest(site.url('/s/lh'));
    // Another process: its own view of the alias table, which has not seen the member's fetch yet.
    const elsewhere = createFeedStateStore(await openKeyv('memory://', { namespace: 'feeds-b', pool }));
    const fetcher = createPoliteFetcher({ allowHosts: [new URL(site.origin).host] });
    const operator = await ingestArticlePage(site.url('/s/lh'), {
      store,
      state: elsewhere,
      fetcher,
      now: () => new Date(),
    });
    expect(member.ok && operator.ok).toBe(true);
    expect(store.count()).toBe(1);
    expect(operator.ok && operator.article.id).toBe(member.ok && member.article.id);
  });
});
