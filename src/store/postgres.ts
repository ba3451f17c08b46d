import Keyv from 'keyv';
import type { Pool } from 'pg';
import type { Logger } from '../log.ts';
import { describingFailures } from './adapter-errors.ts';

/** Rows per page when a namespace is read whole (the adapter's default is 10). */
const ITERATION_PAGE_ROWS = 1_000;

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
  return new Keyv({ store: adapter, namespace, throwOnErrors: true });
}
