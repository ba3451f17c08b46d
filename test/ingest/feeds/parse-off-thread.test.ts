import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { FeedFormatError, parseFeedDocument, parseFeedOffThread } from '../../../src/ingest/feeds/parse.ts';
import { createIngestPool } from '../../../src/ingest/worker-pool.ts';
import { fixtureText } from './fixture-server.ts';

const ORIGIN = 'https://herald.example';
const pool = createIngestPool();
afterAll(() => pool.close());

function bigFeed(items: number): string {
  const entries = Array.from(
    { length: items },
    (_, index) =>
      `<item><title>Story ${index}</title><link>${ORIGIN}/s/${index}</link><guid>${ORIGIN}/s/${index}</guid>` +
      `<pubDate>Tue, 10 Jun 2025 08:00:00 GMT</pubDate><description>&lt;p&gt;The ferry board met about item ${index} ` +
      'and agreed a winter timetable for the island crossing.&lt;/p&gt;</description></item>',
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>${entries.join('')}</channel></rss>`;
}

describe('feed parsing in the ingest worker', () => {
  it('GIVEN the fixture feeds THEN the worker reads them exactly as the event loop would', async () => {
    for (const file of ['feeds/rss.xml', 'feeds/atom.xml', 'feeds/feed.json']) {
      const text = await fixtureText(file, ORIGIN);
      const url = `${ORIGIN}/${file}`;
      expect(await parseFeedOffThread(text, url, { pool })).toEqual(parseFeedDocument(text, url));
    }
  });

  it('GIVEN a document that is no feed THEN FeedFormatError with the reason, as before', async () => {
    const error = await parseFeedOffThread('<!doctype html><html><body>Hi</body></html>', `${ORIGIN}/`, {
      pool,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FeedFormatError);
    expect((error as Error).message).toMatch(/is not a readable RSS, Atom or JSON feed: ./);
  });

  it('GIVEN a 10,000-item feed THEN the event loop is held for less time than parsing it in place takes', async () => {
    const text = bigFeed(10_000);
    await parseFeedOffThread(bigFeed(1), `${ORIGIN}/warm.xml`, { pool }); // start-up is not parsing
    const started = performance.now();
    parseFeedDocument(text, `${ORIGIN}/big.xml`);
    const inPlaceMs = performance.now() - started;
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const feed = await parseFeedOffThread(text, `${ORIGIN}/big.xml`, { pool });
    delay.disable();
    expect(feed.items).toHaveLength(10_000);
    expect(delay.max / 1e6).toBeLessThan(inPlaceMs);
  });
});
