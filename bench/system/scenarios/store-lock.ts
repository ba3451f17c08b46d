/**
 * The store briefly unavailable: while people use the bot, another connection locks the SQLite file twice — once
 * shorter than the bot's busy timeout (5 s), once longer — and new article files arrive in ARTICLES_DIR during
 * each lock. The verdict adds: every dropped file ends up stored, and no reply is missing from the usage ledger.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { holdExclusiveLock } from '../../../test/support/sqlite-lock.ts';
import type { ScenarioContext, ScenarioResult } from '../scenario.ts';
import { dropArticles, droppedFileProblems, waitForDropped } from '../store-outage.ts';
import { type FaultPlan, runFaultScenario } from './fault-run.ts';

const LOCKS_MS = [3_000, 8_000];
const FIRST_LOCK_AFTER_MS = 3_000;
const BETWEEN_LOCKS_MS = 4_000;

const storeLocked: FaultPlan = {
  name: 'store-locked',
  world: { articlesDir: true },
  interactions: 200,
  concurrency: 20,
  ratePerSecond: 8,
  seed: 24,
  async inject(world) {
    const dropped: string[] = [];
    const locks: { holdMs: number; waitedMs: number }[] = [];
    const articlesDir = world.articlesDir as string;
    const storePath = world.storePath;
    if (storePath === null) throw new Error('store-locked runs on a SQLite store');
    const schedule = (async () => {
      await sleep(FIRST_LOCK_AFTER_MS);
      for (const [index, holdMs] of LOCKS_MS.entries()) {
        const held = holdExclusiveLock(storePath).then(async (lock) => {
          await sleep(holdMs);
          await lock.release();
          return lock;
        });
        dropped.push(...(await dropArticles(articlesDir, `locked_${index}`)));
        locks.push({ holdMs, waitedMs: Math.round((await held).waitedMs) });
        await sleep(BETWEEN_LOCKS_MS);
      }
    })();
    return {
      storedIds: () => dropped,
      async stop() {
        await schedule;
        return { locks, ...(await waitForDropped(world, dropped)) };
      },
    };
  },
  describe: (f) =>
    `locks of ${(f.locks as { holdMs: number }[]).map((l) => `${l.holdMs / 1000} s`).join(' and ')}; ${f.filesIngested}/${f.filesDropped} dropped files ingested`,
  problems: droppedFileProblems,
};

export const storeLockScenario = (context: ScenarioContext): Promise<ScenarioResult> =>
  runFaultScenario(context, storeLocked);
