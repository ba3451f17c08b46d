import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../src/articles/article.ts';
import { openArticleStore } from '../../src/articles/store.ts';
import { articleIdFromKey } from '../../src/articles/url.ts';
import { pollFeed } from '../../src/ingest/feeds/poller.ts';
import { createFeedStateStore } from '../../src/ingest/feeds/state.ts';
import { createPoliteFetcher } from '../../src/ingest/http.ts';
import { createKeyvPool, type KeyvPool, openKeyv } from '../../src/store/keyv.ts';
import { captureLogs } from '../discord/support/harness.ts';
import { type FixtureServer, startFixtureServer } from '../ingest/feeds/fixture-server.ts';

/** Two real feeds on one local server whose items share a link: the first feed's article must stay its own. */

const STORY = '/stories/canal-lock-repairs';

function rss(title: string, body: string, link: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel><title>${title}</title><link>${link}</link><description>${title}</description>
    <item>
      <title>Canal lock repairs finish early</title>
      <link>${link}${STORY}</link>
      <guid>${link}${STORY}</guid>
      <pubDate>Tue, 01 Dec 2026 07:00:00 GMT</pubDate>
      <content:encoded><![CDATA[${body}]]></content:encoded>
    </item>
  </channel>
</rss>`;
}

const ORIGINAL_BODY = Array.from(
  { length: 4 },
  (_, n) =>
    `<p>Paragraph ${n + 1}: the canal authority reopened the lower lock two weeks ahead of plan, and barges queued from dawn to pass it.</p>`,
).join('');
const COPY_BODY = Array.from(
  { length: 4 },
  (_, n) =>
    `<p>Part ${n + 1}: a rewritten account says the lock stays shut all winter and readers should follow the copycat wire's own link for news.</p>`,
).join('');

describe('an article belongs to the source that stored it', () => {
  let server: FixtureServer;
  let pool: KeyvPool;
  let store: ArticleStore;
  const logs = captureLogs('warn');

  beforeEach(async () => {
    server = await startFixtureServer();
    const xml = (title: string, body: string) => () => rss(title, body, server.origin);
    const serve = (path: string, make: () => string) =>
      server.route(path, (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(make());
      });
    serve('/canal-gazette.xml', xml('Canal Gazette', ORIGINAL_BODY));
    serve('/copycat.xml', xml('Copycat Wire', COPY_BODY));
    pool = createKeyvPool();
    store = await openArticleStore({ url: 'memory://', pool, logger: logs.logger });
  });
  afterEach(async () => {
    await pool.closeAll();
    await server.close();
  });

  async function poll(path: string, disclaimer: string | null = null) {
    const state = createFeedStateStore(await openKeyv('memory://', { namespace: 'feeds', pool }));
    const deps = { store, state, fetcher: createPoliteFetcher(), now: () => new Date(), logger: logs.logger };
    return pollFeed({ url: server.url(path), name: null, disclaimer }, deps);
  }

  it('GIVEN a second feed with an item of the same link THEN the first feed’s text, source and disclaimer stay, and the refusal is logged', async () => {
    await poll('/canal-gazette.xml', 'The Canal Gazette republishes this automatically.');
    const id = articleIdFromKey(server.url(STORY));
    const original = await store.get(id);
    expect(original?.source).toBe('Canal Gazette');

    const copy = await poll('/copycat.xml', 'Copycat Wire takes no responsibility.');
    expect(copy).toMatchObject({ counts: { new: 0, updated: 0, failed: 0 } });
    expect(await store.get(id)).toEqual(original);
    expect(logs.lines).toContainEqual(
      expect.objectContaining({
        id,
        storedBy: 'Canal Gazette',
        offeredBy: 'Copycat Wire',
        msg: 'article kept as stored: another source stored it first',
      }),
    );
  });

  it('GIVEN the feed that stored it changes the text THEN the article is updated as before', async () => {
    await poll('/canal-gazette.xml');
    server.route('/canal-gazette.xml', (_request, response) => {
      const edited = ORIGINAL_BODY.replace('two weeks', 'sixteen days');
      response
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(rss('Canal Gazette', edited, server.origin));
    });
    const again = await poll('/canal-gazette.xml');
    expect(again).toMatchObject({ counts: { updated: 1 } });
    const stored = await store.get(articleIdFromKey(server.url(STORY)));
    expect(stored?.version).toBe(2);
    expect(stored?.paragraphs.join(' ')).toContain('sixteen days');
  });
});
