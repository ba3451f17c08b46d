import path from 'node:path';
import type { Config } from '../../core/config.ts';
import { UserFacingError } from '../../core/errors.ts';
import type { Logger } from '../../core/log.ts';
import { shardIdsProblem } from '../../core/shard-config.ts';
import type { ShardPlacement } from '../../core/shards.ts';
import { startShardFleet } from '../../discord/sharding/fleet.ts';
import { fetchGatewayBot } from '../../discord/sharding/gateway-bot.ts';
import { ignoreFurtherSignals, leaveManager, managerGone } from './child.ts';
import { machinePlacement, managedPlacement, processGroups } from './placement.ts';
import { checkSharedStore } from './store-check.ts';

/** Every shard runs the same entry as `npm start`, through the same TypeScript loader. */
const SHARD_ENTRY = path.resolve(import.meta.dirname, '../../main.ts');
const SHARD_ARGS = ['start'];

/** What `npm start` runs until a signal: one bot process, a shard of a ShardingManager, or the manager itself. */
export interface Launched {
  /** Resolves when the process should stop on its own (a shard whose manager is gone); never otherwise. */
  readonly ended: Promise<string>;
  stop(): Promise<void>;
}

const never = new Promise<string>(() => {});

/**
 * SHARD_COUNT=1: one process serving everything, exactly as before sharding. Above 1 (or auto, resolved through
 * DISCORD_API_URL): this process becomes the ShardingManager of this machine's SHARD_IDS and opens no store or
 * gateway itself. In a process the manager started: the bot, on the shards the manager gave it.
 */
export async function launchBot(config: Config, logger: Logger): Promise<Launched> {
  const managed = managedPlacement(config.sharding);
  if (managed) return runShard(config, logger, managed);
  const { count, maxConcurrency } = await resolveShardCount(config, logger);
  if (count === 1) {
    const { runBotProcess } = await import('../bot-process.ts');
    const bot = await runBotProcess(config, logger);
    return { ended: never, stop: bot.stop };
  }
  const placement = machinePlacement(config.sharding, count);
  checkSharedStore(config.storeUrl, placement, logger);
  const groups = processGroups(placement.ids, config.sharding.perProcess);
  logger.info({ shardCount: count, shards: placement.ids, processes: groups }, 'starting shards');
  const fleet = startShardFleet({
    file: SHARD_ENTRY,
    args: SHARD_ARGS,
    execArgv: ['--import', import.meta.resolve('tsx')],
    token: config.discord.token ?? '',
    placement,
    groups,
    startConcurrency: maxConcurrency,
    spawnDelayMs: config.sharding.spawnDelayMs,
    spawnTimeoutMs: config.sharding.spawnTimeoutMs,
    logger,
  });
  return { ended: never, stop: fleet.stop };
}

async function runShard(config: Config, logger: Logger, placement: ShardPlacement): Promise<Launched> {
  const ended = managerGone();
  const { runBotProcess } = await import('../bot-process.ts');
  const bot = await runBotProcess(config, logger, placement);
  return {
    ended,
    async stop() {
      ignoreFurtherSignals();
      await bot.stop();
      leaveManager();
    },
  };
}

/**
 * SHARD_COUNT as a number, and how many shards Discord lets identify at once (max_concurrency). Sharded, Discord
 * is asked first even for a fixed count: a rejected token is then one line here, not every shard failing and
 * restarting; and a count below Discord's recommendation is worth a warning.
 */
async function resolveShardCount(
  config: Config,
  logger: Logger,
): Promise<{ count: number; maxConcurrency: number }> {
  const { count, ids } = config.sharding;
  if (count === 1) return { count: 1, maxConcurrency: 1 };
  const token = config.discord.token ?? '';
  // The manager loads the bot's modules only to explain a failure: it runs no bot itself.
  const gateway = await fetchGatewayBot(config.discord, token).catch(async (error: unknown) =>
    (await import('../bot-process.ts')).explainLoginFailure(config)(error),
  );
  const resolved = count === 'auto' ? gateway.shards : count;
  const { shards: recommended, maxConcurrency, remainingIdentifies } = gateway;
  logger.info(
    { recommended, maxConcurrency, remainingIdentifies, shardCount: resolved },
    'shard count resolved',
  );
  if (count === 'auto') {
    const problem = ids && shardIdsProblem(ids, resolved, 'auto');
    if (problem) throw new UserFacingError(`SHARD_IDS: ${problem}`, 'config');
  } else if (count < gateway.shards) {
    logger.warn(
      { shardCount: count, recommended: gateway.shards },
      'SHARD_COUNT is below Discord’s recommendation',
    );
  }
  const starting = ids?.length ?? resolved;
  if (gateway.remainingIdentifies < starting) {
    logger.warn({ remaining: gateway.remainingIdentifies, starting }, 'few gateway identifies left today');
  }
  return { count: resolved, maxConcurrency };
}
