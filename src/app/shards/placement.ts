import { availableParallelism } from 'node:os';
import type { ShardingConfig, ShardsPerProcessSetting } from '../../core/shard-config.ts';
import type { ShardGroup, ShardPlacement } from '../../core/shards.ts';

/**
 * The shards a process started by the ShardingManager serves: its SHARDS out of SHARD_COUNT, both set in its
 * environment by the manager and read through config. Undefined outside a manager (a single process, or the
 * manager itself), so an unsharded bot connects exactly as it always has.
 */
export function managedPlacement(sharding: ShardingConfig): ShardPlacement | undefined {
  if (sharding.managedShards === undefined || sharding.count === 'auto') return undefined;
  return { count: sharding.count, ids: sharding.managedShards };
}

/** This machine's shards out of `count`: SHARD_IDS, or all of them when it is not set. */
export function machinePlacement(sharding: ShardingConfig, count: number): ShardPlacement {
  return { count, ids: sharding.ids ?? Array.from({ length: count }, (_, id) => id) };
}

/**
 * This machine's shards split into processes, each a run of neighbouring ids. Every process holds its own search
 * index and caches, so memory grows with processes, not shards; but one process runs on one core. `auto` is
 * therefore one process per core (never more processes than shards), the shards spread evenly over them; a number
 * is that many shards a process, the last one taking what is left.
 */
export function processGroups(
  ids: readonly number[],
  perProcess: ShardsPerProcessSetting,
  cores: number = availableParallelism(),
): ShardGroup[] {
  const processes =
    perProcess === 'auto' ? Math.max(1, Math.min(cores, ids.length)) : Math.ceil(ids.length / perProcess);
  const groups: ShardGroup[] = [];
  let start = 0;
  for (let index = 0; index < processes; index++) {
    // Even spread: the first (length % processes) groups take one shard more.
    const size =
      perProcess === 'auto'
        ? Math.floor(ids.length / processes) + (index < ids.length % processes ? 1 : 0)
        : perProcess;
    groups.push(ids.slice(start, start + size));
    start += size;
  }
  return groups.filter((group) => group.length > 0);
}
