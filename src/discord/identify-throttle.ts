import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { WebSocketOptions } from 'discord.js';
import type { Logger } from '../core/log.ts';
import type { Leases } from '../store/lease.ts';

/** Discord accepts one IDENTIFY per rate-limit bucket per 5 s, across every connection of the bot. */
export const IDENTIFY_INTERVAL_MS = 5_000;
/** Added to the interval: machines' clocks and Discord's differ by a little. */
const IDENTIFY_MARGIN_MS = 250;
/** How often a shard waiting for its bucket asks the store again (with jitter, so waiters do not move in step). */
const BUCKET_POLL_MS = 250;

/** What discord.js's `ws.buildIdentifyThrottler` option takes. */
export type BuildIdentifyThrottler = NonNullable<WebSocketOptions['buildIdentifyThrottler']>;

export interface SharedIdentifyOptions {
  readonly leases: Leases;
  readonly logger: Logger;
  readonly intervalMs?: number;
}

/**
 * discord.js paces IDENTIFY per process only; shards in several processes (a ShardingManager's children, or two
 * machines) that identify in the same bucket within 5 s are refused with op 9 and wait to try again. This paces
 * them through the store: a bucket is a lease that is never released, so its expiry is the moment the next shard
 * of that bucket (`shard_id % max_concurrency`) may identify. If the store fails, the shard waits one interval and
 * identifies (Discord's op 9 remains the backstop). The waits never keep a process alive: a shard stopping while
 * discord.js waits to reconnect exits at once.
 */
export function sharedIdentifyThrottler(options: SharedIdentifyOptions): BuildIdentifyThrottler {
  const intervalMs = options.intervalMs ?? IDENTIFY_INTERVAL_MS;
  return async (manager) => {
    const { max_concurrency: maxConcurrency } = (await manager.fetchGatewayInformation()).session_start_limit;
    return {
      async waitForIdentify(shardId, signal) {
        const bucket = `identify:${shardId % Math.max(1, maxConcurrency)}`;
        const turn = randomUUID();
        for (;;) {
          signal.throwIfAborted();
          try {
            if (await options.leases.acquire(bucket, turn, intervalMs + IDENTIFY_MARGIN_MS)) return;
          } catch (error) {
            options.logger.warn(
              { err: error, shard: shardId },
              'identify pacing store failed; waiting one interval',
            );
            await sleep(intervalMs, undefined, { signal, ref: false });
            return;
          }
          await sleep(BUCKET_POLL_MS * (0.5 + Math.random()), undefined, { signal, ref: false });
        }
      },
    };
  };
}
