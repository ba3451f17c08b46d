import { describe, expect, it } from 'vitest';
import { sharedWithOtherShards } from '../../src/app/discord-bot.ts';
import { managedPlacement } from '../../src/app/shards/placement.ts';
import { checkSharedStore } from '../../src/app/shards/store-check.ts';
import { parseConfig } from '../../src/core/config.ts';
import {
  createRespawnBackoff,
  RESPAWN_MAX_DELAY_MS,
  respawnDelayMs,
} from '../../src/discord/sharding/respawn.ts';
import { problemOf } from '../core/support/config-problem.ts';
import { captureLogs } from '../discord/support/harness.ts';

describe('a shard process’s environment (set by the ShardingManager)', () => {
  it('GIVEN SHARDING_MANAGER, SHARDS and SHARD_COUNT THEN its placement is that one shard of the count', () => {
    const env = { SHARDING_MANAGER: 'true', SHARDS: '2', SHARD_COUNT: '4', SHARD_IDS: '2-3' };
    const { sharding } = parseConfig(env);
    expect(sharding.managedShards).toEqual([2]);
    expect(managedPlacement(sharding)).toEqual({ count: 4, ids: [2] });
  });

  it('GIVEN SHARDS as a JSON list (a group of shards in one process) THEN its placement is those shards, sorted', () => {
    const env = { SHARDING_MANAGER: 'true', SHARDS: '[3, 2]', SHARD_COUNT: '4' };
    expect(managedPlacement(parseConfig(env).sharding)).toEqual({ count: 4, ids: [2, 3] });
  });

  it('GIVEN SHARDS without SHARDING_MANAGER THEN it is ignored', () => {
    expect(managedPlacement(parseConfig({ SHARDS: '3', SHARD_COUNT: '4' }).sharding)).toBeUndefined();
  });

  it.each([
    [{ SHARDS: '4', SHARD_COUNT: '4' }],
    [{ SHARDS: 'x', SHARD_COUNT: '4' }],
    [{ SHARD_COUNT: '4' }],
    [{ SHARDS: '0', SHARD_COUNT: 'auto' }],
    [{ SHARDS: '[]', SHARD_COUNT: '4' }],
    [{ SHARDS: '[1,1]', SHARD_COUNT: '4' }],
    [{ SHARDS: '[1,4]', SHARD_COUNT: '4' }],
    [{ SHARDS: '[1.5]', SHARD_COUNT: '4' }],
    [{ SHARDS: '{"0":1}', SHARD_COUNT: '4' }],
    [{ SHARDS: '[0,', SHARD_COUNT: '4' }],
    [{ SHARDS: `[${'0,'.repeat(60_000)}0]`, SHARD_COUNT: '4' }],
  ])('GIVEN a manager environment %j THEN it is refused', (env) => {
    expect(problemOf({ SHARDING_MANAGER: 'true', ...env })).toMatch(
      /^SHARDS: expected the ShardingManager to set SHARDS to shard ids below SHARD_COUNT \(one id, or a list such as \[2,3\]\)/,
    );
  });
});

describe('respawn backoff', () => {
  it('GIVEN a shard that keeps dying at start THEN each wait doubles, up to the bound', () => {
    let clock = 0;
    const backoff = createRespawnBackoff(() => clock);
    const waits = Array.from({ length: 12 }, () => {
      backoff.started(1);
      clock += 1_000;
      return backoff.died(1);
    });
    expect(waits.slice(0, 4)).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(waits.at(-1)).toBe(RESPAWN_MAX_DELAY_MS);
    expect(respawnDelayMs(1_000)).toBe(RESPAWN_MAX_DELAY_MS);
  });

  it('GIVEN a shard that ran a while before dying THEN it restarts after the first, short wait', () => {
    let clock = 0;
    const backoff = createRespawnBackoff(() => clock);
    for (let i = 0; i < 5; i++) backoff.died(0);
    backoff.started(0);
    clock += 10 * 60_000;
    expect(backoff.died(0)).toBe(1_000);
  });
});

describe('the store the shards share, checked at start', () => {
  const all = { count: 4, ids: [0, 1, 2, 3] };
  const someOf = { count: 4, ids: [0, 1] };

  it('GIVEN memory:// THEN start-up stops, saying which stores can be shared', () => {
    const { logger } = captureLogs();
    expect(() => checkSharedStore('memory://', all, logger)).toThrow(
      /memory:\/\/ is private to each process\. Set STORE_URL to sqlite:\/\/… \(shards on this machine\) or to redis:\/\/… or postgres:\/\/…/,
    );
  });

  it('GIVEN a SQLite file and every shard on this machine THEN it starts, saying several machines need Redis or PostgreSQL', () => {
    const logs = captureLogs();
    checkSharedStore('sqlite://./data/newsdesk.sqlite', all, logs.logger);
    expect(logs.lines.map((line) => [line.level, line.msg])).toEqual([
      [30, expect.stringContaining('shards on several machines need STORE_URL on Redis or PostgreSQL')],
    ]);
  });

  it('GIVEN a SQLite file and only some shards here (others on another machine) THEN a warning says what will not be shared', () => {
    const logs = captureLogs();
    checkSharedStore('sqlite://./data/newsdesk.sqlite', someOf, logs.logger);
    expect(logs.lines).toHaveLength(1);
    expect(logs.lines[0]).toMatchObject({ level: 40, shards: [0, 1], shardCount: 4 });
    expect(String(logs.lines[0]?.msg)).toContain('cooldowns, budgets, usage and feed polling');
  });

  it('GIVEN Redis or PostgreSQL THEN nothing to say, on any share of the shards', () => {
    const logs = captureLogs();
    checkSharedStore('redis://store:6379', someOf, logs.logger);
    checkSharedStore('postgres://db/newsdesk', someOf, logs.logger);
    expect(logs.lines).toEqual([]);
  });
});

describe('what a bot process shares with others through the store', () => {
  it('GIVEN shards served by other processes THEN cooldowns and model calls are shared; GIVEN none THEN kept in memory', () => {
    expect(sharedWithOtherShards({ count: 4, ids: [2, 3] })).toBe(true);
    expect(sharedWithOtherShards({ count: 2, ids: [1] })).toBe(true);
    expect(sharedWithOtherShards({ count: 4, ids: [0, 1, 2, 3] })).toBe(false);
    expect(sharedWithOtherShards(undefined)).toBe(false);
  });
});
