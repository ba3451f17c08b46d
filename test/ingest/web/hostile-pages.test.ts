import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Keyv } from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PARAGRAPH_CHARS } from '../../../src/articles/parse/long-paragraphs.ts';
import { articleIdFromKey } from '../../../src/articles/url.ts';
import { ingestSource } from '../../../src/ingest/sources.ts';
import { MAX_PAGE_ELEMENTS } from '../../../src/ingest/web/limits.ts';
import { openKeyv } from '../../../src/store/keyv.ts';
import {
  deeplyNestedPage,
  hugeParagraphPage,
  manyElementsPage,
  teaserFeed,
} from '../../support/hostile-sources.ts';
import { type FixtureServer, startFixtureServer } from '../feeds/fixture-server.ts';
import { type Harness, openHarness } from '../feeds/harness.ts';

/**
 * Issue 13's target is 2 s of CPU per input (measured: ≈ 0.2–1.7 s, see the README's Security section). The test
 * allows three times that, because CPU time itself grows on a loaded 2-core CI machine (shared caches, Node 22/24,
 * the shard end-to-end tests' processes running beside it: 4.03 s was seen once); the blow-ups it guards against
 * cost 10–100× more (82 s, 252 s before the caps), so it still catches every one of them.
 */
const MAX_CPU_MS_PER_PAGE = 6_000;

let server: FixtureServer;
let harness: Harness;
let feedState: Keyv;

const PAGES: Record<string, string> = {
  '/warm-up': deeplyNestedPage(3),
  '/nested-2000': deeplyNestedPage(2_000),
  '/nested-100000': deeplyNestedPage(100_000),
  '/crowded': manyElementsPage(20_000),
  '/endless': hugeParagraphPage(4_800_000),
};

/** Text the parser and serialiser handle one character at a time (over a minute each before the caps). */
const CHARACTER_FLOODS: Record<string, string> = {
  'stray-less-than': '<'.repeat(4_000_000),
  entities: '&lt;'.repeat(1_000_000),
  'greater-than': '>'.repeat(4_000_000),
};
const page = (body: string) =>
  `<!doctype html><html><body><article><p>Opening line.</p>${body}</article></body></html>`;
for (const [name, flood] of Object.entries(CHARACTER_FLOODS)) PAGES[`/${name}`] = page(flood);
PAGES['/unclosed-tags'] = page('<a'.repeat(2_000_000));

beforeAll(async () => {
  server = await startFixtureServer();
  for (const [route, html] of Object.entries(PAGES)) {
    server.route(route, (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    });
  }
  harness = await openHarness();
  feedState = await openKeyv(harness.url, { namespace: 'feeds', pool: harness.pool });
  // The first page starts the extraction worker (tsx and its modules): not a cost of any one page.
  await ingestSource(server.url('/warm-up'), { store: harness.store, feedState });
}, 60_000);

afterAll(async () => {
  await harness.close();
  await server.close();
});

async function ingestTimed(route: string) {
  const before = process.cpuUsage(); // the whole process, worker threads included
  const result = await ingestSource(server.url(route), { store: harness.store, feedState });
  const used = process.cpuUsage(before);
  return { result, cpuMs: (used.user + used.system) / 1000 };
}

describe('pages built to exhaust the extractor', () => {
  it('GIVEN a 22 KB page nesting 2,000 divs (82 s before the caps) THEN its story is stored within 2 s of CPU', async () => {
    const { result, cpuMs } = await ingestTimed('/nested-2000');
    expect(result).toMatchObject({ new: 1, failed: [] });
    const stored = await harness.store.get(articleIdFromKey(server.url('/nested-2000')));
    expect(stored?.paragraphs.join(' ')).toContain('The harbour authority approved the new ferry timetable');
    expect(cpuMs).toBeLessThan(MAX_CPU_MS_PER_PAGE);
  });

  it('GIVEN a page nesting 100,000 divs THEN its story is stored within 2 s of CPU', async () => {
    const { result, cpuMs } = await ingestTimed('/nested-100000');
    expect(result).toMatchObject({ new: 1, failed: [] });
    expect(cpuMs).toBeLessThan(MAX_CPU_MS_PER_PAGE);
  });

  it('GIVEN a page of 40,000 elements THEN it is refused with how many it has and the limit, within 2 s of CPU', async () => {
    const { result, cpuMs } = await ingestTimed('/crowded');
    expect(result.new).toBe(0);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]?.reason).toContain(server.url('/crowded'));
    expect(result.failed[0]?.reason).toMatch(
      new RegExp(`has \\d{5} elements besides scripts and styles, over the ${MAX_PAGE_ELEMENTS}`),
    );
    expect(cpuMs).toBeLessThan(MAX_CPU_MS_PER_PAGE);
  });

  it('GIVEN a page whose story is one 4.8 MB paragraph THEN it is stored in sentence-ended paragraphs of at most 4,000 characters', async () => {
    const { result, cpuMs } = await ingestTimed('/endless');
    expect(result).toMatchObject({ new: 1, failed: [] });
    const stored = await harness.store.get(articleIdFromKey(server.url('/endless')));
    const paragraphs = stored?.paragraphs ?? [];
    expect(paragraphs.length).toBeGreaterThan(1_000);
    for (const paragraph of paragraphs) {
      expect(paragraph.length).toBeLessThanOrEqual(MAX_PARAGRAPH_CHARS);
      expect(paragraph).toMatch(/\.$/);
    }
    expect(cpuMs).toBeLessThan(MAX_CPU_MS_PER_PAGE * 2); // extraction plus storing 4.8 MB of text
  });

  it.each(Object.keys(CHARACTER_FLOODS))(
    'GIVEN a 4 MB page of %s characters THEN it is refused with the count and the limit, within 2 s of CPU',
    async (name) => {
      const { result, cpuMs } = await ingestTimed(`/${name}`);
      expect(result.new).toBe(0);
      expect(result.failed[0]?.reason).toMatch(
        /the HTML has \d{7} .*characters.*, over the 50000 newsdesk reads/,
      );
      expect(cpuMs).toBeLessThan(MAX_CPU_MS_PER_PAGE);
    },
  );

  it('GIVEN a 4 MB page of tags that never close THEN it is read within 2 s of CPU', async () => {
    const { result, cpuMs } = await ingestTimed('/unclosed-tags');
    expect(result.new + result.failed.length).toBe(1);
    expect(cpuMs).toBeLessThan(MAX_CPU_MS_PER_PAGE);
  });

  it('GIVEN a feed linking to all of them THEN the event loop is never held for long while they are read', async () => {
    const links = ['/nested-2000', '/nested-100000', '/crowded'].map((route) => ({
      title: `Story at ${route}`,
      link: server.url(`${route}?from=feed`),
    }));
    server.route('/hostile.xml', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(teaserFeed('Hostile', links));
    });
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const result = await ingestSource(server.url('/hostile.xml'), { store: harness.store, feedState });
    delay.disable();
    expect(result.failed.map((failure) => failure.reason).join('\n')).toContain('elements besides scripts');
    expect(result.new + result.updated + result.unchanged).toBe(2);
    // Before the worker pool one such page held the loop for 82 s; now only building and storing articles do.
    expect(delay.max / 1e6).toBeLessThan(1_000);
  });
});
