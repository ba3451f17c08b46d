import { setTimeout as sleep } from 'node:timers/promises';
import sqlite3 from 'sqlite3';

/** How often taking the lock is tried again while someone else holds it. */
const RETRY_MS = 20;

export interface HeldLock {
  /** How long it took to get the lock (another writer may have held it). */
  readonly waitedMs: number;
  release(): Promise<void>;
}

/**
 * A connection of its own (as another process would have) holding `BEGIN EXCLUSIVE` on a SQLite file, so tests and
 * the system bench can see what the store does while the file is locked. Not through openKeyv: it shares one
 * connection per file within a process, so a lock taken there would be our own.
 */
export async function holdExclusiveLock(file: string): Promise<HeldLock> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened = new sqlite3.Database(file, (error) => (error ? reject(error) : resolve(opened)));
  });
  const run = (sql: string) =>
    new Promise<void>((resolve, reject) => db.exec(sql, (error) => (error ? reject(error) : resolve())));
  const close = () =>
    new Promise<void>((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
  const started = performance.now();
  for (;;) {
    try {
      await run('BEGIN EXCLUSIVE');
      break;
    } catch (error) {
      if (!String(error).includes('SQLITE_BUSY')) {
        await close();
        throw error;
      }
      await sleep(RETRY_MS);
    }
  }
  return {
    waitedMs: performance.now() - started,
    async release() {
      await run('COMMIT');
      await close();
    },
  };
}
