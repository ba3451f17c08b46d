import { z } from 'zod';
import { blankToUndefined, intInRange } from './env-fields.ts';

/**
 * The most shards newsdesk will run (the biggest bots run a few thousand; Discord wants ≤ 2500 guilds a shard, so
 * this is 40 million guilds). It bounds SHARD_IDS before a range is expanded: `0-99999999` is refused, not listed.
 */
export const MAX_SHARD_COUNT = 16_384;
/** SHARD_IDS listing every id one by one is under 100 000 characters; anything longer is not a shard list. */
const SHARD_IDS_MAX_CHARS = 100_000;
/** discord.js waits this long between two shards' starts: Discord's one identify per 5 s, plus margin. */
export const SHARD_SPAWN_DELAY_MS = 5_500;
/** How long a shard may take from fork to READY (a cold tsx start, the store, the guilds) before the next starts. */
export const SHARD_SPAWN_TIMEOUT_MS = 120_000;

export type ShardCountSetting = number | 'auto';
/** SHARDS_PER_PROCESS: how many of this machine's shards one process serves, or 'auto' (one process per core). */
export type ShardsPerProcessSetting = number | 'auto';

const COUNT_MESSAGE = `expected the total number of shards, a whole number from 1 to ${MAX_SHARD_COUNT}, or auto (Discord's recommendation), e.g. SHARD_COUNT=4`;
const IDS_MESSAGE = 'expected shard ids and ranges separated by commas, e.g. 0-3 or 4,5,6-7';

/** `auto`, or a whole number from 1 to MAX_SHARD_COUNT (blank: `fallback`); anything else is `message`. */
function autoOrShardNumber(fallback: string, message: string) {
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .default(fallback)
      .transform((value, context): number | 'auto' => {
        const text = value.trim().toLowerCase();
        if (text === 'auto') return 'auto';
        const number = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
        if (number >= 1 && number <= MAX_SHARD_COUNT) return number;
        context.addIssue({ code: 'custom', message });
        return z.NEVER;
      }),
  );
}

export const shardCount = autoOrShardNumber('1', COUNT_MESSAGE);

const PER_PROCESS_MESSAGE = `expected how many shards one process serves, a whole number from 1 to ${MAX_SHARD_COUNT}, or auto (this machine's shards spread over one process per core), e.g. SHARDS_PER_PROCESS=2`;

export const shardsPerProcess = autoOrShardNumber('auto', PER_PROCESS_MESSAGE);

type IdsOrProblem = { ids: number[] } | { problem: string };

/** One `7` or `4-7` of SHARD_IDS, bounded before it is expanded. */
function parsePart(part: string): IdsOrProblem {
  const match = /^(\d{1,9})(?:-(\d{1,9}))?$/.exec(part);
  if (!match)
    return { problem: `${JSON.stringify(part.slice(0, 20))} is not an id or a range; ${IDS_MESSAGE}` };
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  if (high < low)
    return { problem: `the range ${part} runs backwards; write it low to high, e.g. ${high}-${low}` };
  if (high >= MAX_SHARD_COUNT) {
    return { problem: `shard ids run from 0 to ${MAX_SHARD_COUNT - 1} at most; ${part} goes past that` };
  }
  return { ids: Array.from({ length: high - low + 1 }, (_, index) => low + index) };
}

/** SHARD_IDS as a sorted list of distinct ids, or what is wrong with it. */
export function parseShardIds(text: string): IdsOrProblem {
  if (text.length > SHARD_IDS_MAX_CHARS)
    return { problem: `longer than ${SHARD_IDS_MAX_CHARS} characters; ${IDS_MESSAGE}` };
  const seen = new Set<number>();
  for (const part of text.split(/[\s,]+/).filter(Boolean)) {
    const parsed = parsePart(part);
    if ('problem' in parsed) return parsed;
    for (const id of parsed.ids) {
      if (seen.has(id)) return { problem: `shard ${id} is listed twice; list each shard once, e.g. 0-3` };
      seen.add(id);
    }
  }
  if (seen.size === 0) return { problem: IDS_MESSAGE };
  return { ids: [...seen].sort((a, b) => a - b) };
}

export const shardIds = z.preprocess(
  blankToUndefined,
  z
    .string()
    .transform((value, context) => {
      const parsed = parseShardIds(value);
      if ('ids' in parsed) return parsed.ids as readonly number[];
      context.addIssue({ code: 'custom', message: parsed.problem });
      return z.NEVER;
    })
    .optional(),
);

/**
 * What is wrong with running `ids` out of `count` shards, or undefined. `countSource` says where the count came
 * from, for the message: the operator's SHARD_COUNT, its default of 1, or Discord's recommendation (auto).
 */
export function shardIdsProblem(
  ids: readonly number[],
  count: number,
  countSource: 'set' | 'default' | 'auto',
): string | undefined {
  const outside = ids.find((id) => id >= count);
  if (outside === undefined) return undefined;
  if (countSource === 'default') {
    const highest = Math.max(...ids);
    return `SHARD_IDS lists shard ${highest} but SHARD_COUNT is not set (1 shard); set SHARD_COUNT to the total number of shards across all machines, e.g. SHARD_COUNT=${highest + 1}`;
  }
  const from =
    countSource === 'auto' ? `SHARD_COUNT=auto (Discord recommends ${count})` : `SHARD_COUNT=${count}`;
  return `shard ${outside} is not below ${from}; ids run from 0 to ${count - 1}, e.g. SHARD_IDS=0-${count - 1}`;
}

/**
 * The shards a process started by the manager serves, from its SHARDS: one id (discord.js's own default, a shard
 * a process) or a JSON list such as `[2,3]` (newsdesk's groups, the form discord.js's Client reads). Bounded: a
 * list longer than the most shards there can be is refused unread.
 */
export function parseManagedShards(text: string | undefined, count: ShardCountSetting): number[] | undefined {
  if (text === undefined || count === 'auto' || text.length > SHARD_IDS_MAX_CHARS) return undefined;
  let value: unknown;
  try {
    value = /^\d{1,6}$/.test(text) ? [Number(text)] : JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const ids = value.filter((id): id is number => Number.isInteger(id) && id >= 0 && id < count);
  if (ids.length !== value.length || new Set(ids).size !== ids.length) return undefined;
  return ids.sort((a, b) => a - b);
}

/**
 * Set by discord.js's ShardingManager in each shard's environment (with SHARD_COUNT), not by operators; and the
 * manager's spawn pacing, a knob for tests (Discord needs the 5.5 s between identifies).
 */
const ManagerEnvSchema = z.object({
  SHARDING_MANAGER: z.preprocess((value) => value === 'true', z.boolean()),
  SHARDS: z.preprocess(blankToUndefined, z.string().trim().optional()),
  SHARD_SPAWN_DELAY_MS: intInRange(SHARD_SPAWN_DELAY_MS, 0, 600_000, 'milliseconds'),
  SHARD_SPAWN_TIMEOUT_MS: intInRange(SHARD_SPAWN_TIMEOUT_MS, 5_000, 3_600_000, 'milliseconds'),
});
type ManagerEnv = z.infer<typeof ManagerEnvSchema>;

export interface ShardingConfig {
  /** SHARD_COUNT: the total across every machine, or 'auto' (asked of Discord at start). */
  readonly count: ShardCountSetting;
  /** SHARD_IDS: the shards this machine runs, sorted; undefined = all of them. */
  readonly ids: readonly number[] | undefined;
  /** SHARDS_PER_PROCESS: how the manager groups this machine's shards into processes. */
  readonly perProcess: ShardsPerProcessSetting;
  /** In a process started by the ShardingManager: the shards it serves (SHARDS); undefined otherwise. */
  readonly managedShards: readonly number[] | undefined;
  readonly spawnDelayMs: number;
  readonly spawnTimeoutMs: number;
}

interface ShardEnv {
  SHARD_COUNT: ShardCountSetting;
  SHARD_IDS?: readonly number[] | undefined;
  SHARDS_PER_PROCESS: ShardsPerProcessSetting;
}

type Issue = { path: [string]; message: string };

/** The checks across keys: ids below the count, and a shard process's SHARDS below its SHARD_COUNT. */
function shardEnvIssues(env: ShardEnv, manager: ManagerEnv, countWasSet: boolean): Issue[] {
  const { SHARD_COUNT: count, SHARD_IDS: ids } = env;
  const issues: Issue[] = [];
  if (ids && count !== 'auto') {
    const problem = shardIdsProblem(ids, count, countWasSet ? 'set' : 'default');
    if (problem) issues.push({ path: ['SHARD_IDS'], message: problem });
  }
  if (manager.SHARDING_MANAGER) {
    if (!parseManagedShards(manager.SHARDS, count)) {
      issues.push({
        path: ['SHARDS'],
        message:
          'expected the ShardingManager to set SHARDS to shard ids below SHARD_COUNT (one id, or a list such as [2,3])',
      });
    }
  }
  return issues;
}

/**
 * The shard keys beyond SHARD_COUNT and SHARD_IDS, and the checks across them, as a refinement of the parsed
 * environment; `raw` is the environment itself (whether SHARD_COUNT was set, and the manager's keys).
 */
export function shardChecks(raw: Record<string, string | undefined>) {
  const countWasSet = blankToUndefined(raw.SHARD_COUNT) !== undefined;
  return (parsed: ShardEnv, context: z.RefinementCtx): void => {
    const manager = ManagerEnvSchema.safeParse(raw);
    const issues = manager.success
      ? shardEnvIssues(parsed, manager.data, countWasSet)
      : manager.error.issues.map((issue) => ({
          path: [String(issue.path[0])] as [string],
          message: issue.message,
        }));
    for (const issue of issues) context.addIssue({ code: 'custom', ...issue });
  };
}

/** Only after shardChecks passed. */
export function toShardingConfig(env: ShardEnv, raw: Record<string, string | undefined>): ShardingConfig {
  const manager = ManagerEnvSchema.parse(raw);
  return {
    count: env.SHARD_COUNT,
    ids: env.SHARD_IDS,
    perProcess: env.SHARDS_PER_PROCESS,
    managedShards: manager.SHARDING_MANAGER ? parseManagedShards(manager.SHARDS, env.SHARD_COUNT) : undefined,
    spawnDelayMs: manager.SHARD_SPAWN_DELAY_MS,
    spawnTimeoutMs: manager.SHARD_SPAWN_TIMEOUT_MS,
  };
}
