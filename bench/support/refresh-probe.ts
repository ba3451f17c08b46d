/**
 * Child process of bench/refresh.bench.ts: opens the store as a shard would, reports its memory, then times
 * `refresh()` when nothing changed and right after another process stored CHANGED articles. One JSON line.
 * Usage: tsx --expose-gc bench/support/refresh-probe.ts <store-file> <articles in the file>
 */
import { openArticleStore } from '../../src/articles/store.ts';
import { createArticleGenerator } from './generate-articles.ts';
import { percentiles, round } from './stats.ts';

const CHANGED = 100;
const IDLE_RUNS = 50;
/** The change log's own read-behind window (src/articles/change-log.ts): idle means older than this. */
const CHANGE_LOG_LOOKBACK_MS = 10_000;
const GENERATOR_SEED = 99;

const [file, articlesText] = process.argv.slice(2);
if (!file || !articlesText) throw new Error('usage: refresh-probe.ts <store-file> <articles>');
const url = `sqlite://${file}`;

const mb = (bytes: number) => round(bytes / 1_048_576, 1);
const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

const shard = await openArticleStore({ url });
gc();
const memory = process.memoryUsage();
const afterOpen = {
  rssMb: mb(memory.rss),
  heapUsedMb: mb(memory.heapUsed),
  externalMb: mb(memory.external + memory.arrayBuffers),
};

const idle: number[] = [];
for (let run = 0; run < IDLE_RUNS; run++) idle.push(await timed(() => shard.refresh()));

// Another process (its own connections) stores new articles; its change log flushes within 50 ms.
const writer = await openArticleStore({ url });
const generator = createArticleGenerator(GENERATOR_SEED);
const base = Number(articlesText);
for (let index = 0; index < CHANGED; index++) await writer.upsert(generator.article(base + index));
await writer.close();
let picked = 0;
const changedMs = await timed(async () => {
  picked = await shard.refresh();
});
// Within the lookback window the same entries are reread (and skipped: their hashes are known).
const rereadMs = await timed(() => shard.refresh());
console.error(`waiting ${CHANGE_LOG_LOOKBACK_MS / 1000} s for the change log's lookback to pass`);
await new Promise((resolve) => setTimeout(resolve, CHANGE_LOG_LOOKBACK_MS + 500));
const idleAfter = await timed(() => shard.refresh());
const articles = shard.count();
await shard.close();

const idleStats = percentiles(idle);
console.log(
  JSON.stringify({
    articles,
    afterOpen,
    refreshIdleMs: { p50: round(idleStats.p50, 2), p99: round(idleStats.p99, 2) },
    refresh100ChangedMs: round(changedMs, 1),
    picked,
    refreshRereadMs: round(rereadMs, 1),
    refreshIdleAfterMs: round(idleAfter, 2),
  }),
);
