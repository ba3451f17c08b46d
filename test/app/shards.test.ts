import { describe, expect, it } from 'vitest';
import { managedPlacement } from '../../src/app/shards/placement.ts';
import { parseConfig } from '../../src/core/config.ts';
import {
  createRespawnBackoff,
  RESPAWN_MAX_DELAY_MS,
  respawnDelayMs,
} from '../../src/discord/sharding/respawn.ts';
import { problemOf } from '../core/support/config-problem.ts';

describe('a shard process’s environment (set by the ShardingManager)', () => {
  it('GIVEN SHARDING_MANAGER, SHARDS and SHARD_COUNT THEN its placement is that one shard of the count', () => {
    const env = { SHARDING_MANAGER: 'true', SHARDS: '2', SHARD_COUNT: '4', SHARD_IDS: '2-3' };
    const { sharding } = parseConfig(env);
    expect(sharding.managedShard).toBe(2);
    expect(managedPlacement(sharding)).toEqual({ count: 4, ids: [2] });
  });

  it('GIVEN SHARDS without SHARDING_MANAGER THEN it is ignored', () => {
    expect(managedPlacement(parseConfig({ SHARDS: '3', SHARD_COUNT: '4' }).sharding)).toBeUndefined();
  });

  it.each([
    [{ SHARDS: '4', SHARD_COUNT: '4' }],
    [{ SHARDS: 'x', SHARD_COUNT: '4' }],
    [{ SHARD_COUNT: '4' }],
    [{ SHARDS: '0', SHARD_COUNT: 'auto' }],
  ])('GIVEN a manager environment %j THEN it is refused', (env) => {
    expect(problemOf({ SHARDING_MANAGER: 'true', ...env })).toMatch(
      /^SHARDS: expected the ShardingManager to set SHARDS below SHARD_COUNT/,
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
