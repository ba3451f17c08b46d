import { setTimeout as sleepMs } from 'node:timers/promises';
import type KeyvSqlite from '@keyv/sqlite';

type Query = KeyvSqlite['query'];

/** The waits between tries on a locked file: SQLite's own busy handler uses this schedule, in ms. */
const BACKOFF_MS = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100] as const;
const LONGEST_BACKOFF_MS = 100;

export interface LockWaitOptions {
  /** How long one statement may wait for another process's lock before it fails with SQLITE_BUSY. */
  readonly busyTimeoutMs: number;
  readonly sleep?: (ms: number) => Promise<unknown>;
  readonly now?: () => number;
}

const isBusy = (error: unknown) =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === 'SQLITE_BUSY';
const isRead = (sql: string) => /^\s*select\b/i.test(sql);

/**
 * Waits out another process's lock on the file in JavaScript, with SQLite's own busy timeout at 0.
 *
 * Why not SQLite's busy handler: it sleeps inside the statement while holding the connection's mutex, and
 * node-sqlite3 finalizes statements on the main thread, which takes that mutex. So one write waiting for a lock
 * froze the whole process, deferrals and autocompletes included, for up to the busy timeout (found by the system
 * benchmark, issue 9). Here a locked statement fails at once and is tried again after a timer: the event loop
 * never blocks.
 *
 * Writes that meet a lock queue in the order they met it, and writes issued while the queue is not empty join
 * it, so writes made during a lock land in the order they were made (with parallel waiters, the lock's release
 * would pick a winner at random). Writes already in flight when the lock is first met are not ordered against
 * each other — callers that need that serialise writes per key (the usage ledger and the article store do).
 * Reads are never queued: in WAL mode they rarely wait at all.
 */
export interface LockWaitingQuery {
  readonly query: Query;
  /** Settles once no statement is waiting out a lock: close the connection only then, or those writes are lost. */
  idle(): Promise<void>;
}

export function waitingOutLocks(query: Query, options: LockWaitOptions): LockWaitingQuery {
  const sleep = options.sleep ?? sleepMs;
  const now = options.now ?? Date.now;
  let queue: Promise<unknown> = Promise.resolve();
  let queuedWrites = 0;
  const waiting = new Set<Promise<unknown>>();
  const tracked = <T>(promise: Promise<T>): Promise<T> => {
    const settled = promise.then(
      () => undefined,
      () => undefined,
    );
    waiting.add(settled);
    void settled.then(() => waiting.delete(settled));
    return promise;
  };

  const retryUntil = async (deadline: number, sql: string, parameters: unknown[]) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await query(sql, ...parameters);
      } catch (error) {
        const left = deadline - now();
        if (!isBusy(error) || left <= 0) throw error;
        await sleep(Math.min(BACKOFF_MS[attempt] ?? LONGEST_BACKOFF_MS, left));
      }
    }
  };

  const enqueue = (deadline: number, sql: string, parameters: unknown[]) => {
    queuedWrites++;
    const turn = queue.then(() => retryUntil(deadline, sql, parameters));
    queue = turn.catch(() => undefined).finally(() => queuedWrites--);
    return turn;
  };

  const waitingQuery = async (sql: string, ...parameters: unknown[]) => {
    const deadline = now() + options.busyTimeoutMs;
    const write = !isRead(sql);
    if (write && queuedWrites > 0) return tracked(enqueue(deadline, sql, parameters));
    try {
      return await query(sql, ...parameters);
    } catch (error) {
      if (!isBusy(error)) throw error;
      return tracked(write ? enqueue(deadline, sql, parameters) : retryUntil(deadline, sql, parameters));
    }
  };
  return {
    query: waitingQuery,
    async idle() {
      // The waits under way now: writes issued while closing must not hold the close open forever.
      await Promise.all([...waiting]);
    },
  };
}
