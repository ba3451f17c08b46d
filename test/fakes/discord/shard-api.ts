import { GatewayDispatchEvents } from 'discord-api-types/v10';
import type { FakeContext } from './context.ts';
import type { Gateway } from './gateway.ts';
import { guildCreatePayload, shardOf } from './payloads.ts';
import type { GuildSpec, IdentifyAttempt, SessionView } from './types.ts';

/** Resumable: discord.js resumes after it, as after any close but 1000/1001 and 4004, 4010–4014. */
const DEFAULT_DROP_CODE = 4000;
/** Bound on one addGuilds call (Discord's own cap for a bot is far higher; tests need hundreds). */
const MAX_GUILDS_PER_CALL = 100_000;

/** The test side of sharding: guilds spread over shards, the sessions, the identify log, dropping a shard. */
export function createShardApi(ctx: FakeContext, gateway: Gateway) {
  const { world } = ctx;
  return {
    /**
     * Adds `count` guilds (each with one text channel) whose ids spread evenly over any shard count, and tells the
     * sessions of their shards (GUILD_CREATE). Returns their ids in order.
     */
    addGuilds(count: number, spec: GuildSpec = {}): { guildId: string; channelId: string }[] {
      if (!Number.isInteger(count) || count < 0 || count > MAX_GUILDS_PER_CALL)
        throw new Error(`fake Discord: addGuilds wants 0–${MAX_GUILDS_PER_CALL} guilds, got ${count}`);
      return Array.from({ length: count }, () => {
        const ids = world.addGuild(spec);
        const payload = guildCreatePayload(world, world.requireGuild(ids.guildId));
        gateway.broadcast(ids.guildId, GatewayDispatchEvents.GuildCreate, payload);
        return ids;
      });
    },
    /** The ids of the guilds shard `shardId` of `shardCount` holds, by Discord's `(id >> 22) % shardCount`. */
    guildIdsOnShard(shardId: number, shardCount: number): string[] {
      return [...world.guilds.keys()].filter((id) => shardOf(id, shardCount) === shardId);
    },
    /** Every session the gateway holds (resumable ones too), oldest first. */
    sessions: (): SessionView[] => gateway.sessions(),
    /** Every IDENTIFY received, in order (the last 10 000). */
    identifyAttempts: (): readonly IdentifyAttempt[] => [...ctx.identify.attempts],
    /**
     * Closes the sockets of shard `shardId`'s connected sessions with `closeCode` (4000 by default: the client
     * resumes that shard; the other shards stay up). Throws when that shard has no open socket.
     */
    dropShard(shardId: number, closeCode = DEFAULT_DROP_CODE): void {
      if (gateway.dropShard(shardId, closeCode) === 0)
        throw new Error(`fake Discord: no connected session holds shard ${shardId}`);
    },
  };
}
