/**
 * The store briefly unavailable: while people use the bot, another connection locks the SQLite file twice — once
 * shorter than the bot's busy timeout (5 s), once longer — and new article files arrive in ARTICLES_DIR during
 * each lock. The verdict adds: every dropped file ends up stored, and no reply is missing from the usage ledger.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ScenarioContext, ScenarioResult } from '../scenario.ts';
import { holdExclusiveLock } from '../store-lock.ts';
import type { World } from '../world.ts';
import { type FaultPlan, runFaultScenario } from './fault-run.ts';

const LOCKS_MS = [3_000, 8_000];
const FIRST_LOCK_AFTER_MS = 3_000;
const BETWEEN_LOCKS_MS = 4_000;
const FILES_PER_LOCK = 5;
const INGESTED_TIMEOUT_MS = 40_000;
const INGESTED_LOG = 'articles folder: ingested new or changed files';

async function dropArticles(dir: string, lock: number): Promise<string[]> {
  const ids = Array.from({ length: FILES_PER_LOCK }, (_, n) => `locked_${lock}_${n}`);
  for (const id of ids) {
    const body = `Council report ${id}\n\nThe council met during the outage and agreed on ${id}. It will vote again.\n`;
    await writeFile(path.join(dir, `${id}.txt`), body);
  }
  return ids;
}

function ingestedFiles(world: World): number {
  return world
    .bot()
    .lines.filter((line) => line.msg === INGESTED_LOG)
    .reduce((sum, line) => sum + Number(line.files ?? 0), 0);
}

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
    const schedule = (async () => {
      await sleep(FIRST_LOCK_AFTER_MS);
      for (const [index, holdMs] of LOCKS_MS.entries()) {
        const held = holdExclusiveLock(world.storePath, holdMs);
        dropped.push(...(await dropArticles(articlesDir, index)));
        locks.push({ holdMs, waitedMs: Math.round((await held).waitedMs) });
        await sleep(BETWEEN_LOCKS_MS);
      }
    })();
    return {
      storedIds: () => dropped,
      async stop() {
        await schedule;
        const expected = LOCKS_MS.length * FILES_PER_LOCK;
        await world.discord
          .waitUntil(() => ingestedFiles(world) >= expected, INGESTED_TIMEOUT_MS)
          .catch(() => {});
        return { locks, filesDropped: dropped.length, filesIngested: ingestedFiles(world) };
      },
    };
  },
  describe: (f) =>
    `locks of ${(f.locks as { holdMs: number }[]).map((l) => `${l.holdMs / 1000} s`).join(' and ')}; ${f.filesIngested}/${f.filesDropped} dropped files ingested`,
  problems: (f) =>
    f.filesIngested === f.filesDropped
      ? []
      : [`${f.filesIngested} of ${f.filesDropped} dropped files ingested`],
};

export const storeLockScenario = (context: ScenarioContext): Promise<ScenarioResult> =>
  runFaultScenario(context, storeLocked);
