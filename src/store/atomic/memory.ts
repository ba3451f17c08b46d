import type { CompareAndSet } from './backend.ts';

/**
 * Compare-and-set on a Map keyv stores into (memory://, or a plain `new Keyv()`): one synchronous step, so atomic
 * for everything sharing the Map, which is all there is (a Map lives in one process). Like keyv.set on a Map, a TTL
 * lives only in the entry's `expires`.
 */
export function mapCompareAndSet(map: Map<string, unknown>): CompareAndSet {
  return {
    async compareAndSet(key, expected, next) {
      if (map.get(key) !== expected) return false;
      if (next === undefined) map.delete(key);
      else map.set(key, next);
      return true;
    },
  };
}
