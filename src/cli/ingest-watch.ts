import { nextShutdownSignal } from '../core/cli-support.ts';
import type { Config } from '../core/config.ts';
import type { Logger } from '../core/log.ts';
import { ingestionFromConfig, startOwnedIngestion } from '../ingest/owned-ingestion.ts';
import { feedStatus, formatFeedStatus, loadFeedDefinitions } from '../ingest/sources.ts';
import type { IngestCliDeps } from './ingest-deps.ts';

/**
 * `ingest --watch`: the ingestion half of the bot as its own process, writing to the same store (the bot picks the
 * new articles up from the store). Runs until SIGINT/SIGTERM.
 */
export async function watchSources(config: Config, logger: Logger, deps: IngestCliDeps): Promise<number> {
  const feeds = await loadFeedDefinitions(config.feeds.urls, config.feeds.file);
  if (feeds.length === 0 && !config.articlesDir) {
    deps.stderr.write('Nothing to watch: set NEWS_FEEDS (or NEWS_FEEDS_FILE) and/or ARTICLES_DIR.\n');
    return 1;
  }
  const store = await deps.openStore(config, logger);
  const feedState = await deps.openFeedState(config, logger);
  const leases = await deps.openLeases(config, logger);
  // Beside running bot shards it takes the same lease they do: one of them ingests, never two.
  const ingestion = startOwnedIngestion(
    ingestionFromConfig(config, { store, feedState, feeds, logger }),
    leases,
    logger,
  );
  deps.stderr.write(
    `Watching ${feeds.length} feed(s) every ${config.feeds.pollMinutes} min${config.articlesDir ? ` and ${config.articlesDir}` : ''}. Ctrl+C stops.\n`,
  );
  await nextShutdownSignal();
  await ingestion.stop();
  await Promise.all([feedState.disconnect(), leases.disconnect()]);
  await store.close();
  return 0;
}

/** `ingest --status`: one line per feed with its last poll, failures and next poll. */
export async function printFeedStatus(config: Config, logger: Logger, deps: IngestCliDeps): Promise<number> {
  const feeds = await loadFeedDefinitions(config.feeds.urls, config.feeds.file);
  const feedState = await deps.openFeedState(config, logger);
  try {
    const rows = await feedStatus({ feedState, feeds, pollMinutes: config.feeds.pollMinutes });
    deps.stdout.write(`${formatFeedStatus(rows)}\n`);
    return 0;
  } finally {
    await feedState.disconnect();
  }
}
