/**
 * Feed benchmark: `npx tsx bench/feeds.bench.ts [--runs N]` (default 3 runs per store; each run is a fresh store). A local HTTP server serves a generated 10,000-item RSS
 * feed (full content:encoded, ~8 paragraphs per item) plus three small feeds, all with ETags. Measured per store
 * (memory:// and a SQLite file under the OS temp folder):
 *   - first poll of the 10,000-item feed into an empty store: fetch + parse + store, items/s (median, p99 of runs);
 *   - feed parsing alone (feedsmith + item mapping), items/s;
 *   - a second poll of every feed: conditional requests sent, 304s, articles written (must be 0);
 *   - a poll of the same feed served without validators: unchanged items skipped by fingerprint, items/s.
 * Prints a table, then the figures as one JSON line (the last line).
 */
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Article } from '../src/articles/article.ts';
import { openArticleStore } from '../src/articles/store.ts';
import { silentLogger } from '../src/core/log.ts';
import { parseFeedDocument } from '../src/ingest/feeds/parse.ts';
import { type FeedPollDeps, pollFeeds } from '../src/ingest/feeds/poller.ts';
import { createFeedStateStore } from '../src/ingest/feeds/state.ts';
import { createPoliteFetcher } from '../src/ingest/http.ts';
import { openKeyv } from '../src/store/keyv.ts';
import { createArticleGenerator } from './support/generate-articles.ts';
import { percentiles, round } from './support/stats.ts';

const BIG_FEED_ITEMS = 10_000;
const SMALL_FEED_ITEMS = 50;
const SMALL_FEEDS = 3;
const RUNS = Number(argValue('--runs') ?? 3);
const PARSE_RUNS = 10;

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function rssItem(article: Article, origin: string): string {
  const body = article.paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join('\n');
  return `<item><title>${escapeXml(article.title)}</title><link>${origin}/a/${article.id}?utm_source=rss</link>
<guid isPermaLink="false">${article.id}</guid><pubDate>${new Date(article.publishedAt).toUTCString()}</pubDate>
<description>${escapeXml(article.paragraphs[0] ?? '')}</description>
<content:encoded><![CDATA[${body}<div class="sharedaddy">Share this: Facebook</div>]]></content:encoded></item>`;
}

function rssFeed(title: string, articles: readonly Article[], origin: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${title}</title>
<link>${origin}/</link><description>bench</description>
${articles.map((article) => rssItem(article, origin)).join('\n')}
</channel></rss>`;
}

interface Served {
  readonly origin: string;
  readonly counts: { requests: number; conditional: number; notModified: number };
  /** When false the server sends no validators and never 304s. */
  validators: boolean;
  close(): Promise<void>;
}

async function serveFeeds(feeds: Map<string, () => string>): Promise<Served> {
  const bodies = new Map<string, string>();
  const counts = { requests: 0, conditional: 0, notModified: 0 };
  const served = { counts, validators: true } as Served;
  const server = http.createServer((request, response) => {
    const make = feeds.get(request.url ?? '');
    if (!make) return void response.writeHead(404).end();
    counts.requests++;
    const etag = `"${request.url}-v1"`;
    if (request.headers['if-none-match']) counts.conditional++;
    if (served.validators && request.headers['if-none-match'] === etag) {
      counts.notModified++;
      return void response.writeHead(304, { etag }).end();
    }
    const body = bodies.get(request.url ?? '') ?? make();
    bodies.set(request.url ?? '', body);
    response.writeHead(200, {
      'content-type': 'application/rss+xml',
      ...(served.validators ? { etag } : {}),
    });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(served, {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

async function openDeps(
  url: string,
): Promise<FeedPollDeps & { close(): Promise<void>; written: () => number }> {
  const store = await openArticleStore({ url });
  const keyv = await openKeyv(url, { namespace: 'feeds' });
  let written = 0;
  const counting = Object.assign(Object.create(store) as typeof store, {
    async upsert(article: Article) {
      const result = await store.upsert(article);
      if (result.outcome !== 'unchanged') written++;
      return result;
    },
  });
  return {
    store: counting,
    state: createFeedStateStore(keyv),
    fetcher: createPoliteFetcher(),
    now: () => new Date(),
    logger: silentLogger,
    written: () => written,
    close: async () => {
      await store.close();
      await keyv.disconnect();
    },
  };
}

const feedDef = (url: string) => ({ url, name: null, disclaimer: null });

async function runOnce(storeUrl: string, served: Served, bigUrl: string, smallUrls: string[]) {
  served.validators = true;
  const deps = await openDeps(storeUrl);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const [big] = await pollFeeds([feedDef(bigUrl)], deps);
  const firstMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  const firstCpuMs = (cpu.user + cpu.system) / 1000;
  if (big?.counts.new !== BIG_FEED_ITEMS)
    throw new Error(`first poll did not store the feed: ${JSON.stringify(big)}`);
  await pollFeeds(smallUrls.map(feedDef), deps);
  const writtenBefore = deps.written();
  const before = { ...served.counts };
  const secondStarted = performance.now();
  const second = await pollFeeds([bigUrl, ...smallUrls].map(feedDef), deps);
  const secondMs = performance.now() - secondStarted;
  const conditional = {
    requests: served.counts.requests - before.requests,
    conditional: served.counts.conditional - before.conditional,
    notModified: served.counts.notModified - before.notModified,
    written: deps.written() - writtenBefore,
    outcomes: second.map((result) => result.outcome),
    ms: round(secondMs, 1),
  };
  served.validators = false; // a server without ETag/Last-Modified: every item compared by fingerprint
  const unchangedStarted = performance.now();
  const [unchanged] = await pollFeeds([feedDef(bigUrl)], deps);
  const unchangedMs = performance.now() - unchangedStarted;
  const stored = deps.store.count();
  await deps.close();
  return {
    firstMs,
    firstCpuMs,
    big,
    conditional,
    unchangedMs,
    unchanged,
    written: deps.written() - writtenBefore,
    stored,
  };
}

function parseRate(text: string, url: string) {
  const samples: number[] = [];
  for (let run = 0; run < PARSE_RUNS; run++) {
    const started = performance.now();
    parseFeedDocument(text, url);
    samples.push(performance.now() - started);
  }
  return percentiles(samples);
}

const rate = (items: number, ms: number) => round(items / (ms / 1000), 0);

async function main() {
  const generator = createArticleGenerator(3);
  const articles = Array.from({ length: BIG_FEED_ITEMS + SMALL_FEEDS * SMALL_FEED_ITEMS }, (_, i) =>
    generator.article(i),
  );
  const routes = new Map<string, () => string>();
  const served = await serveFeeds(routes);
  const bigUrl = `${served.origin}/big.xml`;
  routes.set('/big.xml', () => rssFeed('Big', articles.slice(0, BIG_FEED_ITEMS), served.origin));
  const smallUrls = Array.from({ length: SMALL_FEEDS }, (_, n) => {
    const slice = articles.slice(
      BIG_FEED_ITEMS + n * SMALL_FEED_ITEMS,
      BIG_FEED_ITEMS + (n + 1) * SMALL_FEED_ITEMS,
    );
    routes.set(`/small-${n}.xml`, () => rssFeed(`Small ${n}`, slice, served.origin));
    return `${served.origin}/small-${n}.xml`;
  });
  const bigText = routes.get('/big.xml')?.() ?? '';
  const parse = parseRate(bigText, bigUrl);
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsdesk-feeds-bench-'));
  const figures: Record<string, unknown> = {
    feedBytes: Buffer.byteLength(bigText),
    parse: { ...parse, itemsPerSecondAtMedian: rate(BIG_FEED_ITEMS, parse.p50) },
  };
  try {
    for (const kind of ['memory', 'sqlite'] as const) {
      const runs = [];
      for (let run = 0; run < RUNS; run++) {
        const url = kind === 'memory' ? 'memory://' : `sqlite://${path.join(folder, `run-${run}.sqlite`)}`;
        runs.push(await runOnce(url, served, bigUrl, smallUrls));
      }
      const first = percentiles(runs.map((r) => r.firstMs));
      const firstCpu = percentiles(runs.map((r) => r.firstCpuMs));
      const unchanged = percentiles(runs.map((r) => r.unchangedMs));
      figures[kind] = {
        firstPoll: {
          ...first,
          itemsPerSecondAtMedian: rate(BIG_FEED_ITEMS, first.p50),
          // CPU time (this process, user + system): what the rate would be on an idle core.
          cpuMsMedian: firstCpu.p50,
          itemsPerCpuSecond: rate(BIG_FEED_ITEMS, firstCpu.p50),
          counts: runs[0]?.big?.counts,
        },
        secondPoll: runs[0]?.conditional,
        noValidators: {
          ...unchanged,
          itemsPerSecondAtMedian: rate(BIG_FEED_ITEMS, unchanged.p50),
          counts: runs[0]?.unchanged?.counts,
          written: runs[0]?.written,
        },
        stored: runs[0]?.stored,
      };
    }
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
    await served.close();
  }
  report(figures);
}

function report(figures: Record<string, unknown>) {
  const f = figures as Record<string, Record<string, Record<string, unknown>>>;
  console.log(
    `feed: ${BIG_FEED_ITEMS} items, ${round(Number(figures.feedBytes) / 1_048_576, 1)} MB; runs: ${RUNS}`,
  );
  console.log(`parse only          ${JSON.stringify(f.parse)}`);
  for (const kind of ['memory', 'sqlite']) {
    console.log(`${kind.padEnd(8)} first poll  ${JSON.stringify(f[kind]?.firstPoll)}`);
    console.log(`${kind.padEnd(8)} second poll ${JSON.stringify(f[kind]?.secondPoll)}`);
    console.log(`${kind.padEnd(8)} no ETag     ${JSON.stringify(f[kind]?.noValidators)}`);
  }
  console.log(JSON.stringify(figures));
}

await main();
