/**
 * Which shards this process serves, out of how many: one gateway connection per shard id. A process outside a
 * ShardingManager serves all of them ({ count: 1, ids: [0] } for a bot that is not sharded).
 */
export interface ShardPlacement {
  readonly count: number;
  readonly ids: readonly number[];
}

/** The shards one process serves, in one discord.js Client: a run of ids, sorted. */
export type ShardGroup = readonly number[];

export const UNSHARDED: ShardPlacement = { count: 1, ids: [0] };

/** Discord's routing: the shard that receives a guild's events, `(guild_id >> 22) % shard_count`. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/**
 * Jobs done once per deployment by a fixed shard (command registration): the process that holds shard 0. Events
 * without a guild (DMs) also arrive on shard 0 only.
 */
export function holdsShardZero(placement: ShardPlacement): boolean {
  return placement.ids.includes(0);
}
