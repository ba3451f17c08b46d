import type Keyv from 'keyv';
import { SqliteKeyvStore } from './sqlite-store.ts';

/** One entry as keyv.set(key, value, ttlMs) would store it in `keyv`'s namespace. */
export interface KeyvRow {
  readonly keyv: Keyv;
  readonly key: string;
  readonly value: unknown;
  readonly ttlMs?: number;
}

/** Writes entries of several namespaces of one SQLite connection in one transaction. */
export interface SqliteRowWriter {
  /**
   * Writes the rows `rows()` gives when the connection's next write transaction runs: all of them land, or none
   * (the promise then rejects with the store's described error). Rows are asked for only then, so a caller can
   * gather into them whatever arrives before that transaction.
   */
  write(rows: () => readonly KeyvRow[]): Promise<void>;
}

const adapterOf = (keyv: Keyv): SqliteKeyvStore | undefined => {
  const store: unknown = keyv.store;
  return store instanceof SqliteKeyvStore ? store : undefined;
};

/**
 * A writer for `keyvs` when they all are SQLite namespaces opened on one connection (src/store/keyv.ts), else
 * undefined: Redis, PostgreSQL and memory stores have no transaction across namespaces here, so their callers
 * keep writing one keyv.set at a time, in order.
 *
 * Each row is exactly what keyv.set writes with the JSON codec of openKeyv: the key with its namespace prefix, and
 * `{"value":…,"expires":…}` as the value, so keyv.get, iteration and the expiry sweep read it like any other.
 */
export function sqliteRowWriter(keyvs: readonly Keyv[]): SqliteRowWriter | undefined {
  const adapters = new Map<Keyv, SqliteKeyvStore>();
  for (const keyv of keyvs) {
    const adapter = adapterOf(keyv);
    if (!adapter || keyv.useKeyPrefix === false) return undefined;
    adapters.set(keyv, adapter);
  }
  const [first, ...others] = adapters.values();
  if (!first || others.some((adapter) => !first.sharesConnectionWith(adapter))) return undefined;
  const writeNow = (row: KeyvRow) => {
    const adapter = adapters.get(row.keyv);
    if (!adapter) throw new Error(`sqliteRowWriter: namespace ${row.keyv.namespace} is not one of its own`);
    const key = row.keyv.namespace ? `${row.keyv.namespace}:${row.key}` : row.key;
    const expires = row.ttlMs === undefined ? undefined : Date.now() + row.ttlMs;
    adapter.upsertNow(key, JSON.stringify({ value: row.value, expires }), row.ttlMs);
  };
  return {
    write: (rows) => {
      // Asked once: a failed batch is tried again write by write (SqliteWriteQueue), with the same rows.
      let gathered: readonly KeyvRow[] | undefined;
      return first.transact(() => {
        gathered ??= rows();
        for (const row of gathered) writeNow(row);
      });
    },
  };
}
