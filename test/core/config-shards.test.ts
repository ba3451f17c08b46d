import { describe, expect, it } from 'vitest';
import { machinePlacement, managedPlacement, processGroups } from '../../src/app/shards/placement.ts';
import { parseConfig } from '../../src/core/config.ts';
import { MAX_SHARD_COUNT, parseShardIds, shardIdsProblem } from '../../src/core/shard-config.ts';
import { problemOf } from './support/config-problem.ts';

describe('SHARD_COUNT and SHARD_IDS', () => {
  it('GIVEN neither THEN one shard, all ids, and no managed shard', () => {
    const { sharding } = parseConfig({});
    expect(sharding).toMatchObject({
      count: 1,
      ids: undefined,
      managedShards: undefined,
      perProcess: 'auto',
      spawnDelayMs: 5_500,
    });
    expect(managedPlacement(sharding)).toBeUndefined();
    expect(machinePlacement(sharding, 1)).toEqual({ count: 1, ids: [0] });
  });

  it('GIVEN good values THEN the count and this machine’s sorted ids', () => {
    expect(parseConfig({ SHARD_COUNT: ' 8 ' }).sharding.count).toBe(8);
    expect(parseConfig({ SHARD_COUNT: 'AUTO' }).sharding.count).toBe('auto');
    expect(parseConfig({ SHARD_COUNT: '8', SHARD_IDS: '6-7, 4,5' }).sharding.ids).toEqual([4, 5, 6, 7]);
    expect(parseConfig({ SHARD_COUNT: 'auto', SHARD_IDS: '0-3' }).sharding.ids).toEqual([0, 1, 2, 3]);
    expect(parseConfig({ SHARD_IDS: '0' }).sharding.ids).toEqual([0]);
    const sharding = parseConfig({ SHARD_COUNT: '4', SHARD_IDS: '2-3' }).sharding;
    expect(machinePlacement(sharding, 4)).toEqual({ count: 4, ids: [2, 3] });
    expect(machinePlacement(parseConfig({ SHARD_COUNT: '3' }).sharding, 3)).toEqual({
      count: 3,
      ids: [0, 1, 2],
    });
  });

  it.each([['0'], ['-1'], ['1.5'], ['abc'], [String(MAX_SHARD_COUNT + 1)]])(
    'GIVEN SHARD_COUNT=%s THEN one line says what to write',
    (value) => {
      expect(problemOf({ SHARD_COUNT: value })).toBe(
        `SHARD_COUNT: expected the total number of shards, a whole number from 1 to ${MAX_SHARD_COUNT}, or auto (Discord's recommendation), e.g. SHARD_COUNT=4 (got ${JSON.stringify(value)})`,
      );
    },
  );

  it.each([
    [
      'abc',
      '"abc" is not an id or a range; expected shard ids and ranges separated by commas, e.g. 0-3 or 4,5,6-7',
    ],
    [
      '-1',
      '"-1" is not an id or a range; expected shard ids and ranges separated by commas, e.g. 0-3 or 4,5,6-7',
    ],
    [
      '1.5',
      '"1.5" is not an id or a range; expected shard ids and ranges separated by commas, e.g. 0-3 or 4,5,6-7',
    ],
    [',', 'expected shard ids and ranges separated by commas, e.g. 0-3 or 4,5,6-7'],
    ['3-1', 'the range 3-1 runs backwards; write it low to high, e.g. 1-3'],
    ['0-99999999', `shard ids run from 0 to ${MAX_SHARD_COUNT - 1} at most; 0-99999999 goes past that`],
    ['0-3,2', 'shard 2 is listed twice; list each shard once, e.g. 0-3'],
    ['4', 'shard 4 is not below SHARD_COUNT=4; ids run from 0 to 3, e.g. SHARD_IDS=0-3'],
  ])('GIVEN SHARD_IDS=%s of SHARD_COUNT=4 THEN "%s"', (value, message) => {
    expect(problemOf({ SHARD_COUNT: '4', SHARD_IDS: value })).toBe(
      `SHARD_IDS: ${message} (got ${JSON.stringify(value)})`,
    );
  });

  it('GIVEN SHARD_IDS without SHARD_COUNT (or with 1) THEN the line says to set SHARD_COUNT', () => {
    expect(problemOf({ SHARD_IDS: '0-3' })).toBe(
      'SHARD_IDS: SHARD_IDS lists shard 3 but SHARD_COUNT is not set (1 shard); set SHARD_COUNT to the total number of shards across all machines, e.g. SHARD_COUNT=4 (got "0-3")',
    );
    expect(problemOf({ SHARD_COUNT: '1', SHARD_IDS: '1' })).toMatch(
      /^SHARD_IDS: shard 1 is not below SHARD_COUNT=1;/,
    );
  });

  it('GIVEN a SHARD_IDS of a million characters THEN it is refused without being parsed', () => {
    expect(parseShardIds('0,'.repeat(500_000))).toEqual({
      problem:
        'longer than 100000 characters; expected shard ids and ranges separated by commas, e.g. 0-3 or 4,5,6-7',
    });
  });

  it('GIVEN auto resolved to 2 THEN ids past it are named with Discord’s recommendation', () => {
    expect(shardIdsProblem([0, 1, 2], 2, 'auto')).toBe(
      'shard 2 is not below SHARD_COUNT=auto (Discord recommends 2); ids run from 0 to 1, e.g. SHARD_IDS=0-1',
    );
    expect(shardIdsProblem([0, 1], 2, 'auto')).toBeUndefined();
  });

  it('GIVEN a bad spawn knob THEN its line names the range', () => {
    expect(parseConfig({ SHARD_SPAWN_DELAY_MS: '0' }).sharding.spawnDelayMs).toBe(0);
    expect(problemOf({ SHARD_SPAWN_DELAY_MS: 'soon' })).toBe(
      'SHARD_SPAWN_DELAY_MS: expected a whole number of milliseconds from 0 to 600000 (got "soon")',
    );
  });
});

describe('SHARDS_PER_PROCESS: this machine’s shards grouped into processes', () => {
  it('GIVEN a number or auto THEN it is read; anything else is one line saying what to write', () => {
    expect(parseConfig({ SHARDS_PER_PROCESS: ' 2 ' }).sharding.perProcess).toBe(2);
    expect(parseConfig({ SHARDS_PER_PROCESS: 'Auto' }).sharding.perProcess).toBe('auto');
    for (const value of ['0', '-2', 'two', '2.5', String(MAX_SHARD_COUNT + 1)]) {
      expect(problemOf({ SHARDS_PER_PROCESS: value })).toBe(
        `SHARDS_PER_PROCESS: expected how many shards one process serves, a whole number from 1 to ${MAX_SHARD_COUNT}, or auto (this machine's shards spread over one process per core), e.g. SHARDS_PER_PROCESS=2 (got ${JSON.stringify(value)})`,
      );
    }
  });

  it('GIVEN a number THEN runs of neighbouring shards that many a process, the last taking the rest', () => {
    expect(processGroups([0, 1, 2, 3], 2)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(processGroups([4, 5, 6, 7, 8], 2)).toEqual([[4, 5], [6, 7], [8]]);
    expect(processGroups([0, 1, 2], 1)).toEqual([[0], [1], [2]]);
    expect(processGroups([0, 1, 2], 16)).toEqual([[0, 1, 2]]);
  });

  it('GIVEN auto THEN one process per core, never more processes than shards, shards spread evenly', () => {
    expect(processGroups([0, 1, 2, 3], 'auto', 2)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(processGroups([0, 1, 2, 3, 4], 'auto', 2)).toEqual([
      [0, 1, 2],
      [3, 4],
    ]);
    expect(processGroups([2, 3], 'auto', 8)).toEqual([[2], [3]]);
    expect(processGroups([0, 1, 2, 3], 'auto', 1)).toEqual([[0, 1, 2, 3]]);
    const spread = processGroups(
      Array.from({ length: 100 }, (_, id) => id),
      'auto',
      7,
    );
    expect(spread.map((group) => group.length)).toEqual([15, 15, 14, 14, 14, 14, 14]);
    expect(spread.flat()).toEqual(Array.from({ length: 100 }, (_, id) => id));
  });
});
