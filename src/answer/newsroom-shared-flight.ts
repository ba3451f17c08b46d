import type { Logger } from '../core/log.ts';
import type { AtomicKeys } from '../store/atomic.ts';
import type { Leases } from '../store/lease.ts';
import type { AnswerCache } from './cache.ts';
import type { AnswerResult, FallbackReason } from './types.ts';

/** How often a process waiting on another's model call looks for its cached answer. */
export const FLIGHT_POLL_INTERVAL_MS = 200;
/** The lease outlives one model attempt by this much; the holder renews it while its call runs. */
export const FLIGHT_LEASE_MARGIN_MS = 10_000;
/**
 * The longest a request waits on another process's call before calling the model itself: well inside the
 * 15 minutes an interaction token lives, leaving room for its own call and the reply.
 */
export const MAX_FLIGHT_WAIT_MS = 5 * 60_000;
/**
 * After a model call for a key fails, requests for that key in any process serve the offline answer for this long
 * instead of calling the model again: in an outage, N waiters would otherwise take the lease one after another and
 * each wait out its own failed call (N × the model's timeout). Short, so the model is tried again soon.
 */
export const FLIGHT_FAILED_TTL_MS = 5_000;

/** Timings of the cross-process single flight (tests shorten them). */
export interface FlightTimings {
  /** The lease on one cache key: a bit over the model's timeout per attempt. */
  readonly leaseTtlMs: number;
  readonly pollIntervalMs: number;
  readonly maxWaitMs: number;
  /** How long a failed call's marker sends requests for its key to the offline answer. */
  readonly failedTtlMs: number;
}

/**
 * One model call per request across every process sharing the store: a lease `flight:<cache key>` next to the
 * answer cache says who is calling the model for that key.
 */
export interface SharedFlights {
  readonly leases: Leases;
  /** This process (newsroom) as a lease holder: unique per process. */
  readonly holder: string;
  readonly timings: FlightTimings;
  /** Where the `failed:<cache key>` markers live (the same namespace as the leases). */
  readonly marks: AtomicKeys;
  /** The clock the markers go by (epoch ms). */
  readonly now: () => number;
}

/** A model call for one key failed: until `until` (epoch ms), requests for it go to the offline answer. */
interface FailedMark {
  readonly reason: FallbackReason;
  readonly until: number;
}

/** The caller serves this cached answer (another process called the model), or calls the model itself. */
export type FlightClaim =
  | { readonly kind: 'cached'; readonly result: AnswerResult }
  /** A call for this key failed moments ago (in any process): serve the offline answer for `reason` at once. */
  | { readonly kind: 'failed'; readonly reason: FallbackReason }
  /**
   * The caller calls the model; `release` (after the cache write, or on failure with its reason) lets waiters go
   * on: after a failure they serve the offline answer instead of calling the model in turn.
   */
  | { readonly kind: 'own'; readonly release: (failure?: FallbackReason) => Promise<void> };

interface ClaimContext {
  readonly flights?: SharedFlights | undefined;
  readonly cache: AnswerCache;
  readonly logger: Logger;
  readonly signal?: AbortSignal | undefined;
}

const NOTHING_TO_RELEASE = async () => {};
const leaseKey = (key: string) => `flight:${key}`;
const failedKey = (key: string) => `failed:${key}`;

/**
 * Takes the lease for `key`, or waits (polling the cache, never blocking the loop) while another process holds
 * it: its answer, once cached, is served; a lease released or expired without an answer (that process failed or
 * died) is taken over. A store failure on the lease fails open: the model is called (at worst twice).
 */
export async function claimFlight(context: ClaimContext, key: string): Promise<FlightClaim> {
  const { flights, logger } = context;
  if (!flights) return { kind: 'own', release: NOTHING_TO_RELEASE };
  const deadline = Date.now() + flights.timings.maxWaitMs;
  try {
    for (;;) {
      if (await flights.leases.acquire(leaseKey(key), flights.holder, flights.timings.leaseTtlMs)) {
        // The holder may have cached its answer and released between our last look and the acquire.
        const cached = await context.cache.get(key);
        // ...or failed moments ago (in any process): no call of our own in an outage.
        const failed = cached ? undefined : await recentFailure(flights, key);
        if (!cached && !failed) return { kind: 'own', release: holding(flights, key, logger) };
        await flights.leases.release(leaseKey(key), flights.holder);
        if (cached) return { kind: 'cached', result: cached };
        if (failed) return { kind: 'failed', reason: failed };
      }
      const cached = await waitForAnswer(context, flights, key, deadline);
      if (cached) return { kind: 'cached', result: cached };
      if (Date.now() >= deadline) {
        logger.warn({ key }, 'waited too long on another process; calling the model');
        return { kind: 'own', release: (failure) => markFailed(flights, key, logger, failure) };
      }
    }
  } catch (error) {
    if (context.signal?.aborted) throw error;
    logger.warn({ err: error }, 'model-call lease unavailable; calling the model');
    return { kind: 'own', release: NOTHING_TO_RELEASE };
  }
}

/** Polls the cache while another process holds the lease; undefined once it is free (or past the deadline). */
async function waitForAnswer(
  context: ClaimContext,
  flights: SharedFlights,
  key: string,
  deadline: number,
): Promise<AnswerResult | undefined> {
  while (Date.now() < deadline) {
    await sleep(flights.timings.pollIntervalMs, context.signal);
    const cached = await context.cache.get(key);
    if (cached) return cached;
    if ((await flights.leases.holder(leaseKey(key))) === undefined) return undefined;
  }
  return undefined;
}

/** Why the last model call for `key` failed, if it failed less than `failedTtlMs` ago. */
async function recentFailure(flights: SharedFlights, key: string): Promise<FallbackReason | undefined> {
  const mark = await flights.marks.update<FailedMark>(failedKey(key), () => 'keep');
  return mark && mark.until > flights.now() ? mark.reason : undefined;
}

/** Leaves the failed marker for `key` (written before the lease is released, so a waiter sees both at once). */
async function markFailed(
  flights: SharedFlights,
  key: string,
  logger: Logger,
  failure: FallbackReason | undefined,
): Promise<void> {
  if (failure === undefined) return;
  const ttlMs = flights.timings.failedTtlMs;
  const value: FailedMark = { reason: failure, until: flights.now() + ttlMs };
  // The store's own expiry only cleans up; `until` decides. A marker not written costs only the old behaviour.
  await flights.marks
    .update<FailedMark>(failedKey(key), () => ({ value, ttlMs }))
    .catch((error: unknown) => logger.warn({ err: error }, 'model-call failure not marked'));
}

/** Renews the lease while the model call runs (it may retry past one TTL); returns the release. */
function holding(
  flights: SharedFlights,
  key: string,
  logger: Logger,
): (failure?: FallbackReason) => Promise<void> {
  const { leases, holder, timings } = flights;
  const renew = setInterval(() => {
    leases.acquire(leaseKey(key), holder, timings.leaseTtlMs).then(
      (held) => held || logger.warn({ key }, 'model-call lease taken over by another process'),
      (error: unknown) => logger.warn({ err: error }, 'model-call lease not renewed'),
    );
  }, timings.leaseTtlMs / 3);
  renew.unref();
  return async (failure) => {
    clearInterval(renew);
    await markFailed(flights, key, logger, failure);
    await leases.release(leaseKey(key), holder).catch((error: unknown) => {
      // Not fatal: the lease expires after its TTL and a waiter then finds the cached answer.
      logger.warn({ err: error }, 'model-call lease not released');
    });
  };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
