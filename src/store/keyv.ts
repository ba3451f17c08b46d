import path from 'node:path';
import Keyv from 'keyv';
import { UserFacingError } from '../core/errors.ts';
import { type Logger, silentLogger } from '../core/log.ts';
import { answeredWithin } from './adapter-errors.ts';
import { attachCompareAndSet } from './atomic/backend.ts';
import { mapCompareAndSet } from './atomic/memory.ts';
import { sqliteCompareAndSet } from './atomic/sqlite.ts';
import { throttledErrorLog } from './error-log.ts';
import { openPostgresKeyv } from './postgres.ts';
import { openRedisKeyv } from './redis.ts';
import { PROCESS_SQLITE_CONNECTIONS, type SqliteConnections } from './sqlite-connections.ts';
import { isInMemorySqlite, sqliteFileFromUrl } from './sqlite-file.ts';
import { SqliteKeyvStore, SWEEP_BATCH_ROWS } from './sqlite-store.ts';
import { describeStoreError, redactUrl, type StoreTarget, unreachableError } from './store-errors.ts';
import { startExpirySweep } from './sweep.ts';

/** How long a write waits for another process's lock before failing with a clear error. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;
/** A Redis or Postgres store that does not answer within this is reported at start, not at the first command. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const NAMESPACE = /^[a-z][a-z0-9_-]{0,62}$/i;

export interface OpenKeyvOptions {
  /** Separates one user's keys from another's; on SQLite and Postgres it is also the table name. */
  readonly namespace: string;
  readonly logger?: Logger;
  /** SQLite: how long an operation waits for another connection's lock before failing (store-locked). */
  readonly busyTimeoutMs?: number;
  /** Redis/Postgres: how long opening waits for the server before failing (store-unreachable). */
  readonly connectTimeoutMs?: number;
  /** SQLite: the clock that TTLs and the expired-entry sweep go by (tests move it). */
  readonly now?: () => number;
  /** SQLite and Postgres: how often expired entries are removed (see src/store/sweep.ts). */
  readonly sweepIntervalMs?: number;
  /** Track what is opened (see createKeyvPool) so it can all be closed at once. */
  readonly pool?: KeyvPool;
}

export interface KeyvPool {
  open(url: string, options: Omit<OpenKeyvOptions, 'pool'>): Promise<Keyv>;
  /** Closes every Keyv opened through the pool and not closed yet. */
  closeAll(): Promise<void>;
}

/** What a pool shares between opens: in-memory namespaces and one SQLite connection per file. */
interface Shared {
  readonly memory: (namespace: string) => Map<string, unknown>;
  readonly sqlite: SqliteConnections;
}

// Values are plain JSON: faster than keyv's default (a recursive serializer and a JSON.parse reviver).
const JSON_CODEC = { serialize: JSON.stringify, deserialize: JSON.parse } as const;

/** What error messages about this store name: STORE_URL (password hidden) and, for SQLite, the absolute file. */
export function storeTarget(url: string, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS): StoreTarget {
  const file = url.startsWith('sqlite:') ? sqliteFileFromUrl(url) : undefined;
  const shown = file === undefined || isInMemorySqlite(file) ? file : path.resolve(file);
  return { url, file: shown, busyTimeoutMs };
}

interface OpenContext {
  readonly url: string;
  readonly namespace: string;
  readonly target: StoreTarget;
  readonly logger: Logger;
  readonly now: (() => number) | undefined;
  readonly sweepIntervalMs: number | undefined;
}

/** Keyv reports storage failures as 'error' events as well as by throwing: log them (throttled), never crash. */
function watched(keyv: Keyv, context: OpenContext): Keyv {
  const log = throttledErrorLog(context.logger, {
    namespace: context.namespace,
    store: redactUrl(context.url),
  });
  keyv.on('error', log);
  return keyv;
}

async function openSqlite(context: OpenContext, connections: SqliteConnections): Promise<Keyv> {
  const { url, namespace, target } = context;
  const describeError = (error: unknown) => describeStoreError(error, target);
  const connection = await connections.acquire(sqliteFileFromUrl(url), target);
  let store: SqliteKeyvStore;
  try {
    const { busyTimeoutMs } = target;
    store = await SqliteKeyvStore.open({
      connection,
      namespace,
      busyTimeoutMs,
      describeError,
      now: context.now,
    });
  } catch (error) {
    await connection.release();
    throw describeError(error);
  }
  const keyv = watched(new Keyv({ store, namespace, throwOnErrors: true, ...JSON_CODEC }), context);
  const stopSweep = startExpirySweep(
    async () => {
      const deleted = await store.sweepExpired(SWEEP_BATCH_ROWS);
      return { done: deleted < SWEEP_BATCH_ROWS, deleted };
    },
    { namespace, logger: context.logger, intervalMs: context.sweepIntervalMs },
  );
  keyv.on('disconnect', stopSweep);
  const { busyTimeoutMs } = target;
  const now = context.now ?? Date.now;
  const table = store.opts.table;
  return attachCompareAndSet(
    keyv,
    sqliteCompareAndSet({ connection, table, busyTimeoutMs, describeError, now }),
  );
}

async function openRemote(context: OpenContext, connectTimeoutMs: number): Promise<Keyv> {
  const { url, namespace, target } = context;
  // Loaded only when used: the Redis and Postgres clients cost ~20 MB and start-up time to every SQLite user.
  const describeError = (error: unknown) => describeStoreError(error, target);
  const keyv = url.startsWith('redis')
    ? await openRedisKeyv(url, namespace, { connectTimeoutMs, describeError })
    : await openPostgresKeyv(url, namespace, {
        connectTimeoutMs,
        describeError,
        logger: context.logger,
        now: context.now,
        sweepIntervalMs: context.sweepIntervalMs,
      });
  keyv.serialize = JSON_CODEC.serialize;
  keyv.deserialize = JSON_CODEC.deserialize;
  watched(keyv, context);
  try {
    await answeredWithin(keyv.has('__newsdesk_probe__'), connectTimeoutMs);
  } catch (error) {
    await keyv.disconnect().catch(() => undefined); // The connection failed already; its close error adds nothing.
    const described = describeStoreError(error, target);
    throw described instanceof UserFacingError ? described : unreachableError(target, error);
  }
  return keyv;
}

async function openWith(url: string, options: OpenKeyvOptions, shared: Shared): Promise<Keyv> {
  const { namespace } = options;
  if (!NAMESPACE.test(namespace)) throw new Error(`Invalid keyv namespace ${JSON.stringify(namespace)}`);
  const target = storeTarget(url, options.busyTimeoutMs);
  const context: OpenContext = {
    ...{ url, namespace, target, logger: options.logger ?? silentLogger },
    ...{ now: options.now, sweepIntervalMs: options.sweepIntervalMs },
  };
  const scheme = url.slice(0, url.indexOf(':'));
  switch (scheme) {
    case 'sqlite':
      return openSqlite(context, shared.sqlite);
    case 'memory': {
      const map = shared.memory(namespace);
      const keyv = new Keyv({ store: map, namespace, throwOnErrors: true, ...JSON_CODEC });
      return attachCompareAndSet(watched(keyv, context), mapCompareAndSet(map));
    }
    case 'redis':
    case 'rediss':
    case 'postgres':
    case 'postgresql':
      return openRemote(context, options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
    default:
      throw new Error(
        `Unsupported STORE_URL scheme in ${redactUrl(url)} (config validation should have caught it)`,
      );
  }
}

/**
 * Opens one namespace of the store named by a keyv URL: `sqlite://path` (file and folder created on first use),
 * `memory://` (tests), `redis://`/`rediss://`, `postgres://`/`postgresql://`. Errors from get/set are thrown
 * (`throwOnErrors`), never swallowed into a silent cache miss. Operator-fixable failures (unwritable folder, not a
 * database, locked, unreachable) are UserFacingErrors naming STORE_URL and the file; no existing file is ever
 * modified on error. Close with `keyv.disconnect()`, or open through a pool and call `pool.closeAll()`.
 */
export function openKeyv(url: string, options: OpenKeyvOptions): Promise<Keyv> {
  if (options.pool) return options.pool.open(url, options);
  return openWith(url, options, { memory: () => new Map(), sqlite: PROCESS_SQLITE_CONNECTIONS });
}

/**
 * A set of open stores closed together at shutdown. Within one pool, all namespaces on one SQLite file share one
 * connection, and `memory://` namespaces are shared: reopening one sees what was stored before (as a file would).
 */
export function createKeyvPool(): KeyvPool {
  const opened = new Set<Keyv>();
  const maps = new Map<string, Map<string, unknown>>();
  const memory = (namespace: string) => {
    const map = maps.get(namespace) ?? new Map<string, unknown>();
    maps.set(namespace, map);
    return map;
  };
  const shared: Shared = { memory, sqlite: PROCESS_SQLITE_CONNECTIONS };
  return {
    async open(url, options) {
      const keyv = await openWith(url, options, shared);
      opened.add(keyv);
      keyv.on('disconnect', () => opened.delete(keyv));
      return keyv;
    },
    async closeAll() {
      const results = await Promise.allSettled([...opened].map((keyv) => keyv.disconnect()));
      const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
      if (failures.length > 0) throw new AggregateError(failures, 'Some stores failed to close');
    },
  };
}
