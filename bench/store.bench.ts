/**
 * Store and search benchmark: `npx tsx bench/store.bench.ts [--large N]`. Prints a table, then the figures as one
 * JSON line (the last line). Stores are generated under the OS temp folder and removed afterwards.
 *
 * Targets (issue 2): ingest >= 2,000 articles/s; get-by-id p99 < 1 ms; search p99 < 10 ms over 100,000 articles;
 * a fresh process opens a 100,000-article store in < 5 s with < 300 MB resident.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Article, ArticleStore } from '../src/articles/article.ts';
import { openArticleStore } from '../src/articles/store.ts';
import { createArticleGenerator } from './support/generate-articles.ts';
import { rawInsertRate } from './support/raw-sqlite-insert.ts';
import { percentiles, round, timeEach } from './support/stats.ts';

const INGEST_ARTICLES = 10_000;
const LARGE_STORE_ARTICLES = Number(argValue('--large') ?? 100_000);
/** Upserts in flight, as `ingest` runs them; 1 is also measured, for a caller that awaits each one. */
const INGEST_CONCURRENCY = 8;
const GET_RUNS = 5_000;

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function ingest(store: ArticleStore, count: number, next: (i: number) => Article, concurrency: number) {
  let index = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const worker = async () => {
    while (index < count) await store.upsert(next(index++));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const cpu = process.cpuUsage(cpuBefore);
  return {
    perSecond: round(count / ((performance.now() - started) / 1000), 0),
    cpuMsPerArticle: round((cpu.user + cpu.system) / 1000 / count),
  };
}

type Rate = Awaited<ReturnType<typeof ingest>>;
const showRate = (rate: Rate | undefined) =>
  rate ? `${rate.perSecond}/s (CPU ${rate.cpuMsPerArticle} ms/article)` : '?';

async function ingestRates(folder: string) {
  const generator = createArticleGenerator(1);
  const articles = Array.from({ length: INGEST_ARTICLES }, (_, i) => generator.article(i));
  const rates: Record<string, Rate> = {};
  let raw: ReturnType<typeof rawInsertRate> | undefined;
  for (const concurrency of [INGEST_CONCURRENCY, 1]) {
    const store = await openArticleStore({ url: `sqlite://${folder}/ingest-${concurrency}.sqlite` });
    rates[`new_c${concurrency}`] = await ingest(
      store,
      articles.length,
      (i) => articles[i] as Article,
      concurrency,
    );
    if (concurrency === 1) {
      rates.unchanged_c1 = await ingest(store, articles.length, (i) => articles[i] as Article, 1);
      const ids = Array.from({ length: GET_RUNS }, (_, i) => `bench-${(i * 7_919) % INGEST_ARTICLES}`);
      const get = percentiles((await timeEach(ids, (id) => store.get(id))).slice(GET_RUNS / 10));
      await store.close();
      return { rates, get, raw };
    }
    await store.close();
    // The same rows with nothing but the driver, in the same run: the store's overhead as a ratio.
    raw = rawInsertRate(`${folder}/ingest-${concurrency}.sqlite`, articles.length);
  }
  throw new Error('unreachable');
}

async function buildLargeStore(folder: string): Promise<{ url: string; rate: Rate }> {
  const url = `sqlite://${folder}/large.sqlite`;
  const store = await openArticleStore({ url });
  const generator = createArticleGenerator(2);
  const rate = await ingest(store, LARGE_STORE_ARTICLES, (i) => generator.article(i), INGEST_CONCURRENCY);
  await store.close();
  return { url, rate };
}

async function startupInChild(url: string) {
  const script = path.join(import.meta.dirname, 'support', 'store-startup.ts');
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, url], {
    maxBuffer: 1 << 20,
  });
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? '{}');
}

const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsdesk-store-bench-'));
try {
  const { rates, get, raw } = await ingestRates(folder);
  const ratio = round((rates.new_c8?.perSecond ?? 0) / (raw?.perSecond ?? Number.NaN), 2);
  const large = await buildLargeStore(folder);
  const child = await startupInChild(large.url);
  const rows: [string, string, string][] = [
    [`ingest ${INGEST_ARTICLES} new, ${INGEST_CONCURRENCY} in flight`, showRate(rates.new_c8), '>= 5000/s'],
    [
      'raw better-sqlite3 insert of the same rows',
      `${raw?.perSecond}/s (${raw?.rows} rows); the store reaches ${ratio}× of it`,
      '',
    ],
    [`ingest ${INGEST_ARTICLES} new, one at a time`, showRate(rates.new_c1), ''],
    [`re-ingest ${INGEST_ARTICLES} unchanged, one at a time`, showRate(rates.unchanged_c1), ''],
    [`get by id (${get.runs} runs)`, `p50 ${get.p50} ms, p99 ${get.p99} ms`, 'p99 < 1 ms'],
    [`build ${LARGE_STORE_ARTICLES} store, ${INGEST_CONCURRENCY} in flight`, showRate(large.rate), ''],
    [
      `open ${child.articles} in a fresh process`,
      `${child.openMs} ms, CPU ${child.openCpuMs} ms (ready ${child.readyMs} ms after exec)`,
      '< 5000 ms',
    ],
    [
      'resident memory after open',
      `${child.rssAfterOpenMb} MB (peak ${child.peakRssAtOpenMb} MB)`,
      '< 300 MB',
    ],
    ...Object.entries(child.search as Record<string, { runs: number; p50: number; p99: number }>).map(
      ([kind, p]): [string, string, string] => [
        `search: ${kind} (${p.runs} runs)`,
        `p50 ${p.p50} ms, p99 ${p.p99} ms`,
        'p99 < 10 ms',
      ],
    ),
  ];
  console.log(
    `load average at the end: ${os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')} (${os.cpus().length} CPUs)`,
  );
  for (const [what, figure, target] of rows) console.log(`${what.padEnd(44)} ${figure.padEnd(48)} ${target}`);
  console.log(
    JSON.stringify({
      ingest: rates,
      rawInsert: raw,
      storeToRawRatio: ratio,
      get,
      large: { articles: LARGE_STORE_ARTICLES, rate: large.rate },
      child,
    }),
  );
} finally {
  await fs.rm(folder, { recursive: true, force: true });
}
