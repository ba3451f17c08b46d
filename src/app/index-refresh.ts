import type { ArticleStore } from '../articles/article.ts';
import type { Logger } from '../core/log.ts';

/**
 * How often a process looks for articles another process stored (another shard's ingestion, `ingest --watch`):
 * every shard finds a new article within this. One refresh with nothing changed is one indexed range read of the
 * change log: median 0.07 ms at 10,000 and at 100,000 articles (it does not grow with the store); 100 changed
 * articles cost 6–10 ms, and each is reread (and skipped) for the change log's 10 s lookback
 * (bench/refresh.bench.ts). N shards make N such reads per interval.
 */
export const STORE_REFRESH_INTERVAL_MS = 2_000;

export interface IndexRefresher {
  stop(): void;
}

/**
 * Refreshes the store's in-memory index every `intervalMs`, one refresh at a time: a slow store (a lock held by
 * another process) delays the next refresh instead of stacking them.
 */
export function refreshIndexEvery(
  store: Pick<ArticleStore, 'refresh'>,
  logger: Logger,
  intervalMs: number = STORE_REFRESH_INTERVAL_MS,
): IndexRefresher {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      store
        .refresh()
        .then(
          (picked) => picked > 0 && logger.info({ picked }, 'picked up articles stored by another process'),
          (error: unknown) => logger.warn({ err: error }, 'could not refresh the article index; will retry'),
        )
        .finally(schedule);
    }, intervalMs);
    timer.unref();
  };
  schedule();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
