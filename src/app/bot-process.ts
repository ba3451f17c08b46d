import type { Config } from '../core/config.ts';
import { errorCode, UserFacingError } from '../core/errors.ts';
import { Foreground } from '../core/foreground.ts';
import type { Logger } from '../core/log.ts';
import type { ShardPlacement } from '../core/shards.ts';
import { createDigestRepository, type DigestRepository } from '../digest/state.ts';
import { DIGEST_NAMESPACE } from '../digest/types.ts';
import { DIGEST_COMPONENTS } from '../discord/digest/components.ts';
import { ingestionFromConfig, startOwnedIngestion } from '../ingest/owned-ingestion.ts';
import { type FeedDefinition, loadFeedDefinitions } from '../ingest/sources.ts';
import { LEASES_NAMESPACE } from '../store/lease.ts';
import type { Stoppable } from '../store/owned-job.ts';
import { sharedWithOtherShards, startDiscordBot } from './discord-bot.ts';
import { refreshIndexEvery } from './index-refresh.ts';
import { type NewsroomRuntime, openNewsroom } from './runtime.ts';

const NETWORK_ERROR_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET']);

/** Login failures an operator can fix get one line saying what to do; anything else keeps its stack. */
export function explainLoginFailure(config: Config) {
  return (error: unknown): never => {
    const code = errorCode(error);
    if (code === 'TokenInvalid') {
      throw new UserFacingError(
        'Discord rejected DISCORD_TOKEN. Copy the bot token again from the Developer Portal (Bot → Reset Token) into .env.',
        'token-invalid',
      );
    }
    if (code && NETWORK_ERROR_CODES.has(code)) {
      const where = config.discord.apiUrl ?? 'https://discord.com/api';
      throw new UserFacingError(
        `Could not reach Discord at ${where} (${code}). Check the network${config.discord.apiUrl ? ', and DISCORD_API_URL' : ''}, then start again.`,
        'discord-unreachable',
      );
    }
    throw error;
  };
}

/**
 * Every shard shares the store; feeds are polled and ARTICLES_DIR watched by one of them, whichever holds the
 * ingest-owner lease (a dead owner's is taken over within a minute).
 */
async function ownIngestion(
  config: Config,
  logger: Logger,
  runtime: NewsroomRuntime,
  feeds: readonly FeedDefinition[],
  foreground: Foreground,
): Promise<Stoppable> {
  const feedState = await runtime.openKeyv('feeds');
  const parts = { store: runtime.store, feedState, feeds, logger, foreground };
  const ingestion = ingestionFromConfig(config, parts);
  return startOwnedIngestion(ingestion, await runtime.openKeyv(LEASES_NAMESPACE), logger);
}

/**
 * The bot process: one store and newsroom shared by the Discord client, the digest scheduler and the ingestion
 * (feed polling, ARTICLES_DIR watching). Returns a stop function that shuts them down in order.
 */
export async function runBotProcess(
  config: Config,
  logger: Logger,
  placement?: ShardPlacement,
): Promise<{ stop(): Promise<void> }> {
  // A guild's usage day (and budget) turns at midnight in its digest time zone; the settings are in the same store.
  let digestSettings: DigestRepository | undefined;
  const runtime = await openNewsroom(config, logger, {
    zoneOf: async (guildId) => (await digestSettings?.config(guildId))?.timeZone,
    // Ingestion (`ingest --watch` may run beside a lone bot) keeps its store lease either way; see ownIngestion.
    acrossProcesses: sharedWithOtherShards(placement),
  });
  const digestKeyv = await runtime.openKeyv(DIGEST_NAMESPACE);
  digestSettings = createDigestRepository(digestKeyv);
  const feeds = await loadFeedDefinitions(config.feeds.urls, config.feeds.file);
  // Interactions waiting for a first response go before this process's feed and file ingest.
  const foreground = new Foreground();
  const bot = await startDiscordBot({
    config,
    logger,
    runtime,
    digestKeyv,
    // Read once: Summarize article fetches from the same sources the poller polls.
    feeds,
    shutdownSignals: [],
    components: [DIGEST_COMPONENTS],
    foreground,
    ...(placement ? { placement } : {}),
  }).catch(explainLoginFailure(config));
  const digest = bot.digest();
  digest?.start();
  const ingestion = await ownIngestion(config, logger, runtime, feeds, foreground);
  const refresher = refreshIndexEvery(runtime.store, logger);
  return {
    async stop() {
      // Before the store closes (bot.stop closes the runtime): a refresh still reading finishes first.
      await refresher.stop();
      await ingestion.stop();
      await digest?.stop();
      await bot.stop();
    },
  };
}
