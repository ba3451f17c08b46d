import { answeredWithin } from '../adapter-errors.ts';
import type { CompareAndSet } from './backend.ts';

/**
 * GET, compare, then SET (with PX, as @keyv/redis sets a TTL) or DEL, as one script: Redis runs a script whole,
 * with no other client's command in between, so this is atomic for every process on every machine using the server.
 * ARGV: has-expected ('1'/'0'), expected, has-next, next, ttl ms (0: none).
 */
const COMPARE_AND_SET_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '1' then
  if current ~= ARGV[2] then return 0 end
elseif current then
  return 0
end
if ARGV[3] == '0' then
  redis.call('DEL', KEYS[1])
elseif tonumber(ARGV[5]) > 0 then
  redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[5])
else
  redis.call('SET', KEYS[1], ARGV[4])
end
return 1`;

/** What of @keyv/redis's adapter this needs: its client, and how it names keys in Redis (`namespace::key`). */
export interface RedisAdapterLike {
  readonly namespace?: string | undefined;
  createKeyPrefix(key: string, namespace?: string): string;
  getClient(): Promise<{
    eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  }>;
}

export function redisCompareAndSet(
  adapter: RedisAdapterLike,
  options: { readonly timeoutMs: number; readonly describeError: (error: unknown) => unknown },
): CompareAndSet {
  return {
    async compareAndSet(key, expected, next, ttlMs) {
      // PX takes whole milliseconds; the exact expiry is in the entry itself, as keyv wrote it.
      const px = typeof ttlMs === 'number' && ttlMs > 0 ? Math.ceil(ttlMs) : 0;
      const argv = [
        ...[expected === undefined ? '0' : '1', String(expected ?? '')],
        ...[next === undefined ? '0' : '1', next ?? '', String(px)],
      ];
      const keys = [adapter.createKeyPrefix(key, adapter.namespace)];
      try {
        const client = await adapter.getClient();
        const done = client.eval(COMPARE_AND_SET_SCRIPT, { keys, arguments: argv });
        return (await answeredWithin(done, options.timeoutMs)) === 1;
      } catch (error) {
        throw options.describeError(error);
      }
    },
  };
}
