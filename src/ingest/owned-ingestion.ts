import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type Keyv from 'keyv';
import type { Logger } from '../core/log.ts';
import { atomicKeys } from '../store/atomic.ts';
import { createLeases } from '../store/lease.ts';
import { type LeaseTimings, runWhileLeased, type Stoppable } from '../store/owned-job.ts';
import { type IngestionDeps, startIngestion } from './sources.ts';

/** The store namespace where jobs done once per deployment keep their leases. */
export const LEASES_NAMESPACE = 'leases';
/** Feed polling and ARTICLES_DIR watching: once per deployment, whichever process holds the lease. */
export const INGEST_OWNER_LEASE = 'ingest-owner';
/** A dead owner is replaced within ttl + retry (80 s); renewing every 20 s survives one slow store answer. */
export const INGEST_LEASE_TIMINGS: LeaseTimings = { ttlMs: 60_000, renewMs: 20_000, retryMs: 20_000 };

/** Names a process in the lease and the logs: which machine and pid owns the job. */
export const processHolder = () => `${hostname()}:${process.pid}:${randomUUID()}`;

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
