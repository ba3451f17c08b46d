import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { readWaitingOutLocks, SqliteWriteQueue } from './sqlite-busy.ts';
import { isInMemorySqlite, prepareSqliteFile } from './sqlite-file.ts';
import { describeStoreError, type StoreTarget } from './store-errors.ts';

/** One connection to one file, shared by every namespace (table) this process opens on it. */
export interface SqliteConnection {
  readonly db: Database;
  readonly writes: SqliteWriteQueue;
  /** Gives this user's share back; the connection closes with its last user, after its queued writes. */
  release(): Promise<void>;
}

interface SharedFile {
  readonly db: Database;
  readonly writes: SqliteWriteQueue;
  users: number;
}

const fileKey = (file: string) => (isInMemorySqlite(file) ? file : path.resolve(file));

/** Opens the file with SQLite's busy handler off (it would sleep on the event loop) and sets it up for sharing. */
async function openDatabase(file: string, target: StoreTarget): Promise<Database> {
  const db = new BetterSqlite3(file, { timeout: 0 });
  try {
    await readWaitingOutLocks(() => {
      // WAL: readers never wait for the writer, and other processes' connections to the file can write in turn.
      if (!isInMemorySqlite(file)) db.pragma('journal_mode = WAL');
      // synchronous=NORMAL: a commit is no fsync (safe from corruption in WAL; a power cut may lose the last writes).
      db.pragma('synchronous = NORMAL');
    }, target.busyTimeoutMs);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * One SQLite connection per file and process: writes from the articles, the catalogue and the caches queue on one
 * connection (batched into shared transactions) instead of contending for the file lock with each other.
 */
export class SqliteConnections {
  private readonly files = new Map<string, SharedFile>();
  private readonly opening = new Map<string, Promise<SharedFile>>();
  private readonly closing = new Map<string, Promise<void>>();

  async acquire(file: string, target: StoreTarget): Promise<SqliteConnection> {
    const key = fileKey(file);
    const shared = this.files.get(key) ?? (await this.openOnce(key, file, target));
    shared.users++;
    let released = false;
    return {
      db: shared.db,
      writes: shared.writes,
      release: async () => {
        if (released) return;
        released = true;
        if (--shared.users > 0) return;
        if (this.files.get(key) === shared) this.files.delete(key);
        // Writes still waiting out another process's lock finish (or fail) first: closing would drop them.
        const closed = shared.writes.idle().then(() => void shared.db.close());
        this.closing.set(key, closed);
        await closed.finally(() => {
          if (this.closing.get(key) === closed) this.closing.delete(key);
        });
      },
    };
  }

  /**
   * Concurrent opens of one file share one attempt. The header check opens and closes the file, and POSIX locks
   * belong to the process: closing ANY descriptor of a file drops them all, so another process (npm run ingest)
   * could take the file as unused and reset the WAL under us. So the check runs only before the first connection.
   */
  private openOnce(key: string, file: string, target: StoreTarget): Promise<SharedFile> {
    const pending = this.opening.get(key);
    if (pending) return pending;
    const opened = (async () => {
      try {
        await this.closing.get(key); // A reopen during a close waits: never two connections (see above).
        await prepareSqliteFile(file, target);
        const db = await openDatabase(file, target);
        const shared: SharedFile = { db, writes: new SqliteWriteQueue(db), users: 0 };
        this.files.set(key, shared);
        return shared;
      } catch (error) {
        throw describeStoreError(error, target);
      } finally {
        this.opening.delete(key);
      }
    })();
    this.opening.set(key, opened);
    return opened;
  }
}

/**
 * The process's one registry: every pool and every plain openKeyv share it, so a process holds at most one
 * connection per SQLite file.
 */
export const PROCESS_SQLITE_CONNECTIONS = new SqliteConnections();
