/**
 * Child process of bench/million.bench.ts: opens the built store as a fresh bot process would, then times
 * searches and gets over it. Prints one JSON line on stdout.
 * Usage: tsx bench/support/million-open.ts <store-file> <memory|snapshot|fts> <fts-file> <query-seed> <top-ids-out.json>
 *   [queries per kind, 2000 by default: FTS5 takes up to seconds per question at 1M, so the bench asks it fewer]
 *   memory: the bot's ArticleStore, its in-memory index rebuilt from the catalogue at open (no snapshot);
 *   snapshot: the bot's ArticleStore as it starts by default: the index opened from the snapshot beside the store
 *             (written by that open when missing or out of date);
 *   fts:    the FTS5 prototype of bench/support/fts-search.ts (nothing loaded at open).
 */
import fs from 'node:fs';
import type { SearchHit } from '../../src/articles/article.ts';
import { openArticleStore } from '../../src/articles/store.ts';
import { openFtsSearch } from './fts-search.ts';
import { buildQueries } from './million-queries.ts';
import { percentiles, round, timeEach } from './stats.ts';

const QUERIES_PER_KIND = 2_000;
const WARM_UP_SHARE = 0.1;
const AUTOCOMPLETE_LIMIT = 25;
/** Queries per kind whose top ids are written out (from the timed searches), for the engines' agreement. */
const AGREEMENT_QUERIES = 200;
const AGREEMENT_TOP = 10;

interface Engine {
  search(query: string, limit: number): SearchHit[];
  get(id: string): unknown;
  count(): number;
  close(): Promise<void> | void;
}

const [file, mode, ftsFile, seedText, topOut, queriesText] = process.argv.slice(2);
if (!file || !['memory', 'snapshot', 'fts'].includes(mode ?? '') || !ftsFile) {
  throw new Error(
    'usage: million-open.ts <store-file> <memory|snapshot|fts> <fts-file> <query-seed> [top-out]',
  );
}

async function open(): Promise<Engine> {
  if (mode === 'fts') {
    const fts = openFtsSearch(file as string, ftsFile as string);
    return { ...fts, count: () => Number.NaN };
  }
  const store = await openArticleStore({
    url: `sqlite://${file}`,
    ...(mode === 'memory' ? { indexSnapshotFile: null } : {}),
  });
  return {
    search: (query, limit) => store.search(query, limit),
    get: (id) => store.get(id),
    count: () => store.count(),
    close: () => store.close(),
  };
}

const started = performance.now();
const cpuBefore = process.cpuUsage();
const engine = await open();
const openMs = performance.now() - started;
const openCpu = process.cpuUsage(cpuBefore);
const readyMs = process.uptime() * 1000;
const rssAfterOpenMb = process.memoryUsage().rss / 1_048_576;
const peakRssAtOpenMb = process.resourceUsage().maxRSS / 1024;

// Both engines draw the same queries first to last, so the FTS run's queries are the memory run's first ones.
const timed = Number(queriesText ?? QUERIES_PER_KIND);
const warmUp = Math.round(timed * WARM_UP_SHARE);
const queries = buildQueries(file, timed + warmUp, Number(seedText ?? 7));
const search: Record<string, ReturnType<typeof percentiles>> = {};
const top: Record<string, string[][]> = {};
for (const kind of ['autocomplete', 'question'] as const) {
  const found: string[][] = [];
  const samples = await timeEach(queries[kind], (query) => {
    found.push(engine.search(query, AUTOCOMPLETE_LIMIT).map((hit) => hit.id));
  });
  search[kind] = percentiles(samples.slice(warmUp));
  top[kind] = found.slice(0, AGREEMENT_QUERIES).map((ids) => ids.slice(0, AGREEMENT_TOP));
}
const get = percentiles((await timeEach(queries.ids, (id) => engine.get(id))).slice(warmUp));
const articles = engine.count();
await engine.close();
if (topOut) fs.writeFileSync(topOut, JSON.stringify(top));
process.stdout.write(
  `${JSON.stringify({
    mode,
    articles,
    openMs: round(openMs, 0),
    openCpuMs: round((openCpu.user + openCpu.system) / 1000, 0),
    readyMs: round(readyMs, 0),
    rssAfterOpenMb: round(rssAfterOpenMb, 0),
    peakRssAtOpenMb: round(peakRssAtOpenMb, 0),
    search,
    get,
  })}\n`,
);
