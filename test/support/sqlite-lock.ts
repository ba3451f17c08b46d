import { setTimeout as sleep } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';

/** How often taking the lock is tried again while someone else holds it. */
const RETRY_MS = 20;

export interface HeldLock {
  /** How long it took to get the lock (another writer may have held it). */
  readonly waitedMs: number;
  release(): Promise<void>;
}

const isBusy = (error: unknown) =>
  String((error as { code?: unknown } | null)?.code).startsWith('SQLITE_BUSY');

/**
 * A connection of its own (as another process would have) holding `BEGIN EXCLUSIVE` on a SQLite file, so tests and
 * the system bench can see what the store does while the file is locked. Not through openKeyv: it shares one
 * connection per file within a process, so a lock taken there would be our own. The lock is tried again on a
 * timer (busy timeout 0), so waiting for it never blocks the event loop.
 */
export async function holdExclusiveLock(file: string): Promise<HeldLock> {
  const db = new BetterSqlite3(file, { timeout: 0 });
  const started = performance.now();
  for (;;) {
    try {
      db.exec('BEGIN EXCLUSIVE');
      break;
    } catch (error) {
      if (!isBusy(error)) {
        db.close();
        throw error;
      }
      await sleep(RETRY_MS);
    }
  }
  return {
    waitedMs: performance.now() - started,
    async release() {
      db.exec('COMMIT');
      db.close();
    },
  };
}
