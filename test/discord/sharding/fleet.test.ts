import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ShardGroup } from '../../../src/core/shards.ts';
import { type ShardFleet, startShardFleet } from '../../../src/discord/sharding/fleet.ts';
import { captureLogs } from '../support/harness.ts';

const CHILD = path.join(import.meta.dirname, 'ready-child.mjs');

interface ChildRecord {
  shards: number[];
  pid: number;
  startedAt: number;
}

describe('the shard fleet: one child process per group of shards, started in waves', () => {
  let dir: string;
  let fleet: ShardFleet | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-fleet-'));
  });

  afterEach(async () => {
    await fleet?.stop();
    delete process.env.FLEET_TEST_DIR;
    delete process.env.READY_AFTER_MS;
    await rm(dir, { recursive: true, force: true });
  });

  function start(groups: ShardGroup[], startConcurrency: number, spawnDelayMs: number, readyAfterMs = 0) {
    process.env.FLEET_TEST_DIR = dir;
    process.env.READY_AFTER_MS = String(readyAfterMs);
    const logs = captureLogs();
    const ids = groups.flat();
    fleet = startShardFleet({
      file: CHILD,
      args: [],
      execArgv: [],
      token: 'fake.bot.token',
      placement: { count: Math.max(...ids) + 1, ids },
      groups,
      startConcurrency,
      spawnDelayMs,
      spawnTimeoutMs: 10_000,
      logger: logs.logger,
    });
    return logs;
  }

  const children = async (): Promise<ChildRecord[]> => {
    const names = (await readdir(dir)).filter((name) => name.endsWith('.json'));
    const records = await Promise.all(
      names.map(async (name) => JSON.parse(await readFile(path.join(dir, name), 'utf8'))),
    );
    return (records as ChildRecord[]).sort((a, b) => (a.shards[0] ?? 0) - (b.shards[0] ?? 0));
  };

  it('GIVEN groups [0,1] and [2,3] and max_concurrency 2 THEN both processes start at once, each given its group', async () => {
    const logs = start(
      [
        [0, 1],
        [2, 3],
      ],
      2,
      60_000,
      400,
    );
    await fleet?.started;
    const started = await children();
    expect(started.map((child) => child.shards)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    // The second began before the first could have said ready: one wave, not one after another.
    expect(Math.abs((started[1]?.startedAt ?? 0) - (started[0]?.startedAt ?? 0))).toBeLessThan(400);
    expect(logs.lines.filter((line) => line.msg === 'shard started').map((line) => line.shards)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(logs.lines.find((line) => line.msg === 'all shards started')).toMatchObject({ processes: 2 });
  }, 20_000);

  it('GIVEN stop() during the pause between waves THEN it returns at once and the next wave never starts', async () => {
    const logs = start([[0], [1]], 1, 60_000);
    const began = Date.now();
    while ((await children()).length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await fleet?.stop();
    await fleet?.started;
    expect(Date.now() - began).toBeLessThan(10_000);
    expect((await children()).map((child) => child.shards)).toEqual([[0]]);
    const stopped = logs.lines.filter((line) => line.msg === 'shard stopped');
    expect(stopped.map((line) => [line.shards, line.code])).toEqual([[[0], 0]]);
    expect(logs.lines.some((line) => line.msg === 'all shards started')).toBe(false);
  }, 20_000);
});
