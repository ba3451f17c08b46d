import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { AtomicKeys } from './atomic.ts';

/** The store namespace where jobs done once per deployment (ingestion, identify turns) keep their leases. */
export const LEASES_NAMESPACE = 'leases';

/** A holder name unique to one process (and one runner in it): which machine and pid holds a lease, in the logs. */
export const processHolder = () => `${hostname()}:${process.pid}:${randomUUID()}`;

/** Who holds a lease, and until when (epoch ms): past that, anyone may take it. */
export interface LeaseRecord {
  readonly holder: string;
  readonly until: number;
}

export interface Leases {
  /** true when `holder` holds `key` for the next `ttlMs` (taken now, or renewed because it already held it). */
  acquire(key: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up, if `holder` still holds it, so another process need not wait out its TTL. */
  release(key: string, holder: string): Promise<void>;
  /** The current holder, if the lease is held. */
  holder(key: string): Promise<string | undefined>;
}

/**
 * Leases in the shared store: one process at a time owns a job (feed polling, one model call for a request two
 * shards received at once). A holder that dies simply stops renewing, and the lease passes on after its TTL.
 */
export function createLeases(atomic: AtomicKeys, now: () => number = Date.now): Leases {
  return {
    async acquire(key, holder, ttlMs) {
      const at = now();
      const after = await atomic.update<LeaseRecord>(key, (current) =>
        current && current.until > at && current.holder !== holder
          ? 'keep'
          : { value: { holder, until: at + ttlMs }, ttlMs },
      );
      return after?.holder === holder;
    },
    async release(key, holder) {
      await atomic.update<LeaseRecord>(key, (current) => (current?.holder === holder ? 'delete' : 'keep'));
    },
    async holder(key) {
      const at = now();
      const after = await atomic.update<LeaseRecord>(key, () => 'keep');
      return after && after.until > at ? after.holder : undefined;
    },
  };
}
