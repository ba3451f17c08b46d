import { translate } from '../core/i18n/index.ts';

/**
 * Per user per command rate limits ("5 /ask a minute"): a sliding window of the times a user's uses started.
 * A use is taken before the command runs (so concurrent requests cannot slip past the limit together) and handed
 * back when it turned out to cost nothing (a cached answer, a user error), so only model calls count.
 * This is the in-memory window of one process (the no-store case, and the fallback while the store fails); the bot
 * keeps its windows in the shared store (cooldowns-shared.ts), so every shard process counts the same uses.
 */

export const COOLDOWN_WINDOW_MS = 60_000;
/** Users tracked at once; beyond it the least recently active are forgotten (they simply start afresh). */
export const COOLDOWN_MAX_TRACKED_USERS = 10_000;

/** A use taken from the window; `refund` gives it back (idempotent; never rejects, so callers need not await). */
export interface CooldownTicket {
  refund(): void | Promise<void>;
}

export type CooldownVerdict =
  | { readonly allowed: true; readonly ticket: CooldownTicket }
  | {
      readonly allowed: false;
      /** Epoch ms when the oldest use leaves the window and the user may run the command again. */
      readonly retryAt: number;
      readonly limit: number;
    };

export interface Cooldowns {
  /** Never rejects: a window that cannot be read or written is counted some other way (see cooldowns-shared.ts). */
  take(command: string, userId: string): Promise<CooldownVerdict>;
}

export interface MemoryCooldowns extends Cooldowns {
  /** Users currently tracked (for tests and metrics). */
  size(): number;
}

export interface CooldownOptions {
  /** Uses allowed per window, by command name; a command not listed, or 0, is not limited. */
  readonly perWindow: Readonly<Record<string, number>>;
  readonly windowMs?: number;
  readonly maxTracked?: number;
  readonly now?: () => number;
}

/** The verdict for a command without a limit. */
export const FREE: CooldownVerdict = { allowed: true, ticket: { refund() {} } };

/** When a full window lets the user in again: once the use `limit` places from the newest leaves it. */
export function retryAtOf(times: readonly number[], limit: number, at: number, windowMs: number): number {
  return (times[times.length - limit] ?? at) + windowMs;
}

export function createCooldowns(options: CooldownOptions): MemoryCooldowns {
  const windowMs = options.windowMs ?? COOLDOWN_WINDOW_MS;
  const maxTracked = options.maxTracked ?? COOLDOWN_MAX_TRACKED_USERS;
  const now = options.now ?? Date.now;
  /** Start times of the uses still in the window, oldest first; Map order = least recently active first. */
  const uses = new Map<string, number[]>();

  const live = (times: readonly number[], at: number) => times.filter((time) => time > at - windowMs);

  /** Forgets the least recently active users (the first in Map order), whose windows have most likely passed. */
  function makeRoom(): void {
    while (uses.size >= maxTracked) {
      const oldest = uses.keys().next().value;
      if (oldest === undefined) break;
      uses.delete(oldest);
    }
  }

  function ticketFor(key: string, time: number): CooldownTicket {
    let refunded = false;
    return {
      refund() {
        if (refunded) return;
        refunded = true;
        const times = uses.get(key);
        const index = times?.indexOf(time) ?? -1;
        if (times && index >= 0) times.splice(index, 1);
        if (times?.length === 0) uses.delete(key);
      },
    };
  }

  function take(command: string, userId: string): CooldownVerdict {
    const limit = options.perWindow[command] ?? 0;
    if (limit <= 0) return FREE;
    const at = now();
    const key = `${command}\u0000${userId}`;
    const times = live(uses.get(key) ?? [], at);
    uses.delete(key);
    if (times.length >= limit) {
      uses.set(key, times);
      return { allowed: false, retryAt: retryAtOf(times, limit, at, windowMs), limit };
    }
    makeRoom();
    times.push(at);
    uses.set(key, times);
    return { allowed: true, ticket: ticketFor(key, at) };
  }

  return {
    take: (command, userId) => Promise.resolve(take(command, userId)),
    size: () => uses.size,
  };
}

/** "again in 40 seconds": Discord renders `<t:…:R>` in the reader's language and counts down to the instant. */
export function retryTime(retryAtMs: number): string {
  return `<t:${Math.ceil(retryAtMs / 1000)}:R>`;
}

/** The one cooldown notice, for slash commands, buttons and thread follow-ups alike. */
export function cooldownText(
  locale: string | null | undefined,
  command: string,
  retryAtMs: number,
  limit: number,
) {
  return translate(locale, 'cooldown.wait', { command, limit, retryAt: retryTime(retryAtMs) });
}
