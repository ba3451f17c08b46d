import { randomUUID } from 'node:crypto';
import type Keyv from 'keyv';
import { daysBefore, localDate, nextMidnight } from '../core/calendar.ts';
import { type AtomicKeys, atomicKeys } from '../store/atomic.ts';
import { estimateCostUsd } from './anthropic/pricing.ts';
import type { TokenUsage } from './types.ts';

/** One guild's model use on one day of its accounting calendar (its digest time zone, else UTC). */
export interface UsageDay {
  readonly date: string;
  readonly modelCalls: number;
  readonly cachedReplies: number;
  readonly offlineReplies: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheWriteTokens: number;
  readonly costUsd: number;
}

const DAY_MS = 86_400_000;
/** Key used for requests outside any guild (console, CLI, DMs). */
const NO_GUILD = 'none';

/** All counters at zero. */
export const NO_USAGE_YET: Omit<UsageDay, 'date'> = {
  modelCalls: 0,
  cachedReplies: 0,
  offlineReplies: 0,
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  costUsd: 0,
};

const emptyDay = (date: string): UsageDay => ({ date, ...NO_USAGE_YET });

/**
 * Tokens counted against a guild's daily budget: what is billed at the full input/output rates, with prompt-cache
 * reads at a tenth (as they are priced), so caching stretches a budget instead of spending it.
 */
export function budgetTokens(
  day: Pick<UsageDay, 'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'cacheWriteTokens'>,
): number {
  return day.inputTokens + day.outputTokens + day.cacheWriteTokens + Math.ceil(day.cacheReadTokens / 10);
}

export interface UsageLedger {
  recordModelCall(guildId: string | null, model: string, usage: TokenUsage): Promise<void>;
  recordCachedReply(guildId: string | null): Promise<void>;
  recordOfflineReply(guildId: string | null): Promise<void>;
  /** The last `count` days of the guild's calendar ending today, oldest first. */
  days(guildId: string | null, count: number): Promise<UsageDay[]>;
  /** true the first time it is called for this guild on this day. */
  claimBudgetNotice(guildId: string | null): Promise<boolean>;
  /** The time zone the guild's days are counted in, and when its current day (and budget) ends. */
  accountingDay(guildId: string | null): Promise<{ readonly zone: string; readonly endsAt: Date }>;
}

/** How long a guild's time zone is remembered: a zone set with /digest counts within this. */
const ZONE_CACHE_MS = 60_000;
const DEFAULT_ZONE = 'UTC';

/** A count that could not be written (store locked or unreachable) is retried this often, in the background. */
export const CARRIED_RETRY_MS = 2_000;
/** Bound on the counts kept for one guild-day while the store refuses writes; the oldest go first. */
const MAX_CARRIED_CHANGES = 10_000;
const RECORD_TTL_MS = 40 * DAY_MS;

type Change = (day: UsageDay) => UsageDay;
/** What a background retry writes: only what was carried. */
const NOTHING_NEW: Change = (day) => day;

export interface UsageLedgerOptions {
  readonly retryMs?: number;
  /**
   * A guild's time zone (the one its digest is posted in), so its day — and its daily budget — turns at its own
   * midnight; UTC for guilds without one, and outside guilds.
   */
  readonly zoneOf?: ZoneOf | undefined;
}

/** A guild's time zone (the one its digest is posted in); null or undefined when it has none. */
export type ZoneOf = (guildId: string) => Promise<string | null | undefined>;

/**
 * Per guild per day counters in keyv, exact across every process sharing the store: each change is one atomic
 * read-modify-write of the guild-day's record (src/store/atomic.ts), so the daily budget, checked from these counts,
 * holds on every shard process. Changes to one key are also queued in this process (the carry below relies on it).
 * A count the store refused (locked past its busy timeout, unreachable) is not dropped: it is carried
 * into the next write of that guild-day, and retried in the background until the store takes it.
 */
export function createUsageLedger(
  keyv: Keyv,
  now: () => Date = () => new Date(),
  options: UsageLedgerOptions = {},
): UsageLedger {
  const atomic = atomicKeys(keyv);
  const write = carryingWriter(atomic, options.retryMs ?? CARRIED_RETRY_MS);
  const zoneFor = zoneClock(now, options.zoneOf);
  const today = async (guildId: string | null) => localDate(now(), await zoneFor(guildId));
  const update = async (guildId: string | null, change: Change): Promise<void> => {
    const date = await today(guildId);
    return write(keyFor(guildId, date), date, change);
  };
  return {
    recordModelCall: (guildId, model, usage) => update(guildId, modelCall(model, usage)),
    recordCachedReply: (guildId) =>
      update(guildId, (day) => ({ ...day, cachedReplies: day.cachedReplies + 1 })),
    recordOfflineReply: (guildId) =>
      update(guildId, (day) => ({ ...day, offlineReplies: day.offlineReplies + 1 })),
    async days(guildId, count) {
      const last = await today(guildId);
      const dates = Array.from({ length: count }, (_, i) => daysBefore(last, count - 1 - i));
      const stored = await Promise.all(dates.map((date) => keyv.get<UsageDay>(keyFor(guildId, date))));
      return dates.map((date, i) => stored[i] ?? emptyDay(date));
    },
    async claimBudgetNotice(guildId) {
      const key = `notice:${keyFor(guildId, await today(guildId))}`;
      // Our own mark: exactly one process finds it stored afterwards (older records hold `true`, still a claim).
      const mine = randomUUID();
      const stored = await atomic.update<unknown>(key, (current) =>
        current ? 'keep' : { value: mine, ttlMs: 2 * DAY_MS },
      );
      return stored === mine;
    },
    async accountingDay(guildId) {
      const zone = await zoneFor(guildId);
      return { zone, endsAt: nextMidnight(now(), zone) };
    },
  };
}

const keyFor = (guildId: string | null, date: string) => `${guildId ?? NO_GUILD}:${date}`;

const modelCall =
  (model: string, usage: TokenUsage): Change =>
  (day) => ({
    ...day,
    modelCalls: day.modelCalls + 1,
    inputTokens: day.inputTokens + usage.inputTokens,
    outputTokens: day.outputTokens + usage.outputTokens,
    cacheReadTokens: day.cacheReadTokens + usage.cacheReadTokens,
    cacheWriteTokens: day.cacheWriteTokens + usage.cacheWriteTokens,
    costUsd: day.costUsd + estimateCostUsd(model, usage),
  });

type Write = (key: string, date: string, change: Change) => Promise<void>;

/** Serialised read-modify-writes per key; a change the store refused is carried and retried (see createUsageLedger). */
function carryingWriter(atomic: AtomicKeys, retryMs: number): Write {
  const queues = new Map<string, Promise<unknown>>();
  const carried = new Map<string, Change[]>();
  const retryTimers = new Map<string, NodeJS.Timeout>();

  function carry(key: string, date: string, change: Change): void {
    const changes = carried.get(key) ?? [];
    if (change !== NOTHING_NEW) changes.push(change);
    if (changes.length > MAX_CARRIED_CHANGES) changes.shift();
    carried.set(key, changes);
    if (changes.length === 0 || retryTimers.has(key)) return;
    const timer = setTimeout(() => {
      retryTimers.delete(key);
      write(key, date, NOTHING_NEW).catch(() => {}); // a failure schedules the next try
    }, retryMs);
    timer.unref(); // a retry never keeps the process alive
    retryTimers.set(key, timer);
  }

  function write(key: string, date: string, change: Change): Promise<void> {
    const previous = queues.get(key) ?? Promise.resolve();
    const next = previous.then(async () => {
      const changes = [...(carried.get(key) ?? []), change];
      await atomic.update<UsageDay>(key, (stored) => ({
        value: changes.reduce((value, apply) => apply(value), stored ?? emptyDay(date)),
        ttlMs: RECORD_TTL_MS,
      }));
      // Per-key writes are serialised: nothing was carried for this key while this one ran.
      carried.delete(key);
    });
    const settled = next.catch(() => carry(key, date, change));
    queues.set(key, settled);
    void settled.then(() => {
      if (queues.get(key) === settled) queues.delete(key);
    });
    return next;
  }

  return write;
}

/** The time zone each guild's days are counted in, remembered for ZONE_CACHE_MS; UTC without a `zoneOf`. */
function zoneClock(now: () => Date, zoneOf: ZoneOf | undefined): (guildId: string | null) => Promise<string> {
  if (!zoneOf) return () => Promise.resolve(DEFAULT_ZONE);
  const zones = new Map<string, { readonly zone: string; readonly until: number }>();
  const lookups = new Map<string, Promise<string>>();
  async function lookUpZone(guildId: string, lookUp: ZoneOf) {
    try {
      const zone = (await lookUp(guildId)) ?? DEFAULT_ZONE;
      zones.set(guildId, { zone, until: now().getTime() + ZONE_CACHE_MS });
      return zone;
    } catch {
      // A store hiccup: keep counting in the zone known last (else UTC), and ask again next time — a failure
      // remembered for a minute would file a far-off guild's counts under yesterday.
      return zones.get(guildId)?.zone ?? DEFAULT_ZONE;
    } finally {
      lookups.delete(guildId);
    }
  }
  return (guildId) => {
    if (guildId === null) return Promise.resolve(DEFAULT_ZONE);
    const known = zones.get(guildId);
    if (known && known.until > now().getTime()) return Promise.resolve(known.zone);
    // One lookup at a time per guild: concurrent requests share it, so they agree on the zone.
    const pending = lookups.get(guildId) ?? lookUpZone(guildId, zoneOf);
    lookups.set(guildId, pending);
    return pending;
  };
}
