import type { ShardingConfig } from '../../core/shard-config.ts';
import type { ShardPlacement } from '../../core/shards.ts';

/**
 * The shard a process started by the ShardingManager serves: its SHARDS out of SHARD_COUNT, both set in its
 * environment by the manager and read through config. Undefined outside a manager (a single process, or the
 * manager itself), so an unsharded bot connects exactly as it always has.
 */
export function managedPlacement(sharding: ShardingConfig): ShardPlacement | undefined {
  if (sharding.managedShard === undefined || sharding.count === 'auto') return undefined;
  return { count: sharding.count, ids: [sharding.managedShard] };
}

/** This machine's shards out of `count`: SHARD_IDS, or all of them when it is not set. */
export function machinePlacement(sharding: ShardingConfig, count: number): ShardPlacement {
  return { count, ids: sharding.ids ?? Array.from({ length: count }, (_, id) => id) };
}
