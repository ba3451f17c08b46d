import type Keyv from 'keyv';
import type { ArticleStore } from '../articles/article.ts';
import type { Config } from '../core/config.ts';
import type { Foreground } from '../core/foreground.ts';
import type { Logger } from '../core/log.ts';
import { atomicKeys } from '../store/atomic.ts';
import { createLeases, processHolder } from '../store/lease.ts';
import { type LeaseTimings, runWhileLeased, type Stoppable } from '../store/owned-job.ts';
import { type FeedDefinition, type IngestionDeps, startIngestion } from './sources.ts';

/** Feed polling and ARTICLES_DIR watching: once per deployment, whichever process holds the lease. */
export const INGEST_OWNER_LEASE = 'ingest-owner';
/** A dead owner is replaced within ttl + retry (80 s); renewing every 20 s survives one slow store answer. */
export const INGEST_LEASE_TIMINGS: LeaseTimings = { ttlMs: 60_000, renewMs: 20_000, retryMs: 20_000 };

/**
 * Ingestion (feed polling, folder watching) run only while this process holds the ingest-owner lease in the
 * shared store: every shard, and an `ingest --watch` process beside them, may call this, and one of them ingests.
 */
export function startOwnedIngestion(
  deps: IngestionDeps,
  leasesKeyv: Keyv,
  logger: Logger,
  timings: LeaseTimings = INGEST_LEASE_TIMINGS,
): Stoppable {
  const leases = createLeases(atomicKeys(leasesKeyv));
  const start = () => startIngestion(deps);
  return runWhileLeased(leases, INGEST_OWNER_LEASE, processHolder(), start, timings, logger);
}

/** What ingestion reads from the config (feeds' poll interval, ARTICLES_DIR, fetch policy) over opened parts. */
export function ingestionFromConfig(
  config: Pick<Config, 'feeds' | 'articlesDir' | 'fetch'>,
  parts: {
    readonly store: ArticleStore;
    readonly feedState: Keyv;
    readonly feeds: readonly FeedDefinition[];
    readonly logger: Logger;
    readonly foreground?: Foreground;
  },
): IngestionDeps {
  return {
    ...parts,
    pollMinutes: config.feeds.pollMinutes,
    ...(config.articlesDir ? { articlesDir: config.articlesDir } : {}),
    fetching: config.fetch,
  };
}
