/**
 * A million articles: `npm run bench -- million [--articles N] [--runs R] [--engines snapshot,memory,fts]
 * [--fts-queries N]` (FTS5 is opt-in: at 1M it takes seconds per query). `snapshot` is how the bot opens a store
 * (its index from the snapshot file beside it, src/articles/index-snapshots.ts), `memory` the same index rebuilt
 * from the catalogue (a first start, or a snapshot that does not fit).
 * Builds (once, then cached in the OS temp folder, see bench/support/million-store.ts) a store of N generated
 * articles, then opens it R times in fresh processes per search engine and reports open time, resident memory,
 * search p99 (autocomplete as typed, a full question) and get-by-id p99, as the median over runs with the spread
 * (lowest–highest), plus how far the snapshot's and the FTS5 prototype's results agree with the rebuilt index.
 * Prints a table, then the figures as one JSON line (the last line). Not part of `npm test`.
 *
 * Goals (issue 17): open < 10 s, RSS < 1 GB, search p99 < 10 ms at 1,000,000 articles.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildFtsFile } from './support/fts-search.ts';
import { cacheFolder, millionStore } from './support/million-store.ts';
import { round } from './support/stats.ts';

const ARTICLES = Number(argValue('--articles') ?? 1_000_000);
const RUNS = Number(argValue('--runs') ?? 3);
type Engine = 'snapshot' | 'memory' | 'fts';
const ENGINES = (argValue('--engines') ?? 'snapshot,memory')
  .split(',')
  .filter((name): name is Engine => name === 'snapshot' || name === 'memory' || name === 'fts');
/** Timed queries per kind and run: FTS5 can take a second per question at 1M articles, so it gets fewer. */
const QUERIES = { snapshot: 2_000, memory: 2_000, fts: Number(argValue('--fts-queries') ?? 100) } as const;
const GENERATOR_SEED = 2;
const QUERY_SEED = 7;
/** A 1M-article in-memory index needs more than Node's default heap on small machines. */
const CHILD_HEAP_MB = 6_144;

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

interface Timing {
  readonly runs: number;
  readonly p50: number;
  readonly p99: number;
}

interface ChildResult {
  readonly mode: string;
  readonly articles: number;
  readonly openMs: number;
  readonly readyMs: number;
  readonly rssAfterOpenMb: number;
  readonly peakRssAtOpenMb: number;
  readonly search: Record<'autocomplete' | 'question', Timing>;
  readonly get: Timing;
}

const log = (line: string) => console.error(line);

async function openInChild(
  file: string,
  engine: Engine,
  ftsFile: string,
  topOut: string,
): Promise<ChildResult> {
  const script = path.join(import.meta.dirname, 'support', 'million-open.ts');
  const args = [`--max-old-space-size=${CHILD_HEAP_MB}`, '--import', 'tsx', script];
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...args, file, engine, ftsFile, String(QUERY_SEED), topOut, String(QUERIES[engine])],
    { maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ChildResult;
}

/** Median over runs, and the spread as lowest–highest. */
function summary(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
  return {
    median: round(median, 3),
    low: round(sorted[0] ?? Number.NaN, 3),
    high: round(sorted.at(-1) ?? Number.NaN, 3),
  };
}

type Summary = ReturnType<typeof summary>;
const show = (s: Summary, unit: string) => `${s.median} ${unit} (runs ${s.low}–${s.high})`;

function summarise(results: readonly ChildResult[]) {
  const of = (pick: (result: ChildResult) => number) => summary(results.map(pick));
  return {
    articles: results[0]?.articles,
    openMs: of((r) => r.openMs),
    readyMs: of((r) => r.readyMs),
    rssAfterOpenMb: of((r) => r.rssAfterOpenMb),
    peakRssAtOpenMb: of((r) => r.peakRssAtOpenMb),
    autocompleteP50Ms: of((r) => r.search.autocomplete.p50),
    autocompleteP99Ms: of((r) => r.search.autocomplete.p99),
    questionP50Ms: of((r) => r.search.question.p50),
    questionP99Ms: of((r) => r.search.question.p99),
    getP50Ms: of((r) => r.get.p50),
    getP99Ms: of((r) => r.get.p99),
    timedPerRun: { search: results[0]?.search.question.runs, get: results[0]?.get.runs },
  };
}

/** Per query: is the first hit the same, and how many of the in-memory top 10 the FTS top 10 also holds. */
function agreement(memoryTopFile: string, ftsTopFile: string) {
  const memory = JSON.parse(fs.readFileSync(memoryTopFile, 'utf8')) as Record<string, string[][]>;
  const fts = JSON.parse(fs.readFileSync(ftsTopFile, 'utf8')) as Record<string, string[][]>;
  const byKind: Record<string, { queries: number; sameFirst: number; top10Overlap: number }> = {};
  for (const [kind, all] of Object.entries(memory)) {
    // FTS5 may have been asked fewer queries: the same first ones (see bench/support/million-queries.ts).
    const lists = all.slice(0, fts[kind]?.length ?? 0);
    let sameFirst = 0;
    let overlap = 0;
    lists.forEach((expected, index) => {
      const found = new Set(fts[kind]?.[index] ?? []);
      // Two empty results agree too (an autocomplete prefix that matches nothing).
      if (expected[0] === fts[kind]?.[index]?.[0]) sameFirst++;
      overlap += expected.length === 0 ? 1 : expected.filter((id) => found.has(id)).length / expected.length;
    });
    byKind[kind] = {
      queries: lists.length,
      sameFirst: round(sameFirst / Math.max(1, lists.length), 3),
      top10Overlap: round(overlap / Math.max(1, lists.length), 3),
    };
  }
  return byKind;
}

function printTable(summaries: Record<string, ReturnType<typeof summarise>>) {
  const goals: Record<string, string> = { openMs: '< 10000 ms', rssAfterOpenMb: '< 1024 MB' };
  for (const [engine, s] of Object.entries(summaries)) {
    console.log(`\n${engine}: ${s.articles ?? '?'} articles, ${RUNS} fresh processes`);
    const rows: [string, string, string][] = [
      ['open (store ready to search)', show(s.openMs, 'ms'), goals.openMs ?? ''],
      ['process ready after exec', show(s.readyMs, 'ms'), ''],
      ['resident memory after open', show(s.rssAfterOpenMb, 'MB'), goals.rssAfterOpenMb ?? ''],
      ['peak resident memory during open', show(s.peakRssAtOpenMb, 'MB'), ''],
      [
        'search autocomplete p50 / p99',
        `${s.autocompleteP50Ms.median} / ${show(s.autocompleteP99Ms, 'ms')}`,
        'p99 < 10 ms',
      ],
      [
        'search question p50 / p99',
        `${s.questionP50Ms.median} / ${show(s.questionP99Ms, 'ms')}`,
        'p99 < 10 ms',
      ],
      ['get by id p50 / p99', `${s.getP50Ms.median} / ${show(s.getP99Ms, 'ms')}`, ''],
    ];
    for (const [what, figure, goal] of rows) console.log(`  ${what.padEnd(34)} ${figure.padEnd(44)} ${goal}`);
  }
}

const built = await millionStore({ articles: ARTICLES, seed: GENERATOR_SEED }, log);
const folder = cacheFolder({ articles: ARTICLES, seed: GENERATOR_SEED });
const ftsFile = path.join(folder, 'search-fts.sqlite');
const snapshotFile = `${built.file}.search-index`;
const ftsBuildSeconds =
  ENGINES.includes('fts') && !fs.existsSync(ftsFile) ? buildFtsFile(built.file, ftsFile, log) : 0;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-million-run-'));
try {
  // One open as the bot's first start: it writes the snapshot when there is none (or the code changed its format).
  const firstOpen = ENGINES.includes('snapshot')
    ? await openInChild(built.file, 'snapshot', ftsFile, path.join(scratch, 'first-top.json'))
    : undefined;
  const snapshotMb = fs.existsSync(snapshotFile) ? round(fs.statSync(snapshotFile).size / 1_048_576, 0) : 0;
  const results: Record<string, ChildResult[]> = Object.fromEntries(ENGINES.map((engine) => [engine, []]));
  for (let run = 0; run < RUNS; run++) {
    // Engines take turns, so a burst of load on the shared machine does not land on one engine's runs only.
    for (const engine of ENGINES) {
      const result = await openInChild(built.file, engine, ftsFile, path.join(scratch, `${engine}-top.json`));
      log(`  run ${run + 1} ${engine}: open ${result.openMs} ms, RSS ${result.rssAfterOpenMb} MB`);
      results[engine]?.push(result);
    }
  }
  const summaries = Object.fromEntries(
    Object.entries(results).map(([engine, list]) => [engine, summarise(list)]),
  );
  const top = (engine: Engine) => path.join(scratch, `${engine}-top.json`);
  // The snapshot must give the rebuilt index's results exactly; FTS5 is a different ranking, measured for the choice.
  const agree = {
    ...(ENGINES.includes('snapshot') && ENGINES.includes('memory')
      ? { snapshotVsRebuilt: agreement(top('memory'), top('snapshot')) }
      : {}),
    ...(ENGINES.includes('fts') && ENGINES.includes('memory')
      ? { ftsVsRebuilt: agreement(top('memory'), top('fts')) }
      : {}),
  };
  console.log(
    `store file ${built.fileMb} MB (${built.buildSeconds ? `built in ${built.buildSeconds} s` : 'cached'})`,
  );
  printTable(summaries);
  for (const [pair, figures] of Object.entries(agree)) console.log(`\n${pair}: ${JSON.stringify(figures)}`);
  if (firstOpen)
    console.log(
      `\nfirst open of the store (rebuilds and writes the ${snapshotMb} MB snapshot when it is missing or stale): ${firstOpen.openMs} ms`,
    );
  console.log(
    `load average at the end: ${os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')} (${os.cpus().length} CPUs)`,
  );
  console.log(
    JSON.stringify({
      articles: ARTICLES,
      runs: RUNS,
      store: { fileMb: built.fileMb, buildSeconds: built.buildSeconds, ftsBuildSeconds },
      engines: summaries,
      agreement: agree,
      snapshot: { fileMb: snapshotMb, firstOpenMs: firstOpen?.openMs },
      raw: results,
    }),
  );
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
