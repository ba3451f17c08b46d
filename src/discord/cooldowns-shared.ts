import type Keyv from 'keyv';
import type { Logger } from '../core/log.ts';
import { answeredWithin } from '../store/adapter-errors.ts';
import { type AtomicKeys, atomicKeys } from '../store/atomic.ts';
import {
  COOLDOWN_WINDOW_MS,
  type CooldownOptions,
  type Cooldowns,
  type CooldownTicket,
  type CooldownVerdict,
  createCooldowns,
  FREE,
  retryAtOf,
} from './cooldowns.ts';

/**
 * The cooldown windows of every shard process in the shared store: a member's 6th /ask in a minute is refused
 * whichever process serves it. One key per (command, member), `command:userId`, holding the start times of the uses
 * still in the window (at most `limit` numbers), taken and refunded each by one atomic update; the key expires one
 * window after its newest use, so the store holds only the members active in the last window.
 *
 * A store that fails or is slow (past STORE_ANSWER_MS) must not lose the member's request, nor hold the
 * interaction past Discord's 3 s: the use is then counted in this process's memory instead (the same limit, per
 * process, until the store answers again), with a warning. Refusing everyone while the store is down would turn an
 * outage into refusals for requests the newsroom may still answer; opening fully would drop the limit altogether.
 */

export const COOLDOWNS_NAMESPACE = 'cooldowns';
/** How long a take waits for the store before counting in memory: well inside the interaction's 3 s. */
export const STORE_ANSWER_MS = 1_000;

export interface SharedCooldownOptions extends CooldownOptions {
  /** The cooldowns namespace of the shared store. */
  readonly keyv: Keyv;
  readonly logger: Logger;
  readonly answerWithinMs?: number;
}

type Times = readonly number[];

/** The stored window, whatever was found there: only finite numbers, oldest first. */
function timesOf(stored: unknown): number[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter((time): time is number => Number.isFinite(time)).sort((a, b) => a - b);
}

interface Window {
  readonly atomic: AtomicKeys;
  readonly windowMs: number;
  readonly now: () => number;
  readonly logger: Logger;
}

/** Gives one use back: the window without the use started at `time` (removed when nothing is left in it). */
function refundIn(window: Window, key: string, time: number): Promise<void> {
  const { atomic, windowMs, now } = window;
  const update = atomic.update<Times>(key, (stored) => {
    const times = timesOf(stored).filter((start) => start > now() - windowMs);
    const index = times.indexOf(time);
    if (index < 0) return 'keep';
    times.splice(index, 1);
    const newest = times.at(-1);
    if (newest === undefined) return 'delete';
    return { value: times, ttlMs: Math.max(1, newest + windowMs - now()) };
  });
  return update.then(
    () => {},
    (error: unknown) => window.logger.warn({ err: error, key }, 'cooldown refund not saved'),
  );
}

function storedTicket(window: Window, key: string, time: number): CooldownTicket {
  let refunded: Promise<void> | undefined;
  return {
    refund: () => {
      refunded ??= refundIn(window, key, time);
      return refunded;
    },
  };
}

export function createSharedCooldowns(options: SharedCooldownOptions): Cooldowns {
  const windowMs = options.windowMs ?? COOLDOWN_WINDOW_MS;
  const now = options.now ?? Date.now;
  const answerWithinMs = options.answerWithinMs ?? STORE_ANSWER_MS;
  const window: Window = { atomic: atomicKeys(options.keyv), windowMs, now, logger: options.logger };
  const local = createCooldowns(options);

  async function takeStored(command: string, userId: string, limit: number): Promise<CooldownVerdict> {
    const key = `${command}:${userId}`;
    const at = now();
    // Set by each call of the change; the last call is the one the store kept.
    let retryAt: number | undefined;
    await window.atomic.update<Times>(key, (stored) => {
      const times = timesOf(stored).filter((time) => time > at - windowMs);
      retryAt = times.length >= limit ? retryAtOf(times, limit, at, windowMs) : undefined;
      if (retryAt !== undefined) return 'keep';
      // Fewer than `limit` times: the stored window stays bounded by the limit (at most 1,000 by the config).
      return { value: [...times, at], ttlMs: windowMs };
    });
    if (retryAt !== undefined) return { allowed: false, retryAt, limit };
    return { allowed: true, ticket: storedTicket(window, key, at) };
  }

  return {
    async take(command, userId) {
      const limit = options.perWindow[command] ?? 0;
      if (limit <= 0) return FREE;
      try {
        return await answeredWithin(takeStored(command, userId, limit), answerWithinMs);
      } catch (error) {
        options.logger.warn({ err: error, command }, 'cooldown store failed; counting in this process');
        return local.take(command, userId);
      }
    },
  };
}
