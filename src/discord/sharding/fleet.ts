import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Shard, ShardingManager } from 'discord.js';
import type { Logger } from '../../core/log.ts';
import type { ShardGroup, ShardPlacement } from '../../core/shards.ts';
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
  /** The same shards split into processes: one child process per group, one Client holding its shards. */
  readonly groups: readonly ShardGroup[];
  /** How many processes start at once: Discord's max_concurrency (identifies allowed per 5 s). */
  readonly startConcurrency: number;
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

/**
 * What the fleet's processes share: whether it is stopping (and the signal that cuts a pause short), the pending
 * restarts, and each process's backoff. A discord.js Shard here is one process; its id is its group's first shard.
 */
interface Fleet {
  readonly options: ShardFleetOptions;
  readonly backoff: ReturnType<typeof createRespawnBackoff>;
  readonly timers: Set<NodeJS.Timeout>;
  readonly stopped: AbortController;
  readonly groupOf: Map<number, ShardGroup>;
}

function spawnShard(fleet: Fleet, shard: Shard): Promise<unknown> {
  const group = fleet.groupOf.get(shard.id) ?? [shard.id];
  // discord.js resolves at the process's first shard READY: its other shards identify through the store's leases.
  return shard.spawn(fleet.options.spawnTimeoutMs).catch((error: unknown) => {
    // A death is handled by the 'death' listener; a slow start only means the next process goes ahead.
    if (!fleet.stopped.signal.aborted && shard.process) {
      fleet.options.logger.warn({ shard: shard.id, shards: group, err: error }, 'shard not ready in time');
    }
  });
}

function watchShard(fleet: Fleet, shard: Shard): void {
  const { logger } = fleet.options;
  const shards = fleet.groupOf.get(shard.id);
  shard.on('spawn', (child) => {
    fleet.backoff.started(shard.id);
    logger.info({ shard: shard.id, shards, pid: (child as ChildProcess).pid }, 'shard started');
  });
  shard.on('death', (child) => {
    // mode 'process': every shard is a ChildProcess, never a Worker.
    const { exitCode, signalCode } = child as ChildProcess;
    const exit = { shard: shard.id, shards, code: exitCode, signal: signalCode };
    if (fleet.stopped.signal.aborted) return logger.info(exit, 'shard stopped');
    const delayMs = fleet.backoff.died(shard.id);
    logger.warn({ ...exit, respawnInMs: delayMs }, 'shard exited; respawning');
    const timer = setTimeout(() => {
      fleet.timers.delete(timer);
      if (!fleet.stopped.signal.aborted) void spawnShard(fleet, shard);
    }, delayMs);
    fleet.timers.add(timer);
  });
  shard.on('error', (error: unknown) => logger.error({ shard: shard.id, err: error }, 'shard error'));
}

/** One process for a group: discord.js's Client reads a JSON list in SHARDS as the shards it serves. */
function createGroupShard(fleet: Fleet, manager: ShardingManager, group: ShardGroup): Shard {
  const [first] = group;
  if (first === undefined) throw new Error('a shard group holds at least one shard');
  const shard = manager.createShard(first);
  (shard.env as NodeJS.ProcessEnv).SHARDS = JSON.stringify(group);
  fleet.groupOf.set(first, group);
  watchShard(fleet, shard);
  return shard;
}

/**
 * In waves of max_concurrency processes, as Discord lets that many identify at once: each wave waits for its
 * processes' first READY, then the spawn delay (cut short by stop()), before the next begins.
 */
async function spawnInWaves(fleet: Fleet, manager: ShardingManager): Promise<void> {
  const { groups, startConcurrency, spawnDelayMs } = fleet.options;
  const waveSize = Math.max(1, startConcurrency);
  const { signal } = fleet.stopped;
  for (let start = 0; start < groups.length; start += waveSize) {
    if (signal.aborted) return;
    const wave = groups
      .slice(start, start + waveSize)
      .map((group) => createGroupShard(fleet, manager, group));
    const last = start + waveSize >= groups.length;
    const pause = last ? undefined : sleep(spawnDelayMs, undefined, { signal, ref: false }).catch(() => {});
    await Promise.all([...wave.map((shard) => spawnShard(fleet, shard)), pause]);
  }
  if (!signal.aborted) {
    fleet.options.logger.info(
      { shards: fleet.options.placement.ids, processes: groups.length },
      'all shards started',
    );
  }
}

/**
 * This machine's shards as child processes of a discord.js ShardingManager: one process a group of shards,
 * started in waves, each restarted with a growing delay when it dies. discord.js's own `respawn` restarts at once,
 * forever, so a process that crashes at start-up would fork as fast as it can; it is off and done here instead.
 */
export function startShardFleet(options: ShardFleetOptions): ShardFleet {
  const manager = new ShardingManager(options.file, {
    totalShards: options.placement.count,
    // One entry per process, keyed by its group's first shard: discord.js compares this list with its `shards`
    // map before every broadcastEval, so listing every shard would make those calls fail.
    shardList: options.groups.flatMap((group) => group.slice(0, 1)),
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
    stopped: new AbortController(),
    groupOf: new Map(),
  };
  return {
    started: spawnInWaves(fleet, manager),
    async stop() {
      fleet.stopped.abort();
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
