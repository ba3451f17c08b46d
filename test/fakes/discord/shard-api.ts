import { GatewayDispatchEvents } from 'discord-api-types/v10';
import type { FakeContext } from './context.ts';
import type { Gateway } from './gateway.ts';
import { guildCreatePayload, shardOf } from './payloads.ts';
import type { GuildSpec, IdentifyAttempt, SessionView } from './types.ts';
import type { World } from './world.ts';

/** Resumable: discord.js resumes after it, as after any close but 1000/1001 and 4004, 4010–4014. */
const DEFAULT_DROP_CODE = 4000;
/** Bound on one addGuilds call and on the `guilds` option (a bot may have far more; tests need hundreds). */
const MAX_GUILDS_PER_CALL = 100_000;

const checkCount = (count: number, min: number, what: string) => {
  if (!Number.isInteger(count) || count < min || count > MAX_GUILDS_PER_CALL)
    throw new Error(`fake Discord: ${what} wants ${min}–${MAX_GUILDS_PER_CALL} guilds, got ${count}`);
};

/** The `guilds` option: the world holds `total` guilds, the default one included, spread over shards. */
export function seedGuilds(world: World, total: number): void {
  checkCount(total, 1, 'the guilds option');
  for (let i = 1; i < total; i += 1) world.addGuild({});
}

/** The test side of sharding: guilds spread over shards, the sessions, the identify log, dropping a shard. */
export interface ShardApi {
  /**
   * Adds `count` guilds (each with one text channel) whose ids spread evenly over any shard count, and tells the
   * sessions of their shards (GUILD_CREATE). Returns their ids in order.
   */
  addGuilds(count: number, spec?: GuildSpec): { guildId: string; channelId: string }[];
  /** The ids of the guilds shard `shardId` of `shardCount` holds, by Discord's `(id >> 22) % shardCount`. */
  guildIdsOnShard(shardId: number, shardCount: number): string[];
  /** Every session the gateway holds (resumable ones too), oldest first. */
  sessions(): SessionView[];
  /** Every IDENTIFY received, in order (the last 10 000). */
  identifyAttempts(): readonly IdentifyAttempt[];
  /**
   * Closes the sockets of shard `shardId`'s connected sessions with `closeCode` (4000 by default: the client
   * resumes that shard; the other shards stay up). Throws when that shard has no open socket.
   */
  dropShard(shardId: number, closeCode?: number): void;
}

export function createShardApi(ctx: FakeContext, gateway: Gateway): ShardApi {
  const { world } = ctx;
  return {
    addGuilds(count, spec = {}) {
      checkCount(count, 0, 'addGuilds');
      return Array.from({ length: count }, () => {
        const ids = world.addGuild(spec);
        const payload = guildCreatePayload(world, world.requireGuild(ids.guildId));
        gateway.broadcast(ids.guildId, GatewayDispatchEvents.GuildCreate, payload);
        return ids;
      });
    },
    guildIdsOnShard(shardId, shardCount) {
      return [...world.guilds.keys()].filter((id) => shardOf(id, shardCount) === shardId);
    },
    sessions: () => gateway.sessions(),
    identifyAttempts: () => [...ctx.identify.attempts],
    dropShard(shardId, closeCode = DEFAULT_DROP_CODE) {
      if (gateway.dropShard(shardId, closeCode) === 0)
        throw new Error(`fake Discord: no connected session holds shard ${shardId}`);
    },
  };
}
