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
/**
 * The longest stop() waits for a refresh still running (a read waiting on another process's lock), so shutdown
 * does not close the store under it; past this the store is closed anyway and the refresh fails, logged.
 */
export const REFRESH_STOP_WAIT_MS = 5_000;

export interface IndexRefresher {
  /** No more refreshes; resolves once a running one has finished (or after REFRESH_STOP_WAIT_MS). */
  stop(): Promise<void>;
}

/**
 * Refreshes the store's in-memory index every `intervalMs`, one refresh at a time: a slow store (a lock held by
 * another process) delays the next refresh instead of stacking them.
 */
export function refreshIndexEvery(
  store: Pick<ArticleStore, 'refresh'>,
  logger: Logger,
  intervalMs: number = STORE_REFRESH_INTERVAL_MS,
  stopWaitMs: number = REFRESH_STOP_WAIT_MS,
): IndexRefresher {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = store
        .refresh()
        .then(
          (picked) => picked > 0 && logger.info({ picked }, 'picked up articles stored by another process'),
          (error: unknown) => logger.warn({ err: error }, 'could not refresh the article index; will retry'),
        )
        .finally(() => {
          running = undefined;
          schedule();
        });
    }, intervalMs);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      if (running && !(await settlesWithin(running, stopWaitMs))) {
        logger.warn({ waitedMs: stopWaitMs }, 'an article index refresh is still running; stopping anyway');
      }
    },
  };
}

/** true when `work` settles within `ms`; the wait never holds the process open. */
async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}
