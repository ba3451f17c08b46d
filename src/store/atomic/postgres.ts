import type { Pool } from 'pg';
import type { CompareAndSet } from './backend.ts';

export interface PostgresCompareAndSetOptions {
  readonly pool: Pool;
  /** schema.table of the namespace, as @keyv/postgres made it: key VARCHAR PRIMARY KEY, value TEXT. */
  readonly table: string;
  readonly describeError: (error: unknown) => unknown;
  /** Told when an entry with a TTL is written, so the expiry sweep starts (see src/store/postgres.ts). */
  readonly noteTtl: () => void;
}

/**
 * Compare-and-set as one conditional statement, its row count saying whether it applied. Under READ COMMITTED an
 * UPDATE or DELETE that meets a row another transaction is changing waits for it, then checks `value = $2` again on
 * the row as committed; INSERT … ON CONFLICT DO NOTHING likewise waits for a concurrent insert of the key. So two
 * processes on any machines never both win.
 */
export function postgresCompareAndSet(options: PostgresCompareAndSetOptions): CompareAndSet {
  const { table } = options;
  const insert = `INSERT INTO ${table} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`;
  const update = `UPDATE ${table} SET value = $3 WHERE key = $1 AND value = $2`;
  const remove = `DELETE FROM ${table} WHERE key = $1 AND value = $2`;
  return {
    async compareAndSet(key, expected, next, ttlMs) {
      if (typeof ttlMs === 'number') options.noteTtl();
      const [sql, values] =
        expected === undefined
          ? [insert, [key, next]]
          : next === undefined
            ? [remove, [key, expected]]
            : [update, [key, expected, next]];
      try {
        return (await options.pool.query(sql, values)).rowCount === 1;
      } catch (error) {
        throw options.describeError(error);
      }
    },
  };
}
