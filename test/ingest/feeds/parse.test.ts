import { describe, expect, it } from 'vitest';
import { FeedFormatError, parseFeedDocument } from '../../../src/ingest/feeds/parse.ts';
import { fixtureText } from './fixture-server.ts';

const ORIGIN = 'https://news.example';

describe('feed parsing', () => {
  it('GIVEN RSS 2.0 THEN maps GUID, link, dates (pubDate or dc:date) and prefers content:encoded', async () => {
    const feed = parseFeedDocument(await fixtureText('feeds/rss.xml', ORIGIN), `${ORIGIN}/feeds/rss.xml`);
    expect(feed).toMatchObject({ format: 'rss', title: 'City Herald' });
    expect(feed.items.map((item) => [item.guid, item.publishedAt])).toEqual([
      ['herald-1001', '2025-06-10T04:00:00.000Z'],
      ['herald-1002', '2025-06-11T09:30:00.000Z'],
      ['herald-1003', '2025-06-12T15:00:00.000Z'],
    ]);
    expect(feed.items[0]?.html).toContain('<p>The city council voted on Tuesday');
    expect(feed.items[1]?.html).toContain('Exports of wheat and barley rose sharply this season');
  });

  it('GIVEN Atom THEN reads the alternate link, published before updated, html content or a text summary', async () => {
    const feed = parseFeedDocument(await fixtureText('feeds/atom.xml', ORIGIN), `${ORIGIN}/feeds/atom.xml`);
    expect(feed).toMatchObject({ format: 'atom', title: 'Harbour Gazette' });
    expect(feed.items[0]).toMatchObject({
      guid: 'tag:harbour.example,2025:ferry-service',
      link: `${ORIGIN}/gazette/ferry-service`,
      publishedAt: '2025-06-12T07:00:00.000Z',
      text: null,
    });
    expect(feed.items[0]?.html).toMatch(/^<p>Ferries between/);
    expect(feed.items[1]).toMatchObject({ html: null, text: 'The market will open six days a week.' });
  });

  it('GIVEN JSON Feed THEN reads content_text, or the summary when there is no content', async () => {
    const feed = parseFeedDocument(await fixtureText('feeds/feed.json', ORIGIN), `${ORIGIN}/feeds/feed.json`);
    expect(feed).toMatchObject({ format: 'json', title: 'Valley Times' });
    expect(feed.items[0]?.text).toMatch(/^The town library reopened on Monday/);
    expect(feed.items[1]).toMatchObject({
      guid: 'valley-502',
      html: null,
      text: 'The old bridge is closed until Friday.',
    });
  });

  it('GIVEN relative item links THEN resolves them against the feed URL', () => {
    const rss =
      '<rss version="2.0"><channel><title>R</title><item><title>T</title><link>/a/b?x=1</link></item></channel></rss>';
    expect(parseFeedDocument(rss, `${ORIGIN}/feed/`).items[0]?.link).toBe(`${ORIGIN}/a/b?x=1`);
  });

  it('GIVEN malformed XML THEN throws an error naming the feed', async () => {
    const text = await fixtureText('feeds/malformed.xml', ORIGIN);
    expect(() => parseFeedDocument(text, `${ORIGIN}/broken.xml`)).toThrow(FeedFormatError);
    expect(() => parseFeedDocument(text, `${ORIGIN}/broken.xml`)).toThrow(
      `"${ORIGIN}/broken.xml" is not a readable RSS, Atom or JSON feed`,
    );
  });

  it('GIVEN an HTML page instead of a feed THEN says it is not a feed', () => {
    expect(() => parseFeedDocument('<!doctype html><html><body>Hi</body></html>', `${ORIGIN}/`)).toThrow(
      /not a readable RSS, Atom or JSON feed/,
    );
  });
});
