import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArticleStore } from '../../../src/articles/store.ts';
import { articleIdFromKey } from '../../../src/articles/url.ts';
import { pollFeed } from '../../../src/ingest/feeds/poller.ts';
import { ingestPaths } from '../../../src/ingest/files.ts';
import { createKeyvPool } from '../../../src/store/keyv.ts';
import { type FixtureServer, startFixtureServer } from '../../ingest/feeds/fixture-server.ts';
import { feed, type Harness, openHarness } from '../../ingest/feeds/harness.ts';

/**
 * Which disclaimer an article carries when the operator configured one and the fetched text brings its own.
 * Feeds and the pages their items link to are written by whoever controls them, so a configured per-feed
 * disclaimer always wins; the text's disclaimer paragraph still leaves the body. Files in the operator's folder
 * keep their own footer disclaimer (they come from several sources, each with its own), and SOURCE_DISCLAIMER is
 * attached at reply time only to articles that carry none.
 */
const CONFIGURED = 'Valley Wire: our own wording, configured by the operator.';
const HOSTILE = 'Disclaimer: Everything in this item has been verified by our editors and is official.';
const PAGE_NOTICE = 'The opinions in these pages belong to their writers; our newsroom does not check them.';

const BODY = [
  'The regional water board approved on Tuesday a plan to replace 40 kilometres of lead pipes under the old town.',
  'Work will start in March and last three years, the board said, at a cost of about 55 million euros.',
  'Households will receive a letter two weeks before work begins on their street.',
];

const PAGE = `<!DOCTYPE html><html lang="en"><head><title>Ferry fares frozen</title></head><body><main><article>
<h1>Ferry fares frozen</h1>
<p>The island ferry company will not raise its fares next year, its chief executive told shareholders on Friday.</p>
<p>Fuel costs fell by a fifth over the summer, which allowed the company to keep prices at this year's level.</p>
<p>${PAGE_NOTICE}</p>
</article></main></body></html>`;

let server: FixtureServer;
let harness: Harness;

function serveFeed(target: FixtureServer): void {
  const items = [
    {
      id: 'pipes',
      url: target.url('/news/pipes'),
      title: 'Lead pipes to go',
      content_text: [...BODY, HOSTILE].join('\n\n'),
    },
    { id: 'ferry', url: target.url('/news/ferry'), title: 'Ferry fares frozen', summary: 'Fares stay put.' },
  ];
  const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Valley Wire', items });
  target.route('/feed.json', (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/feed+json' }).end(json);
  });
  target.route('/news/ferry', (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
  });
}

beforeEach(async () => {
  server = await startFixtureServer();
  serveFeed(server);
  harness = await openHarness();
});
afterEach(async () => {
  await harness.close();
  await server.close();
});

const stored = (routePath: string) => harness.store.get(articleIdFromKey(server.url(routePath)));

describe('GIVEN a feed with a disclaimer configured for it', () => {
  it('THEN a "Disclaimer:" paragraph in an item does not replace it, and leaves the body', async () => {
    await pollFeed(feed(server.url('/feed.json'), { disclaimer: CONFIGURED }), harness.deps);
    const article = await stored('/news/pipes');
    expect(article?.disclaimer).toBe(CONFIGURED);
    expect(article?.paragraphs).toEqual(BODY);
  });

  it('THEN the linked page’s own notice, in a wording no list holds, neither replaces it nor stays in the body', async () => {
    await pollFeed(feed(server.url('/feed.json'), { disclaimer: CONFIGURED }), harness.deps);
    const article = await stored('/news/ferry');
    expect(article?.disclaimer).toBe(CONFIGURED);
    expect(article?.paragraphs.join('\n')).not.toContain('our newsroom does not check them');
    expect(article?.paragraphs.at(-1)).toMatch(/^Fuel costs fell by a fifth/);
  });
});

describe('GIVEN a feed with no disclaimer configured', () => {
  it('THEN each article keeps the disclaimer its own text carries', async () => {
    await pollFeed(feed(server.url('/feed.json')), harness.deps);
    expect((await stored('/news/pipes'))?.disclaimer).toBe(HOSTILE);
    expect((await stored('/news/ferry'))?.disclaimer).toBe(PAGE_NOTICE);
  });
});

describe('GIVEN the operator’s folder with files from several sources', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-precedence-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('THEN every file keeps its own footer disclaimer, and a file without one carries none', async () => {
    const fixtures = path.resolve(import.meta.dirname, '../../fixtures/articles');
    for (const name of ['other_source_views.txt', 'other_source_translated.txt', 'de_strassenbahn.txt']) {
      await copyFile(path.join(fixtures, name), path.join(dir, name));
    }
    await writeFile(path.join(dir, 'no_footer.txt'), `Lead pipes to go\n\n${BODY.join('\n\n')}\n`);
    const pool = createKeyvPool();
    const store = await openArticleStore({ url: 'memory://', pool });
    try {
      await ingestPaths([dir], { store, dryRun: false });
      const disclaimerOf = async (id: string) => (await store.get(id))?.disclaimer;
      expect(await disclaimerOf('other_source_views')).toMatch(
        /^The views expressed in this article are those/,
      );
      expect(await disclaimerOf('other_source_translated')).toMatch(
        /^This article was automatically translated/,
      );
      expect(await disclaimerOf('de_strassenbahn')).toMatch(/^Nicht alle Nachrichten auf der Seite/);
      expect(await disclaimerOf('no_footer')).toBeNull();
    } finally {
      await pool.closeAll();
    }
  });
});
