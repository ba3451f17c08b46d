import path from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import { waitingOutLocks } from './sqlite-busy.ts';
import { isInMemorySqlite } from './sqlite-file.ts';

/** Rows per page when iterating a namespace (the adapter pages with LIMIT/OFFSET; its default is 10). */
const ITERATION_PAGE_ROWS = 5_000;

interface SharedFile {
  readonly query: KeyvSqlite['query'];
  readonly closeConnection: () => Promise<void>;
  readonly ready: Promise<void>;
  users: number;
  closed: boolean;
}

const tableFor = (namespace: string) => namespace.replace(/-/g, '_');
const fileKey = (file: string) => (isInMemorySqlite(file) ? file : path.resolve(file));

/**
 * One SQLite connection per file, shared by every namespace (table) opened on it: writes from the articles, the
 * catalogue and the caches queue on one connection instead of contending for the file lock. Each namespace still
 * gets its own @keyv/sqlite adapter, so keyv's SQL is the library's; only its `query` (a public field) is pointed
 * at the shared connection. The connection closes with its last user.
 */
export class SqliteConnections {
  private readonly files = new Map<string, SharedFile>();
  private readonly opening = new Map<string, Promise<unknown>>();

  /** Whether this registry holds an open connection to `file`. */
  isOpen(file: string): boolean {
    return this.files.has(fileKey(file));
  }

  /**
   * Runs the opens of one file one after another. POSIX file locks belong to the process, and closing ANY
   * descriptor of a file drops them all: a header check that opens and closes the file while a connection of this
   * process holds its locks would let another process (npm run ingest) take the file as unused and delete the WAL
   * under us. So checks run only before the first connection, and never alongside one.
   */
  serialize<T>(file: string, open: () => Promise<T>): Promise<T> {
    const key = fileKey(file);
    const result = (this.opening.get(key) ?? Promise.resolve()).then(open);
    const settled = result.catch(() => undefined);
    this.opening.set(key, settled);
    void settled.then(() => {
      if (this.opening.get(key) === settled) this.opening.delete(key);
    });
    return result;
  }

  /** `setup` runs once per file on the new connection (pragmas); its failure fails every waiting open. */
  async adapter(
    file: string,
    namespace: string,
    busyTimeoutMs: number,
    setup: (query: KeyvSqlite['query']) => Promise<void>,
  ): Promise<KeyvSqlite> {
    const key = fileKey(file);
    const shared = this.files.get(key);
    if (shared) return this.derive(shared, namespace, key);
    const owner = new KeyvSqlite({
      uri: `sqlite://${file}`,
      table: tableFor(namespace),
      // No busyTimeout: SQLite's busy handler would wait holding the connection's mutex (see waitingOutLocks).
      iterationLimit: ITERATION_PAGE_ROWS,
    });
    // The connection's own close, before attach() puts the shared one in its place.
    const closeOwner = owner.close;
    const lockWaits = waitingOutLocks(owner.query, { busyTimeoutMs });
    owner.query = lockWaits.query;
    // node-sqlite3 gives every connection a 1 s busy handler of its own; turn it off before anything else runs.
    const ready = owner.query('PRAGMA busy_timeout = 0').then(() => setup(owner.query));
    const created: SharedFile = {
      query: owner.query,
      // Writes still waiting out another process's lock finish (or fail) first: closing would drop them.
      closeConnection: () => lockWaits.idle().then(closeOwner),
      ready,
      users: 0,
      closed: false,
    };
    this.files.set(key, created);
    try {
      await created.ready;
    } catch (error) {
      this.files.delete(key);
      await owner.close().catch(() => undefined); // Opening failed already; a close error would hide why.
      throw error;
    }
    return this.attach(owner, created, key);
  }

  private async derive(shared: SharedFile, namespace: string, key: string): Promise<KeyvSqlite> {
    await shared.ready;
    // The adapter always opens a connection of its own: make it a throwaway in-memory one and close it at once.
    const adapter = new KeyvSqlite({ uri: 'sqlite://:memory:', table: tableFor(namespace) });
    await adapter.close();
    adapter.query = shared.query;
    adapter.opts.iterationLimit = ITERATION_PAGE_ROWS;
    // The same statement the adapter runs on its own connection at start.
    await shared.query(
      `CREATE TABLE IF NOT EXISTS ${adapter.opts.table}(key VARCHAR(255) PRIMARY KEY, value TEXT )`,
    );
    if (shared.closed)
      throw new Error(`The connection to ${key} was closed while ${namespace} was being opened`);
    return this.attach(adapter, shared, key);
  }

  private attach(adapter: KeyvSqlite, shared: SharedFile, key: string): KeyvSqlite {
    shared.users++;
    let released = false;
    adapter.close = async () => {
      if (released) return;
      released = true;
      shared.users--;
      if (shared.users > 0) return;
      shared.closed = true;
      if (this.files.get(key) === shared) this.files.delete(key);
      await shared.closeConnection();
    };
    return adapter;
  }
}

/**
 * The process's one registry: every pool and every plain openKeyv share it, so a process holds at most one
 * connection per SQLite file (see `serialize` for why that matters beyond speed).
 */
export const PROCESS_SQLITE_CONNECTIONS = new SqliteConnections();
