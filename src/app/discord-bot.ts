import type Keyv from 'keyv';
import { CONVERSATIONS_NAMESPACE, createConversationStore } from '../answer/conversations.ts';
import { createAnswerRecords, RECORDS_NAMESPACE } from '../answer/records.ts';
import { createReportStore, REPORTS_NAMESPACE } from '../answer/reports.ts';
import type { Config } from '../core/config.ts';
import type { Logger } from '../core/log.ts';
import type { ShardPlacement } from '../core/shards.ts';
import { createDigestService, type DigestService } from '../digest/service.ts';
import { DIGEST_NAMESPACE } from '../digest/types.ts';
import {
  type BotServicesFactory,
  type RunningBot,
  requireDiscordToken,
  type StartBotOptions,
  startBot,
} from '../discord/bot.ts';
import { COOLDOWNS_NAMESPACE } from '../discord/cooldowns-shared.ts';
import { createDiscordDigestPort } from '../discord/digest/port.ts';
import { type FeedDefinition, loadFeedDefinitions } from '../ingest/feeds/config.ts';
import { createPoliteFetcher, type PoliteFetcher } from '../ingest/http.ts';
import { createLinkIngest, type LinkIngest } from '../ingest/link.ts';
import { atomicKeys } from '../store/atomic.ts';
import { createLeases, LEASES_NAMESPACE } from '../store/lease.ts';
import { type NewsroomRuntime, openNewsroom } from './runtime.ts';

/**
 * Whether other bot processes serve the same application (some shards are served elsewhere): cooldowns and model
 * calls must then be counted and shared in the store. One process (SHARD_COUNT=1, or a process holding every
 * shard) counts in memory.
 */
export const sharedWithOtherShards = (placement: ShardPlacement | undefined): boolean =>
  placement !== undefined && placement.ids.length < placement.count;

export interface DiscordBotOptions extends Omit<StartBotOptions, 'services' | 'meta' | 'close'> {
  /** The newsroom and its store. Opened from the config when absent; either way the bot closes it on stop. */
  readonly runtime?: NewsroomRuntime;
  /** The runtime's `digest` namespace, when the caller already opened it (a memory store is not shared). */
  readonly digestKeyv?: Keyv;
  /** Services beyond the commands' own (tests give a Discord-only command one); merged over them. */
  readonly extraServices?: (client: Parameters<BotServicesFactory>[0]) => object;
  /** The feeds whose sites' links "Summarize article" may fetch; from the config when absent. */
  readonly feeds?: readonly FeedDefinition[];
  /** The fetcher those links go through: the feed poller's, when the caller has one (one request per host). */
  readonly fetcher?: PoliteFetcher;
}

export interface DiscordBot extends RunningBot {
  /** The digest service, once the bot has built it (it posts through the bot's client). */
  digest(): DigestService | undefined;
}

/** The commands' services over one opened runtime: newsroom, store, accounting, and the digest service. */
export function botServices(
  runtime: NewsroomRuntime,
  config: Config,
  logger: Logger,
  keyvs: { readonly digest: Keyv; readonly records: Keyv; readonly reports: Keyv },
  links: LinkIngest,
): { services: BotServicesFactory; digest(): DigestService | undefined } {
  const records = createAnswerRecords(keyvs.records, (error) =>
    logger.warn({ err: error }, 'answer records'),
  );
  let digest: DigestService | undefined;
  const services: BotServicesFactory = (client) => {
    digest = createDigestService({
      port: createDiscordDigestPort(client),
      keyv: keyvs.digest,
      store: runtime.store,
      newsroom: runtime.newsroom,
      sourceDisclaimer: config.sourceDisclaimer,
      catchUpHours: config.digestCatchUpHours,
      logger,
    });
    return {
      newsroom: runtime.newsroom,
      store: runtime.store,
      logger,
      accounting: { usage: runtime.usage, dailyTokenBudget: config.guildDailyTokenBudget },
      digest,
      records,
      reportStore: createReportStore(keyvs.reports),
      links,
    };
  };
  return { services, digest: () => digest };
}

/**
 * The Discord bot over the newsroom (opened from the config unless given): the composition the bot process and
 * the end-to-end tests share. Refuses to start without a token before opening anything.
 */
export async function startDiscordBot(options: DiscordBotOptions): Promise<DiscordBot> {
  const { config, logger } = options;
  requireDiscordToken(config);
  const sharded = sharedWithOtherShards(options.placement);
  const runtime = options.runtime ?? (await openNewsroom(config, logger, { acrossProcesses: sharded }));
  const keyv = options.digestKeyv ?? (await runtime.openKeyv(DIGEST_NAMESPACE));
  const records = await runtime.openKeyv(RECORDS_NAMESPACE);
  const reports = await runtime.openKeyv(REPORTS_NAMESPACE);
  const links = createLinkIngest({
    store: runtime.store,
    feedState: await runtime.openKeyv('feeds'),
    feeds: options.feeds ?? (await loadFeedDefinitions(config.feeds.urls, config.feeds.file)),
    fetcher: options.fetcher ?? createPoliteFetcher(config.fetch),
  });
  const opened = botServices(runtime, config, logger, { digest: keyv, records, reports }, links);
  const {
    runtime: _runtime,
    digestKeyv: _keyv,
    extraServices,
    feeds: _feeds,
    fetcher: _fetcher,
    ...bot
  } = options;
  const conversations = createConversationStore(await runtime.openKeyv(CONVERSATIONS_NAMESPACE));
  const running = await startBot({
    ...bot,
    services: (client) => ({ ...opened.services(client), ...extraServices?.(client) }),
    meta: await runtime.openKeyv('meta'),
    threads: { conversations },
    // The only bot process counts cooldowns in memory: no store round trip per command.
    ...(sharded ? { cooldownStore: await runtime.openKeyv(COOLDOWNS_NAMESPACE) } : {}),
    identifyLeases: createLeases(atomicKeys(await runtime.openKeyv(LEASES_NAMESPACE))),
    close: () => runtime.close(),
  });
  return { ...running, digest: opened.digest };
}
