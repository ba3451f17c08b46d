/**
 * The store briefly unavailable, on Redis: while people use the bot, its Redis server is killed (SIGKILL, as a
 * crash or an OOM kill would) and started again twice — back after 3 s, then after 8 s — and new article files
 * arrive in ARTICLES_DIR while it is down. Commands that need the store meanwhile must get a clear reply at
 * once, not hang; afterwards the bot must serve again by itself, every dropped file end up stored, and no reply
 * be missing from the usage ledger.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ScenarioContext, ScenarioResult } from '../scenario.ts';
import { dropArticles, droppedFileProblems, waitForDropped } from '../store-outage.ts';
import { type FaultPlan, runFaultScenario } from './fault-run.ts';

const OUTAGES_MS = [3_000, 8_000];
const FIRST_OUTAGE_AFTER_MS = 3_000;
const BETWEEN_OUTAGES_MS = 4_000;

const redisRestarted: FaultPlan = {
  name: 'redis-restarted',
  world: { articlesDir: true, redis: true },
  interactions: 200,
  concurrency: 20,
  ratePerSecond: 8,
  seed: 25,
  async inject(world) {
    const redis = world.redis;
    const articlesDir = world.articlesDir;
    if (!redis || !articlesDir) throw new Error('redis-restarted needs a Redis world with ARTICLES_DIR');
    const dropped: string[] = [];
    const schedule = (async () => {
      await sleep(FIRST_OUTAGE_AFTER_MS);
      for (const [index, downMs] of OUTAGES_MS.entries()) {
        await redis.stop();
        dropped.push(...(await dropArticles(articlesDir, `redis_down_${index}`)));
        await sleep(downMs);
        await redis.start();
        await sleep(BETWEEN_OUTAGES_MS);
      }
    })();
    return {
      storedIds: () => dropped,
      async stop() {
        await schedule;
        return { outagesMs: OUTAGES_MS, ...(await waitForDropped(world, dropped)) };
      },
    };
  },
  describe: (f) =>
    `Redis killed for ${(f.outagesMs as number[]).map((ms) => `${ms / 1000} s`).join(' and ')}; ${f.filesIngested}/${f.filesDropped} dropped files ingested`,
  problems: droppedFileProblems,
};

export const redisRestartScenario = (context: ScenarioContext): Promise<ScenarioResult> =>
  runFaultScenario(context, redisRestarted);
