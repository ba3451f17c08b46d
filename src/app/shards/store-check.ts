import { UserFacingError } from '../../core/errors.ts';
import type { Logger } from '../../core/log.ts';
import type { ShardPlacement } from '../../core/shards.ts';

/**
 * Shards share cooldowns, budgets, usage counts and the jobs' leases through STORE_URL, so the manager says at start
 * whether this store can be shared that far: memory:// cannot at all; a SQLite file only by the shards of this
 * machine; Redis and PostgreSQL by every machine.
 */
export function checkSharedStore(storeUrl: string, placement: ShardPlacement, logger: Logger): void {
  const scheme = storeUrl.slice(0, storeUrl.indexOf(':'));
  if (scheme === 'memory')
    throw new UserFacingError(
      'SHARD_COUNT above 1 needs a store every shard shares, and memory:// is private to each process. Set STORE_URL to sqlite://… (shards on this machine) or to redis://… or postgres://… (shards on several machines).',
      'config',
    );
  if (scheme !== 'sqlite') return;
  if (placement.ids.length === placement.count) {
    logger.info(
      'the shards share the SQLite file of this machine; shards on several machines need STORE_URL on Redis or PostgreSQL',
    );
    return;
  }
  logger.warn(
    { shards: placement.ids, shardCount: placement.count },
    'SHARD_IDS runs only some shards here, but a SQLite file is shared only on one machine: the other machines’ shards will keep their own cooldowns, budgets, usage and feed polling. Set STORE_URL to redis://… or postgres://… on every machine.',
  );
}
