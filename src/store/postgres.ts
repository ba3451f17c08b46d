import Keyv from 'keyv';
import type { Pool } from 'pg';
import type { Logger } from '../core/log.ts';
import { describingFailures } from './adapter-errors.ts';
import { attachCompareAndSet } from './atomic/backend.ts';
import { postgresCompareAndSet } from './atomic/postgres.ts';
import { type SweepStep, startExpirySweep } from './sweep.ts';

/** Rows per page when a namespace is read whole (the adapter's default is 10). */
const ITERATION_PAGE_ROWS = 1_000;

/** Rows looked at per sweep statement: one primary-key range read, whatever the table's size. */
export const SWEEP_PAGE_ROWS = 1_000;

/**
 * One sweep statement: the next SWEEP_PAGE_ROWS keys after `after`, deleting those whose `expires` (the last field
 * of keyv's serialized `{"value":…,"expires":…}`; nested ones never end the text) has passed. @keyv/postgres keeps
 * no expiry column, so the sweep walks the table by key, a page per statement, instead of scanning it whole.
 */
const sweepStatement = (table: string) => `
  WITH page AS (
    SELECT key, substring(value from '"expires":(-?[0-9]+(?:\\.[0-9]+)?)\\}$')::float8 AS expires
    FROM ${table} WHERE key > $1 ORDER BY key LIMIT $2
  ), gone AS (
    DELETE FROM ${table} AS t USING page WHERE t.key = page.key AND page.expires <= $3 RETURNING t.key
  )
  SELECT (SELECT max(key) FROM page) AS last, (SELECT count(*)::int FROM page) AS seen,
    (SELECT count(*)::int FROM gone) AS deleted`;

/**
 * A sweep step that walks `table` by key from where the last step stopped, starting over at its end. It starts
 * once this process has written an entry with a TTL there (`ttlSeen`): a namespace without TTLs (the articles)
 * would otherwise be read whole every few runs for nothing.
 */
function keyWalkingSweep(pool: Pool, table: string, now: () => number, ttlSeen: () => boolean): SweepStep {
  let after = '';
  const sql = sweepStatement(table);
  return async () => {
    if (!ttlSeen()) return { done: true, deleted: 0 };
    const result = await pool.query<{ last: string | null; seen: number; deleted: number }>(sql, [
      after,
      SWEEP_PAGE_ROWS,
      now(),
    ]);
    const row = result.rows[0];
    const done = !row || row.seen < SWEEP_PAGE_ROWS || row.last === null;
    after = done ? '' : (row.last ?? '');
    return { done, deleted: row?.deleted ?? 0 };
  };
}

/**
 * Makes `adapter` remember whether it was ever asked to store an entry with a TTL; `note` tells it of one written
 * around it (an atomic update).
 */
function noticingTtls(adapter: {
  set(key: string, value: unknown, ttl?: number): Promise<unknown>;
  setMany(entries: { key: string; value: unknown; ttl?: number }[]): Promise<unknown>;
}): { seen(): boolean; note(): void } {
  let seen = false;
  const { set, setMany } = adapter;
  adapter.set = (key, value, ttl) => {
    seen ||= typeof ttl === 'number';
    return set.call(adapter, key, value, ttl);
  };
  adapter.setMany = (entries) => {
    seen ||= entries.some((entry) => typeof entry.ttl === 'number');
    return setMany.call(adapter, entries);
  };
  return {
    seen: () => seen,
    note: () => {
      seen = true;
    },
  };
}

/** PostgreSQL's "the server is going away / not ready" codes (57P01–03) and its connection-exception class (08). */
const SERVER_AWAY_CODES = /^(57P0[123]|08...)$/;

/** Whether `error` says the PostgreSQL server could not be reached or went away mid-query. */
export function isPostgresConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = 'code' in error ? String(error.code) : '';
  return (
    SERVER_AWAY_CODES.test(code) ||
    // node-postgres's own, without a code.
    /^Connection terminated|timeout exceeded when trying to connect|^Query read timeout/.test(error.message)
  );
}

interface SharedPool {
  readonly pool: Pool;
  users: number;
}

/**
 * One node-postgres pool per server URL for the whole process, closed with its last user.
 *
 * @keyv/postgres keeps one pool per process too, but ends it whenever ANY namespace disconnects — every other
 * namespace then fails with "Cannot use a pool after calling end on the pool" — and never listens for the pool's
 * 'error' event, which node-postgres emits when the server drops an idle connection (a restart, a failover): an
 * unhandled 'error' event, so the process crashed. Both found against a real server (test/store/postgres.test.ts).
 */
class PostgresPools {
  private readonly pools = new Map<string, SharedPool>();

  async acquire(
    url: string,
    connectTimeoutMs: number,
    logger: Logger,
  ): Promise<{ pool: Pool; release(): Promise<void> }> {
    const { default: pg } = await import('pg');
    const shared = this.pools.get(url) ?? {
      // query_timeout: a server that stops answering without closing the connection fails the query, not hangs it.
      pool: new pg.Pool({
        connectionString: url,
        connectionTimeoutMillis: connectTimeoutMs,
        query_timeout: connectTimeoutMs,
      }),
      users: 0,
    };
    if (shared.users === 0) {
      this.pools.set(url, shared);
      shared.pool.on('error', (error) =>
        logger.warn({ err: error }, 'store: a PostgreSQL connection was lost'),
      );
    }
    shared.users++;
    let released = false;
    return {
      pool: shared.pool,
      release: async () => {
        if (released) return;
        released = true;
        if (--shared.users > 0) return;
        this.pools.delete(url);
        await shared.pool.end();
      },
    };
  }
}

const PROCESS_POSTGRES_POOLS = new PostgresPools();

/** A Keyv on a PostgreSQL table named after the namespace, through the process's shared pool for `url`. */
export async function openPostgresKeyv(
  url: string,
  namespace: string,
  options: {
    readonly connectTimeoutMs: number;
    readonly logger: Logger;
    readonly describeError: (error: unknown) => unknown;
    readonly now?: (() => number) | undefined;
    readonly sweepIntervalMs?: number | undefined;
  },
): Promise<Keyv> {
  const { default: KeyvPostgres } = await import('@keyv/postgres');
  const shared = await PROCESS_POSTGRES_POOLS.acquire(url, options.connectTimeoutMs, options.logger);
  // The adapter calls connect() from its constructor: the pool comes in through this closure, not a field.
  class SharedPoolAdapter extends KeyvPostgres {
    override async connect() {
      return async (sql: string, values?: unknown[]) => (await shared.pool.query(sql, values)).rows;
    }
    override async disconnect() {
      await shared.release();
    }
  }
  const adapter = new SharedPoolAdapter({
    uri: url,
    table: namespace.replace(/-/g, '_'),
    iterationLimit: ITERATION_PAGE_ROWS,
  });
  describingFailures(adapter, options.describeError);
  const ttls = noticingTtls(adapter);
  const keyv = new Keyv({ store: adapter, namespace, throwOnErrors: true });
  const table = `${adapter.opts.schema}.${adapter.opts.table}`;
  const { pool } = shared;
  attachCompareAndSet(
    keyv,
    postgresCompareAndSet({ pool, table, describeError: options.describeError, noteTtl: ttls.note }),
  );
  const sweep = keyWalkingSweep(pool, table, options.now ?? Date.now, ttls.seen);
  const stopSweep = startExpirySweep(sweep, {
    namespace,
    logger: options.logger,
    intervalMs: options.sweepIntervalMs,
  });
  keyv.on('disconnect', stopSweep);
  return keyv;
}
