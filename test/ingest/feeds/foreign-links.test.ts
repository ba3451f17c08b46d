import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveArticle } from '../../../src/answer/resolve.ts';
import type { ArticleStore } from '../../../src/articles/article.ts';
import { openArticleStore } from '../../../src/articles/store.ts';
import { articleIdFromKey } from '../../../src/articles/url.ts';
import { silentLogger } from '../../../src/core/log.ts';
import type { FeedDefinition } from '../../../src/ingest/feeds/config.ts';
import { pollFeed } from '../../../src/ingest/feeds/poller.ts';
import { createFeedStateStore, type FeedStateStore } from '../../../src/ingest/feeds/state.ts';
import { createPoliteFetcher } from '../../../src/ingest/http.ts';
import { createKeyvPool, type KeyvPool, openKeyv } from '../../../src/store/keyv.ts';
import { type FixtureServer, startFixtureServer } from './fixture-server.ts';

/**
 * Ownership follows the link: the site's own feed (on one real local server) always files its story under the
 * story URL's id; a feed on another server linking there (hostile or an aggregator) gets an article of its own.
 */

const STORY = '/harbour/ferry-timetable-2027';

interface Item {
  readonly link: string;
  readonly body: string;
  readonly guid?: string;
}

function rss(title: string, items: readonly Item[]): string {
  const entries = items.map(
    (item) => `<item><title>Ferry timetable for 2027 published</title><link>${item.link}</link>
      <guid>${item.guid ?? item.link}</guid><pubDate>Tue, 01 Dec 2026 06:30:00 GMT</pubDate>
      <content:encoded><![CDATA[${item.body}]]></content:encoded></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel><title>${title}</title><link>http://example.invalid/</link><description>${title}</description>
  ${entries.join('\n')}</channel></rss>`;
}

const paragraphs = (lead: string) =>
  Array.from(
    { length: 4 },
    (_, n) =>
      `<p>${lead} (${n + 1}): the island ferry keeps its six daily crossings through the winter months.</p>`,
  ).join('');
const HARBOUR_TEXT = paragraphs('The harbour office confirmed');
const FORGED_TEXT = paragraphs('Crossings are cancelled, says a forged copy');
const TEASER = '<p>Ferry news, summarised.</p>';

describe('an item linking to another site is that feed’s own article', () => {
  let harbour: FixtureServer;
  let other: FixtureServer;
  let pool: KeyvPool;
  let store: ArticleStore;
  let state: FeedStateStore;

  beforeEach(async () => {
    [harbour, other] = await Promise.all([startFixtureServer(), startFixtureServer()]);
    pool = createKeyvPool();
    store = await openArticleStore({ url: 'memory://', pool });
    state = createFeedStateStore(await openKeyv('memory://', { namespace: 'feeds', pool }));
  });
  afterEach(async () => {
    await pool.closeAll();
    await Promise.all([harbour.close(), other.close()]);
  });

  function serveFeed(server: FixtureServer, path: string, title: string, items: () => readonly Item[]) {
    server.route(path, (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(title, items()));
    });
  }

  function poll(definition: Partial<FeedDefinition> & { url: string }) {
    // The two local servers stand for two public sites: the address guard is told it may reach both.
    const allowHosts = [new URL(harbour.origin).host, new URL(other.origin).host];
    const deps = {
      store,
      state,
      fetcher: createPoliteFetcher({ allowHosts }),
      now: () => new Date(),
      logger: silentLogger,
    };
    return pollFeed({ name: null, disclaimer: null, ...definition }, deps);
  }

  it('GIVEN a feed on another server that carries the harbour’s story URL with its own text, polled first THEN the harbour’s feed still stores its text under that URL and /summary of the URL answers with it', async () => {
    const storyUrl = harbour.url(STORY);
    serveFeed(other, '/wire.xml', 'Forged Wire', () => [{ link: storyUrl, body: FORGED_TEXT }]);
    serveFeed(harbour, '/news.xml', 'Harbour Office', () => [{ link: storyUrl, body: HARBOUR_TEXT }]);

    expect(await poll({ url: other.url('/wire.xml') })).toMatchObject({ counts: { new: 1 } });
    expect(await poll({ url: harbour.url('/news.xml') })).toMatchObject({ counts: { new: 1 } });

    const filed = await store.get(articleIdFromKey(storyUrl));
    expect(filed).toMatchObject({ source: 'Harbour Office', url: storyUrl, version: 1 });
    expect(filed?.paragraphs.join(' ')).toContain('harbour office confirmed');
    const summary = await resolveArticle(store, storyUrl);
    expect(summary.article.source).toBe('Harbour Office');
    expect(summary.article.paragraphs.join(' ')).not.toContain('forged');

    // Nothing is lost: the other feed's text is its own article, linking to the story it carried.
    const forged = (await store.latest(5)).find((article) => article.source === 'Forged Wire');
    expect(forged?.id).not.toBe(filed?.id);
    expect(forged?.paragraphs.join(' ')).toContain('forged copy');

    // And the other feed, polled again with a changed text, still cannot overwrite the harbour's article.
    serveFeed(other, '/wire.xml', 'Forged Wire', () => [
      { link: storyUrl, body: `${FORGED_TEXT}<p>More.</p>` },
    ]);
    await poll({ url: other.url('/wire.xml') });
    expect(await store.get(articleIdFromKey(storyUrl))).toEqual(filed);
  });

  it('GIVEN a feed that claims the harbour’s GUID for an item on its own site THEN the harbour’s item is still filed under its own URL', async () => {
    const storyUrl = harbour.url(STORY);
    const guid = 'tag:harbour.example,2026:ferry-timetable';
    serveFeed(other, '/wire.xml', 'Forged Wire', () => [
      { link: other.url('/copied-ferry-story'), body: FORGED_TEXT, guid },
    ]);
    serveFeed(harbour, '/news.xml', 'Harbour Office', () => [{ link: storyUrl, body: HARBOUR_TEXT, guid }]);
    await poll({ url: other.url('/wire.xml') });
    await poll({ url: harbour.url('/news.xml') });
    expect(await store.get(articleIdFromKey(storyUrl))).toMatchObject({ source: 'Harbour Office' });
  });

  it('GIVEN a page on another server whose rel=canonical names the harbour’s story THEN the page is kept under its own address and the harbour’s story is still its own', async () => {
    const storyUrl = harbour.url(STORY);
    other.route('/ferry-copy', (_request, response) => {
      response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          `<html><head><title>Ferry timetable</title><link rel="canonical" href="${storyUrl}"></head><body><article><h1>Ferry timetable</h1>${FORGED_TEXT}</article></body></html>`,
        );
    });
    serveFeed(other, '/wire.xml', 'Forged Wire', () => [{ link: other.url('/ferry-copy'), body: TEASER }]);
    serveFeed(harbour, '/news.xml', 'Harbour Office', () => [{ link: storyUrl, body: HARBOUR_TEXT }]);

    await poll({ url: other.url('/wire.xml') });
    const copy = await store.get(articleIdFromKey(other.url('/ferry-copy')));
    expect(copy?.url).toBe(other.url('/ferry-copy'));
    expect(copy?.paragraphs.join(' ')).toContain('forged copy');
    expect(await state.findId([storyUrl])).toBeNull();

    await poll({ url: harbour.url('/news.xml') });
    expect(await store.get(articleIdFromKey(storyUrl))).toMatchObject({ source: 'Harbour Office' });
    expect((await resolveArticle(store, storyUrl)).article.source).toBe('Harbour Office');
  });

  it('GIVEN an aggregator whose teasers link to the harbour’s page THEN it keeps storing and updating its own article from that page', async () => {
    const storyUrl = harbour.url(STORY);
    let text = HARBOUR_TEXT;
    harbour.route(STORY, (_request, response) => {
      response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          `<html><head><title>Ferry timetable</title></head><body><article>${text}</article></body></html>`,
        );
    });
    serveFeed(other, '/digest.xml', 'Ferry Digest', () => [{ link: storyUrl, body: TEASER }]);
    const aggregator = { url: other.url('/digest.xml') };

    const firstPoll = await poll(aggregator);
    expect(firstPoll, JSON.stringify(firstPoll)).toMatchObject({ counts: { new: 1, failed: 0 } });
    const [first] = await store.latest(1);
    expect(first).toMatchObject({ source: 'Ferry Digest', url: storyUrl });
    expect(first?.id).not.toBe(articleIdFromKey(storyUrl));

    text = HARBOUR_TEXT.replace('six daily', 'seven daily');
    serveFeed(other, '/digest.xml', 'Ferry Digest', () => [
      { link: storyUrl, body: `${TEASER}<p>Updated.</p>` },
    ]);
    expect(await poll(aggregator)).toMatchObject({ counts: { updated: 1 } });
    const again = first ? await store.get(first.id) : undefined;
    expect(again?.version).toBe(2);
    expect(again?.paragraphs.join(' ')).toContain('seven daily');
    expect(store.count()).toBe(1);
  });

  it('GIVEN the operator lists the story host for a feed served elsewhere THEN its items are filed under the story URL', async () => {
    const storyUrl = harbour.url(STORY);
    serveFeed(other, '/harbour-feed.xml', 'Harbour Office', () => [{ link: storyUrl, body: HARBOUR_TEXT }]);
    await poll({ url: other.url('/harbour-feed.xml'), hosts: [new URL(storyUrl).host] });
    expect(await store.get(articleIdFromKey(storyUrl))).toMatchObject({ source: 'Harbour Office' });
  });

  it('GIVEN an article an aggregator stored under the story URL’s id before this rule THEN it keeps that id and is updated there', async () => {
    const storyUrl = harbour.url(STORY);
    const feedUrl = other.url('/digest.xml');
    const legacyId = articleIdFromKey(storyUrl);
    serveFeed(other, '/digest.xml', 'Ferry Digest', () => [{ link: storyUrl, body: HARBOUR_TEXT }]);
    await state.putSeen(feedUrl, { [storyUrl]: { id: legacyId, fingerprint: 'from-an-older-version' } });

    await poll({ url: feedUrl });
    expect(await store.get(legacyId)).toMatchObject({ source: 'Ferry Digest', version: 1 });
    expect(store.count()).toBe(1);
  });
});
