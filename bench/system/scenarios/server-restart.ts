/**
 * The store briefly unavailable, on a store server: while people use the bot, its Redis or PostgreSQL server is
 * killed (Redis: SIGKILL; PostgreSQL: immediate shutdown, as a crash leaves it) and started again twice — back
 * after 3 s, then after 8 s — and new article files arrive in ARTICLES_DIR while it is down. Commands that need
 * the store meanwhile must get a reply at once, not hang; afterwards the bot must serve again by itself, every
 * dropped file end up stored, and no reply be missing from the usage ledger.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ScenarioContext, ScenarioResult } from '../scenario.ts';
import { dropArticles, droppedFileProblems, waitForDropped } from '../store-outage.ts';
import { type FaultPlan, runFaultScenario } from './fault-run.ts';

const OUTAGES_MS = [3_000, 8_000];
const FIRST_OUTAGE_AFTER_MS = 3_000;
const BETWEEN_OUTAGES_MS = 4_000;
const SERVER_NAMES = { redis: 'Redis', postgres: 'PostgreSQL' } as const;

function serverRestarted(kind: 'redis' | 'postgres', seed: number): FaultPlan {
  const name = `${kind}-restarted`;
  return {
    name,
    world: { articlesDir: true, storeServer: kind },
    interactions: 200,
    concurrency: 20,
    ratePerSecond: 8,
    seed,
    async inject(world) {
      const server = world.storeServer;
      const articlesDir = world.articlesDir;
      if (!server || !articlesDir) throw new Error(`${name} needs a ${kind} world with ARTICLES_DIR`);
      const dropped: string[] = [];
      const schedule = (async () => {
        await sleep(FIRST_OUTAGE_AFTER_MS);
        for (const [index, downMs] of OUTAGES_MS.entries()) {
          await server.stop();
          dropped.push(...(await dropArticles(articlesDir, `${kind}_down_${index}`)));
          await sleep(downMs);
          await server.start();
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
      `${SERVER_NAMES[kind]} killed for ${(f.outagesMs as number[]).map((ms) => `${ms / 1000} s`).join(' and ')}; ${f.answersShown} answers shown; ${f.filesIngested}/${f.filesDropped} dropped files ingested`,
    problems: droppedFileProblems,
  };
}

export const redisRestartScenario = (context: ScenarioContext): Promise<ScenarioResult> =>
  runFaultScenario(context, serverRestarted('redis', 25));

export const postgresRestartScenario = (context: ScenarioContext): Promise<ScenarioResult> =>
  runFaultScenario(context, serverRestarted('postgres', 26));
