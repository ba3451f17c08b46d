import { randomBytes } from 'node:crypto';

const DISCORD_EPOCH_MS = 1_420_070_400_000;
/** Ids made under a test clock near 1970 would be short; 17–19 digits is what Discord (and the REST buckets) use. */
const MIN_ID_TIME_MS = Date.UTC(2020, 0, 1);
const WORKER_BITS = 1n << 17n;

/** The fixed ids of the default world, readable in test output. */
export const DEFAULT_IDS = {
  application: '100000000000000001',
  guild: '200000000000000002',
  channel: '300000000000000003',
  user: '400000000000000004',
  owner: '400000000000000009',
} as const;

/** Snowflakes carrying the clock's time (so discord.js `createdTimestamp` is right), strictly increasing. */
export function createSnowflakes(now: () => number): () => string {
  let last = 0n;
  return () => {
    const ms = BigInt(Math.floor(Math.max(now(), MIN_ID_TIME_MS)) - DISCORD_EPOCH_MS);
    let id = (ms << 22n) | WORKER_BITS;
    if (id <= last) id = last + 1n;
    last = id;
    return id.toString();
  };
}

/** Guild ids start here: a fixed past time, so they read as real guilds created before the bot joined. */
const GUILD_ID_START_MS = Date.UTC(2021, 0, 1);
/** Another worker id than createSnowflakes, so a guild id never equals any other id. */
const GUILD_WORKER_BITS = 2n << 17n;

/**
 * Guild ids one millisecond apart: `(id >> 22)` grows by one per guild, so `(id >> 22) % shardCount` cycles and
 * consecutive guilds spread evenly over any shard count.
 */
export function createGuildIds(): () => string {
  let next = BigInt(GUILD_ID_START_MS - DISCORD_EPOCH_MS);
  return () => {
    const id = (next << 22n) | GUILD_WORKER_BITS;
    next += 1n;
    return id.toString();
  };
}

/** Interaction tokens are long opaque strings; base64url keeps them path-safe like Discord's. */
export function interactionToken(): string {
  return `aW50ZXJhY3Rpb24${randomBytes(48).toString('base64url')}`;
}
