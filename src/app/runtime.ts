import type Keyv from 'keyv';
import { classifyAnthropicError, createAnthropicAnswerer } from '../answer/anthropic/provider.ts';
import { createAnswerCache } from '../answer/cache.ts';
import { createNewsroom, type NewsroomSettings } from '../answer/newsroom.ts';
import {
  FLIGHT_FAILED_TTL_MS,
  FLIGHT_LEASE_MARGIN_MS,
  FLIGHT_POLL_INTERVAL_MS,
  type FlightTimings,
  MAX_FLIGHT_WAIT_MS,
  type SharedFlights,
} from '../answer/newsroom-shared-flight.ts';
import type { Newsroom } from '../answer/newsroom-types.ts';
import { createOfflinePool, createPooledOfflineAnswerer } from '../answer/offline-pool.ts';
import { loadPrompts, type Prompts } from '../answer/prompts.ts';
import type { Answerer } from '../answer/types.ts';
import { createUsageLedger, type UsageLedger, type ZoneOf } from '../answer/usage.ts';
import type { ArticleStore } from '../articles/article.ts';
import { closeProcessCataloguePool } from '../articles/search/catalogue-pool.ts';
import { openArticleStore } from '../articles/store.ts';
import type { Config } from '../core/config.ts';
import type { Logger } from '../core/log.ts';
import { closeProcessIngestPool } from '../ingest/worker-pool.ts';
import { atomicKeys } from '../store/atomic.ts';
import { openKeyv } from '../store/keyv.ts';
import { createLeases, processHolder } from '../store/lease.ts';

const HOUR_MS = 3_600_000;

/** Everything a transport needs, opened from the config; close() releases the store connections. */
export interface NewsroomRuntime {
  readonly newsroom: Newsroom;
  readonly store: ArticleStore;
  readonly usage: UsageLedger;
  /** Which answerer serves: shown in the console banner and the CLI's JSON. */
  readonly provider: 'anthropic' | 'extractive';
  readonly openKeyv: (namespace: string) => Promise<Keyv>;
  close(): Promise<void>;
}

interface RuntimeOptions {
  fetch?: typeof fetch;
  now?: () => Date;
  /** A guild's time zone for its usage days and budget (the bot passes its digest zone); else UTC. */
  zoneOf?: ZoneOf;
  /** Tests: shorter leases and polls for the cross-process single flight. */
  flightTimings?: Partial<FlightTimings>;
  /**
   * Whether other processes on this store may make the same model calls (shards): then identical requests cost
   * one call across them, through leases in the store. false (the only bot process, SHARD_COUNT=1) keeps the
   * single flight in this process and saves the lease writes per call; a CLI run beside it may then, at worst,
   * make one call the bot also makes. Default true.
   */
  acrossProcesses?: boolean;
}

export async function openNewsroom(
  config: Config,
  logger: Logger,
  options: RuntimeOptions = {},
): Promise<NewsroomRuntime> {
  const now = options.now ?? (() => new Date());
  const opened: Keyv[] = [];
  const keyvFor = async (namespace: string) => {
    const keyv = await openKeyv(config.storeUrl, { namespace, logger });
    opened.push(keyv);
    return keyv;
  };
  const store = await openArticleStore({ url: config.storeUrl, logger, now });
  const prompts = await loadPrompts();
  const usage = createUsageLedger(await keyvFor('usage'), now, { zoneOf: options.zoneOf });
  const answers = await keyvFor('answers');
  const cache = createAnswerCache(answers, (error) => logger.warn({ err: error }, 'answer cache'));
  const model = modelFor(config, prompts, logger, options.fetch);
  // Offline answers run in worker threads: a stranger's long article must not stall the event loop.
  const offlinePool = createOfflinePool();
  const newsroom = createNewsroom({
    store,
    model,
    modelName: config.anthropic.model,
    offline: createPooledOfflineAnswerer(offlinePool),
    cache,
    usage,
    classifyError: classifyAnthropicError,
    promptHash: (kind) => prompts[kind === 'summary' ? 'summary' : 'ask'].hash,
    settings: newsroomSettings(config),
    logger,
    now,
    ...(options.acrossProcesses === false
      ? {}
      : { flights: sharedFlights(answers, config, () => now().getTime(), options.flightTimings) }),
  });
  return {
    newsroom,
    store,
    usage,
    provider: model ? 'anthropic' : 'extractive',
    openKeyv: keyvFor,
    async close() {
      await Promise.allSettled(opened.map((keyv) => keyv.disconnect()));
      await store.close();
      await Promise.all([offlinePool.close(), closeProcessIngestPool(), closeProcessCataloguePool()]);
    },
  };
}

/** The Anthropic answerer when an API key is configured; null sends every request to the offline answerer. */
function modelFor(
  config: Config,
  prompts: Prompts,
  logger: Logger,
  fetch: typeof globalThis.fetch | undefined,
): Answerer | null {
  const { apiKey, baseUrl, model, timeoutMs, maxRetries } = config.anthropic;
  if (!apiKey) return null;
  return createAnthropicAnswerer({
    apiKey,
    baseURL: baseUrl,
    model,
    timeoutMs,
    maxRetries,
    prompts,
    logger,
    fetch,
  });
}

/**
 * Leases next to the answer cache (keys `flight:<cache key>`), so shards sharing the store make one model call per
 * request. The holder id is unique per newsroom: two in one process (tests) are two holders.
 */
function sharedFlights(
  answers: Keyv,
  config: Config,
  now: () => number,
  timings: Partial<FlightTimings> = {},
): SharedFlights {
  const atomic = atomicKeys(answers);
  return {
    leases: createLeases(atomic),
    marks: atomic,
    now,
    holder: processHolder(),
    timings: {
      leaseTtlMs: config.anthropic.timeoutMs + FLIGHT_LEASE_MARGIN_MS,
      pollIntervalMs: FLIGHT_POLL_INTERVAL_MS,
      maxWaitMs: MAX_FLIGHT_WAIT_MS,
      failedTtlMs: FLIGHT_FAILED_TTL_MS,
      ...timings,
    },
  };
}

function newsroomSettings(config: Config): NewsroomSettings {
  return {
    sourceDisclaimer: config.sourceDisclaimer,
    summaryTtlMs: config.cache.summaryTtlHours * HOUR_MS,
    answerTtlMs: config.cache.answerTtlHours * HOUR_MS,
    guildDailyTokenBudget: config.guildDailyTokenBudget,
  };
}
