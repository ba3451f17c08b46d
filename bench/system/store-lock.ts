/**
 * Makes the store briefly unavailable the way another program can: a second connection to the SQLite file holds
 * an exclusive (write) transaction for a while, then commits.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import sqlite3 from 'sqlite3';

const RETRY_MS = 20;

function run(db: sqlite3.Database, sql: string): Promise<void> {
  return new Promise((resolve, reject) => db.exec(sql, (error) => (error ? reject(error) : resolve())));
}

function open(file: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (error) => (error ? reject(error) : resolve(db)));
  });
}

/** Holds BEGIN EXCLUSIVE on `file` for `holdMs` (retrying until it gets the lock). Returns when released. */
export async function holdExclusiveLock(file: string, holdMs: number): Promise<{ waitedMs: number }> {
  const db = await open(file);
  const started = performance.now();
  try {
    for (;;) {
      try {
        await run(db, 'BEGIN EXCLUSIVE');
        break;
      } catch (error) {
        if (!String(error).includes('SQLITE_BUSY')) throw error;
        await sleep(RETRY_MS);
      }
    }
    const waitedMs = performance.now() - started;
    await sleep(holdMs);
    await run(db, 'COMMIT');
    return { waitedMs };
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}
