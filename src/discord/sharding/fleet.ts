import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Shard, ShardingManager } from 'discord.js';
import type { Logger } from '../../core/log.ts';
import type { ShardPlacement } from '../../core/shards.ts';
import { createRespawnBackoff } from './respawn.ts';

/** A shard asked to stop (SIGTERM: it closes its gateway and store) is killed if it takes longer than this. */
export const SHARD_STOP_TIMEOUT_MS = 30_000;

export interface ShardFleetOptions {
  /** The script every shard runs, its arguments, and node's flags for it (the tsx loader). */
  readonly file: string;
  readonly args: readonly string[];
  readonly execArgv: readonly string[];
  readonly token: string;
  /** The total shard count and the shards this machine runs. */
  readonly placement: ShardPlacement;
  readonly spawnDelayMs: number;
  readonly spawnTimeoutMs: number;
  readonly logger: Logger;
  readonly now?: () => number;
}

export interface ShardFleet {
  /** Settles once every shard of this machine has been started (ready, or past its spawn timeout). */
  readonly started: Promise<void>;
  /** Stops restarting, asks every shard to stop, and waits for them (killing one that overstays). */
  stop(): Promise<void>;
}

/** What the fleet's shards share: whether it is stopping, the pending restarts, and each shard's backoff. */
interface Fleet {
  readonly options: ShardFleetOptions;
  readonly backoff: ReturnType<typeof createRespawnBackoff>;
  readonly timers: Set<NodeJS.Timeout>;
  stopping: boolean;
}

function spawnShard(fleet: Fleet, shard: Shard): Promise<unknown> {
  return shard.spawn(fleet.options.spawnTimeoutMs).catch((error: unknown) => {
    // A death is handled by the 'death' listener; a slow start only means the next shard goes ahead.
    if (!fleet.stopping && shard.process) {
      fleet.options.logger.warn({ shard: shard.id, err: error }, 'shard not ready in time');
    }
  });
}

function watchShard(fleet: Fleet, shard: Shard): void {
  const { logger } = fleet.options;
  shard.on('spawn', (child) => {
    fleet.backoff.started(shard.id);
    logger.info({ shard: shard.id, pid: (child as ChildProcess).pid }, 'shard started');
  });
  shard.on('death', (child) => {
    // mode 'process': every shard is a ChildProcess, never a Worker.
    const { exitCode, signalCode } = child as ChildProcess;
    const exit = { shard: shard.id, code: exitCode, signal: signalCode };
    if (fleet.stopping) return logger.info(exit, 'shard stopped');
    const delayMs = fleet.backoff.died(shard.id);
    logger.warn({ ...exit, respawnInMs: delayMs }, 'shard exited; respawning');
    const timer = setTimeout(() => {
      fleet.timers.delete(timer);
      if (!fleet.stopping) void spawnShard(fleet, shard);
    }, delayMs);
    fleet.timers.add(timer);
  });
  shard.on('error', (error: unknown) => logger.error({ shard: shard.id, err: error }, 'shard error'));
}

/** One after another, as discord.js's own spawn(): each waits for the previous ready and the spawn delay. */
async function spawnInTurn(fleet: Fleet, manager: ShardingManager): Promise<void> {
  const { ids } = fleet.options.placement;
  for (const [index, id] of ids.entries()) {
    if (fleet.stopping) return;
    const shard = manager.createShard(id);
    watchShard(fleet, shard);
    const pause = index < ids.length - 1 ? sleep(fleet.options.spawnDelayMs) : undefined;
    await Promise.all([spawnShard(fleet, shard), pause]);
  }
  if (!fleet.stopping) fleet.options.logger.info({ shards: ids }, 'all shards started');
}

/**
 * This machine's shards as child processes of a discord.js ShardingManager: one process a shard, started one
 * after another, each restarted with a growing delay when it dies. discord.js's own `respawn` restarts at once,
 * forever, so a shard that crashes at start-up would fork as fast as it can; it is off and done here instead.
 */
export function startShardFleet(options: ShardFleetOptions): ShardFleet {
  const manager = new ShardingManager(options.file, {
    totalShards: options.placement.count,
    shardList: [...options.placement.ids],
    mode: 'process',
    respawn: false,
    shardArgs: [...options.args],
    execArgv: [...options.execArgv],
    token: options.token,
  });
  const fleet: Fleet = {
    options,
    backoff: createRespawnBackoff(options.now),
    timers: new Set(),
    stopping: false,
  };
  return {
    started: spawnInTurn(fleet, manager),
    async stop() {
      fleet.stopping = true;
      for (const timer of fleet.timers) clearTimeout(timer);
      fleet.timers.clear();
      await Promise.all([...manager.shards.values()].map((shard) => stopChild(shard.process)));
    },
  };
}

/** SIGTERM and wait: the shard's own handler closes its gateway and store; SIGKILL only if it overstays. */
async function stopChild(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const overstay = setTimeout(() => child.kill('SIGKILL'), SHARD_STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(overstay);
}
