import Keyv from 'keyv';
import { answeredWithin, describingFailures, StoreTimeoutError } from './adapter-errors.ts';
import { attachCompareAndSet } from './atomic/backend.ts';
import { redisCompareAndSet } from './atomic/redis.ts';

/** After Redis goes away the client tries again this often at most, so service is back within this of its return. */
const LONGEST_RECONNECT_WAIT_MS = 2_000;

/** node-redis's connection failures (its error classes set no `name`): the server is down or unreachable. */
const CONNECTION_ERRORS: ReadonlySet<string> = new Set([
  'ClientOfflineError',
  'ClientClosedError',
  'SocketClosedUnexpectedlyError',
  'ConnectionTimeoutError',
  'ReconnectStrategyError',
]);

/** Whether `error` says the Redis server could not be reached (as opposed to a command it refused). */
export function isRedisConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    CONNECTION_ERRORS.has(error.constructor.name) ||
    // @keyv/redis's own, when connecting failed.
    error.message.startsWith('Redis client is not connected') ||
    // A restarted server still reading its data from disk.
    error.message.startsWith('LOADING')
  );
}

/**
 * A Redis store that fails fast while the server is away and heals by itself when it returns. By default
 * node-redis queues every command issued while disconnected until it reconnects, without limit: a Redis restart
 * would leave each interaction waiting with no reply. With the offline queue off, such a command fails at once
 * (the person sees that the store is unreachable, counts are carried), while the client keeps reconnecting.
 */
export async function openRedisKeyv(
  url: string,
  namespace: string,
  options: { readonly connectTimeoutMs: number; readonly describeError: (error: unknown) => unknown },
): Promise<Keyv> {
  const { default: KeyvRedis } = await import('@keyv/redis');
  const adapter = new KeyvRedis(
    {
      url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: options.connectTimeoutMs,
        reconnectStrategy: (attempts: number) => Math.min(2 ** attempts * 100, LONGEST_RECONNECT_WAIT_MS),
      },
    },
    { namespace, throwOnErrors: true, connectionTimeout: options.connectTimeoutMs },
  );
  // As @keyv/redis's createKeyv does; wrapped first, because Keyv binds the adapter's iterator when it is built.
  adapter.namespace = namespace;
  unrefConnectTimer(adapter as unknown as ConnectTimerOwner);
  // node-redis times a command out only until it is sent, not while it waits for the answer: a server that
  // stops answering without closing the connection (a partition, a paused VM) would hang every command.
  describingFailures(adapter, options.describeError, options.connectTimeoutMs);
  boundedDisconnect(adapter, options.connectTimeoutMs);
  const keyv = new Keyv(adapter, { namespace, useKeyPrefix: false, throwOnErrors: true });
  const { connectTimeoutMs: timeoutMs, describeError } = options;
  return attachCompareAndSet(keyv, redisCompareAndSet(adapter, { timeoutMs, describeError }));
}

/**
 * @keyv/redis races each connect against a timer it never clears: every namespace opened (and every command issued
 * while reconnecting) kept the process alive for connectTimeoutMs more, so a shard told to stop lingered up to 10 s
 * after closing everything. The timer still bounds the connect; it just no longer holds the process.
 */
type ConnectTimerOwner = { createTimeoutPromise?: (timeoutMs: number) => Promise<unknown> };

function unrefConnectTimer(adapter: ConnectTimerOwner): void {
  // A private method of @keyv/redis 5: if a later version renames it, nothing is patched and nothing breaks.
  if (typeof adapter.createTimeoutPromise !== 'function') return;
  adapter.createTimeoutPromise = (timeoutMs) =>
    new Promise((_, reject) => {
      setTimeout(() => reject(new Error(`Redis timed out after ${timeoutMs}ms`)), timeoutMs).unref();
    });
}

/**
 * A clean close waits for every command still queued, and on a server that stopped answering some never finish
 * (they timed out for their callers, not in node-redis): after `timeoutMs`, the connection is dropped instead, so
 * a shutdown during a partition still ends.
 */
function boundedDisconnect(
  adapter: { disconnect(force?: boolean): Promise<void>; getClient(): Promise<unknown> },
  timeoutMs: number,
): void {
  const disconnect = adapter.disconnect.bind(adapter);
  const getClient = adapter.getClient.bind(adapter);
  let closed = false;
  // @keyv/redis reconnects a closed client for any later command: a write arriving after shutdown (a usage count
  // retried, a reply finishing) would open a connection nobody closes, and the process would never exit.
  adapter.getClient = async () => {
    if (closed)
      throw new Error('The Redis store was closed (newsdesk is shutting down); nothing was written.');
    return getClient();
  };
  adapter.disconnect = async (force?: boolean) => {
    closed = true;
    if (force) return disconnect(true);
    await answeredWithin(disconnect(), timeoutMs).catch((error: unknown) => {
      if (!(error instanceof StoreTimeoutError)) throw error;
      return disconnect(true);
    });
  };
}
