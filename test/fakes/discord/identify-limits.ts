import { GatewayCloseCodes } from 'discord-api-types/v10';
import type { IdentifyAttempt } from './types.ts';

/** Discord's daily IDENTIFY budget (RESUME does not count) and the window it resets after. */
export const SESSION_START_TOTAL = 1000;
export const SESSION_WINDOW_MS = 24 * 60 * 60_000;
/** Discord: `max_concurrency` identifies per bucket every 5 s. */
export const DEFAULT_IDENTIFY_INTERVAL_MS = 5000;
/** Discord: "sharding is required" above 2500 guilds on one session. */
export const DEFAULT_MAX_GUILDS_PER_SHARD = 2500;
/** Bound on the attempt log (a client looping on op 9 must not grow it without end). */
const MAX_ATTEMPTS = 10_000;

export interface IdentifyLimitOptions {
  maxConcurrency: number;
  identifyIntervalMs: number;
  maxGuildsPerShard: number;
  now: () => number;
}

/** Why an IDENTIFY was refused: op 9 Invalid Session (d: false) or a close code. */
export type IdentifyRefusal = { kind: 'invalid-session' } | { kind: 'close'; code: number; reason: string };

/** The session start limit and the identify buckets of one bot token, as /gateway/bot and the gateway see them. */
export interface IdentifyLimits {
  readonly maxConcurrency: number;
  readonly maxGuildsPerShard: number;
  readonly attempts: readonly IdentifyAttempt[];
  /** The `session_start_limit` object of /gateway/bot, now. */
  sessionStartLimit(): { total: number; remaining: number; reset_after: number; max_concurrency: number };
  /** Checks buckets and budget for a valid shard and records the attempt; null means accepted. */
  admit(shard: [number, number], guildCount: number): IdentifyRefusal | null;
  /** Records an IDENTIFY the gateway refused before the limits were looked at (e.g. 4010). */
  refused(shard: [number, number] | null, code: number): void;
}

export function createIdentifyLimits(options: IdentifyLimitOptions): IdentifyLimits {
  const { maxConcurrency, identifyIntervalMs, maxGuildsPerShard, now } = options;
  if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1)
    throw new Error(`fake Discord: maxConcurrency must be a positive integer, got ${maxConcurrency}`);
  const attempts: IdentifyAttempt[] = [];
  /** rate_limit_key → time of the last accepted IDENTIFY in that bucket. */
  const lastInBucket = new Map<number, number>();
  let windowStart = now();
  let used = 0;

  const roll = () => {
    if (now() - windowStart < SESSION_WINDOW_MS) return;
    windowStart = now();
    used = 0;
  };
  const note = (attempt: IdentifyAttempt) => {
    attempts.push(attempt);
    if (attempts.length > MAX_ATTEMPTS) attempts.splice(0, attempts.length - MAX_ATTEMPTS);
  };

  function refusalFor(guildCount: number, bucket: number): IdentifyRefusal | null {
    if (guildCount > maxGuildsPerShard)
      return { kind: 'close', code: GatewayCloseCodes.ShardingRequired, reason: 'Sharding required.' };
    // Past the daily budget Discord resets the token, so the IDENTIFY fails authentication.
    if (used >= SESSION_START_TOTAL)
      return {
        kind: 'close',
        code: GatewayCloseCodes.AuthenticationFailed,
        reason: 'Authentication failed.',
      };
    const last = lastInBucket.get(bucket);
    if (last !== undefined && now() - last < identifyIntervalMs) return { kind: 'invalid-session' };
    return null;
  }

  return {
    maxConcurrency,
    maxGuildsPerShard,
    attempts,
    sessionStartLimit() {
      roll();
      return {
        total: SESSION_START_TOTAL,
        remaining: SESSION_START_TOTAL - used,
        reset_after: Math.max(0, windowStart + SESSION_WINDOW_MS - now()),
        max_concurrency: maxConcurrency,
      };
    },
    admit(shard, guildCount) {
      roll();
      const bucket = shard[0] % maxConcurrency;
      const refusal = refusalFor(guildCount, bucket);
      const refusedWith = refusal ? (refusal.kind === 'close' ? refusal.code : 'invalid-session') : null;
      note({ shard, bucket, at: now(), accepted: !refusal, refusal: refusedWith });
      if (refusal) return refusal;
      lastInBucket.set(bucket, now());
      used += 1;
      return null;
    },
    refused(shard, code) {
      const bucket = shard ? shard[0] % maxConcurrency : null;
      note({ shard, bucket, at: now(), accepted: false, refusal: code });
    },
  };
}
