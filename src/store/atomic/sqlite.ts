import type { SqliteConnection } from '../sqlite-connections.ts';
import type { CompareAndSet } from './backend.ts';

export interface SqliteCompareAndSetOptions {
  readonly connection: SqliteConnection;
  readonly table: string;
  readonly busyTimeoutMs: number;
  readonly describeError: (error: unknown) => unknown;
  /** The clock the `expires` column goes by: the store's (see SqliteKeyvStore). */
  readonly now: () => number;
}

/**
 * Compare-and-set as one single-row statement in the connection's write queue. In the queue, because this
 * process's plain writes made earlier (still unlanded, yet already seen by the read that gave `expected`) must land
 * first; as one statement in a write transaction (BEGIN IMMEDIATE), because that holds the file's write lock, so no
 * other process's connection can write between the comparison and the change.
 */
export function sqliteCompareAndSet(options: SqliteCompareAndSetOptions): CompareAndSet {
  const { connection, table } = options;
  const prepare = (sql: string) => connection.db.prepare(sql);
  const insert = prepare(
    `INSERT INTO ${table} (key, value, expires) VALUES (?, ?, ?) ON CONFLICT(key) DO NOTHING`,
  );
  const update = prepare(`UPDATE ${table} SET value = ?, expires = ? WHERE key = ? AND value = ?`);
  const remove = prepare(`DELETE FROM ${table} WHERE key = ? AND value = ?`);
  return {
    async compareAndSet(key, expected, next, ttlMs) {
      // As SqliteKeyvStore.setMany computes it, so the expiry sweep removes these rows like any other.
      const expires = typeof ttlMs === 'number' && ttlMs > 0 ? options.now() + ttlMs : null;
      const run = () => {
        if (expected === undefined) return insert.run(key, next, expires).changes;
        if (next === undefined) return remove.run(key, expected).changes;
        return update.run(next, expires, key, expected).changes;
      };
      try {
        return (await connection.writes.enqueue(run, options.busyTimeoutMs)) === 1;
      } catch (error) {
        throw options.describeError(error);
      }
    },
  };
}
