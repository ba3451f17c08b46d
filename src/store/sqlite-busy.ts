import { setTimeout as sleepMs } from 'node:timers/promises';
import type { Database, Transaction } from 'better-sqlite3';
import { errorCode } from '../core/errors.ts';

/** The waits between tries on a locked file, in ms (SQLite's own busy handler uses this schedule). */
const BACKOFF_MS = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100] as const;
const LONGEST_BACKOFF_MS = 100;
/**
 * Writes per transaction. The driver is synchronous: one batch holds the event loop for its whole run, so a batch
 * is kept to a few milliseconds (500 article-sized rows ≈ 5 ms on this machine) while sparing a commit per row.
 */
export const MAX_BATCH_WRITES = 500;

/** SQLITE_BUSY and its extended codes (SQLITE_BUSY_RECOVERY, _SNAPSHOT, _TIMEOUT): another connection's lock. */
export const isBusy = (error: unknown) => errorCode(error)?.startsWith('SQLITE_BUSY') === true;

export interface BusyOptions {
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<unknown>;
}

const backoff = (attempt: number) => BACKOFF_MS[attempt] ?? LONGEST_BACKOFF_MS;

/**
 * Runs a read, waiting out another connection's lock on timers until `busyTimeoutMs` passes. SQLite's own busy
 * handler would sleep inside the call, and with a synchronous driver that freezes the whole process (issue 9).
 */
export async function readWaitingOutLocks<T>(
  read: () => T,
  busyTimeoutMs: number,
  { now = Date.now, sleep = sleepMs }: BusyOptions = {},
): Promise<T> {
  const deadline = now() + busyTimeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return read();
    } catch (error) {
      const left = deadline - now();
      if (!isBusy(error) || left <= 0) throw error;
      await sleep(Math.min(backoff(attempt), left));
    }
  }
}

interface Write {
  readonly run: () => unknown;
  /** After this (ms since epoch), a write still meeting a lock fails with SQLITE_BUSY. */
  readonly deadline: number;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Every write of one connection, in the order it was made, run in batched transactions after the current turn of
 * the event loop: concurrent writes (an ingest, several namespaces) share one commit, and no batch runs long.
 *
 * While another process holds the file's write lock, a batch fails at once with SQLITE_BUSY (busy_timeout is 0)
 * and is tried again on a timer: the event loop never blocks, reads go on in WAL mode, and writes made during the
 * lock land in the order they were made once it is released. A write whose deadline passes fails alone.
 */
export class SqliteWriteQueue {
  private readonly queue: Write[] = [];
  private scheduled = false;
  private attempt = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly runBatch: Transaction<(writes: readonly Write[]) => unknown[]>;

  constructor(
    db: Database,
    private readonly now: () => number = Date.now,
  ) {
    this.runBatch = db.transaction((writes: readonly Write[]) => writes.map((write) => write.run()));
  }

  /** Queues `run` (synchronous statements) to run inside a write transaction; settles with its result. */
  enqueue<T>(run: () => T, busyTimeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const deadline = this.now() + busyTimeoutMs;
      this.queue.push({ run, deadline, resolve: resolve as (value: unknown) => void, reject });
      this.schedule(undefined);
    });
  }

  /** Settles once every write queued so far has landed or failed: close the connection only then. */
  idle(): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(delayMs: number | undefined): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const flush = () => {
      this.scheduled = false;
      this.flush();
    };
    if (delayMs === undefined) setImmediate(flush);
    else setTimeout(flush, delayMs);
  }

  private flush(): void {
    const batch = this.queue.slice(0, MAX_BATCH_WRITES);
    if (batch.length === 0) return;
    try {
      const results = this.runBatch.immediate(batch);
      this.settle(batch.length, (write, n) => write.resolve(results[n]));
    } catch (error) {
      if (isBusy(error)) {
        this.waitForLock(error);
        return;
      }
      // One bad write must not fail the others: try them one by one, so only it fails.
      if (!this.flushOneByOne(batch.length)) return;
    }
    this.attempt = 0;
    this.afterFlush();
  }

  /** Runs the first `count` writes one transaction each; false when one met a lock (retry scheduled). */
  private flushOneByOne(count: number): boolean {
    for (let n = 0; n < count; n++) {
      const write = this.queue[0];
      if (!write) break;
      try {
        const [result] = this.runBatch.immediate([write]);
        this.settle(1, (done) => done.resolve(result));
      } catch (error) {
        if (isBusy(error)) {
          this.waitForLock(error);
          return false;
        }
        this.settle(1, (failed) => failed.reject(error));
      }
    }
    return true;
  }

  private waitForLock(error: unknown): void {
    const at = this.now();
    for (let n = this.queue.length - 1; n >= 0; n--) {
      const write = this.queue[n];
      if (write && write.deadline <= at) {
        this.queue.splice(n, 1);
        write.reject(error);
      }
    }
    const delay = backoff(this.attempt++);
    if (this.queue.length > 0) this.schedule(delay);
    else this.afterFlush();
  }

  private settle(count: number, each: (write: Write, n: number) => void): void {
    this.queue.splice(0, count).forEach(each);
  }

  private afterFlush(): void {
    if (this.queue.length > 0) {
      this.schedule(undefined);
      return;
    }
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
