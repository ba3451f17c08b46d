import { errorMessage } from '../core/errors.ts';
import { type Logger, silentLogger } from '../core/log.ts';
import type { Leases } from './lease.ts';

export interface Stoppable {
  stop(): Promise<void>;
}

export interface LeaseTimings {
  /** How long the lease lasts without renewal: a dead owner is replaced within ttlMs + retryMs. */
  readonly ttlMs: number;
  /** How often the owner renews (well under ttlMs, so one slow store answer does not lose it). */
  readonly renewMs: number;
  /** How often a process that does not own the job tries to take it. */
  readonly retryMs: number;
}

interface RunnerState {
  job: Stoppable | undefined;
  /** When the lease was last confirmed (epoch ms): past ttlMs without a renewal, another may own it. */
  heldAt: number;
  timer: NodeJS.Timeout | undefined;
  ticking: Promise<void>;
  stopped: boolean;
  /** Another process's ownership is logged once, not every retry. */
  toldOwner: boolean;
}

/**
 * Runs `start`'s job only while this process holds `key`: tries to take the lease now and every retryMs, renews it
 * every renewMs while running, and stops the job the moment the store names another holder (or when renewals
 * have failed for a whole TTL, since by then another process may have taken over). stop() stops the job and
 * releases the lease, so the next owner need not wait out the TTL.
 */
export function runWhileLeased(
  leases: Leases,
  key: string,
  holder: string,
  start: () => Stoppable,
  timings: LeaseTimings,
  logger: Logger = silentLogger,
): Stoppable {
  const state: RunnerState = {
    job: undefined,
    heldAt: 0,
    timer: undefined,
    ticking: Promise.resolve(),
    stopped: false,
    toldOwner: false,
  };
  const schedule = () => {
    if (state.stopped) return;
    state.timer = setTimeout(
      () => {
        state.ticking = tick(leases, key, holder, start, timings, logger, state).finally(schedule);
      },
      state.job ? timings.renewMs : timings.retryMs,
    );
  };
  state.ticking = tick(leases, key, holder, start, timings, logger, state).finally(schedule);
  return {
    async stop() {
      state.stopped = true;
      clearTimeout(state.timer);
      await state.ticking;
      const job = state.job;
      state.job = undefined;
      await job?.stop();
      // Also when no job runs: a tick may have taken the lease just as stop began.
      await leases.release(key, holder).catch((error: unknown) => {
        logger.warn({ err: errorMessage(error), key }, 'lease not released; it expires on its own');
      });
    },
  };
}

async function tick(
  leases: Leases,
  key: string,
  holder: string,
  start: () => Stoppable,
  timings: LeaseTimings,
  logger: Logger,
  state: RunnerState,
): Promise<void> {
  if (state.stopped) return;
  let held: boolean;
  // The lease runs from when it was asked for: after a slow answer it is already that much closer to expiring.
  const askedAt = Date.now();
  try {
    held = await leases.acquire(key, holder, timings.ttlMs);
  } catch (error) {
    logger.warn({ err: errorMessage(error), key }, 'lease store unavailable; will retry');
    // Keep running while the lease we had may still be ours; past its TTL another process may own the job.
    held = state.job !== undefined && Date.now() - state.heldAt < timings.ttlMs;
    if (held) return;
  }
  if (state.stopped) return;
  if (held) state.heldAt = askedAt;
  if (held && !state.job) {
    logger.info({ key, holder }, 'this process owns the job');
    state.job = start();
  } else if (!held && state.job) {
    const job = state.job;
    state.job = undefined;
    logger.warn(
      { key, owner: await leases.holder(key).catch(() => undefined) },
      'job lease lost; stopping it',
    );
    await job.stop();
  } else if (!held && !state.toldOwner) {
    logger.info(
      { key, owner: await leases.holder(key).catch(() => undefined) },
      'another process owns the job',
    );
  }
  state.toldOwner = !held;
}
