import { openNewsroom } from './answer/open.ts';
import type { Config } from './config.ts';
import { DIGEST_COMPONENTS } from './digest/components.ts';
import { createDigestService, type DigestService } from './digest/service.ts';
import { startBot } from './discord/bot.ts';
import { UserFacingError } from './errors.ts';
import { loadFeedDefinitions, startIngestion } from './ingest/sources.ts';
import type { Logger } from './log.ts';

/** How often the bot looks for articles another process (`ingest --watch`) stored: well within a minute. */
const STORE_REFRESH_INTERVAL_MS = 30_000;

/** discord.js names a rejected token with a code; turn it into what the operator should do. */
function explainLoginFailure(error: unknown): never {
  if (error instanceof Error && 'code' in error && error.code === 'TokenInvalid') {
    throw new UserFacingError(
      'Discord rejected DISCORD_TOKEN. Copy the bot token again from the Developer Portal (Bot → Reset Token) into .env.',
      'token-invalid',
    );
  }
  throw error;
}

/**
 * The bot process: one store and newsroom shared by the Discord client, the digest scheduler and the ingestion
 * (feed polling, ARTICLES_DIR watching). Returns a stop function that shuts them down in order.
 */
export async function runBotProcess(config: Config, logger: Logger): Promise<{ stop(): Promise<void> }> {
  const runtime = await openNewsroom(config, logger);
  const digestState = await runtime.openKeyv('digest');
  const feeds = await loadFeedDefinitions(config.feeds.urls, config.feeds.file);
  let digest: DigestService | undefined;
  const bot = await startBot({
    config,
    logger,
    runtime,
    shutdownSignals: [],
    components: [DIGEST_COMPONENTS],
    extraDeps: (client) => {
      digest = createDigestService({
        client,
        keyv: digestState,
        store: runtime.store,
        newsroom: runtime.newsroom,
        sourceDisclaimer: config.sourceDisclaimer,
        catchUpHours: config.digestCatchUpHours,
        logger,
      });
      return { digest };
    },
  }).catch(explainLoginFailure);
  digest?.start();
  const ingestion = startIngestion({
    store: runtime.store,
    feedState: await runtime.openKeyv('feeds'),
    feeds,
    pollMinutes: config.feeds.pollMinutes,
    ...(config.articlesDir ? { articlesDir: config.articlesDir } : {}),
    logger,
  });
  const refresher = setInterval(() => {
    runtime.store.refresh().then(
      (picked) => picked > 0 && logger.info({ picked }, 'picked up articles stored by another process'),
      (error: unknown) => logger.warn({ err: error }, 'could not refresh the article index; will retry'),
    );
  }, STORE_REFRESH_INTERVAL_MS);
  return {
    async stop() {
      clearInterval(refresher);
      await ingestion.stop();
      await digest?.stop();
      await bot.stop();
    },
  };
}
