import type Keyv from 'keyv';

/**
 * What a change decides about a key, given what is stored now: store `value` (for `ttlMs`, or without expiry),
 * remove the key, or leave it as it is. A change may be called more than once (after a conflict with another
 * process), so it must be a pure function of `current`.
 */
export type Change<T> = (
  current: T | undefined,
) => { readonly value: T; readonly ttlMs?: number } | 'delete' | 'keep';

/**
 * Read-modify-write on one key of a keyv namespace, atomic across every process that shares the store: the
 * primitive under shared cooldowns, exact usage counts and leases (keyv itself offers only get and set, and two
 * processes doing get-then-set lose each other's writes). Values stay in keyv's own format, so `keyv.get` still
 * reads what `update` wrote.
 */
export interface AtomicKeys {
  /** Applies `change` to the key's current value; resolves to what is stored afterwards (undefined if none). */
  update<T>(key: string, change: Change<T>): Promise<T | undefined>;
}

/**
 * Atomic updates for one keyv namespace. Serialised per key within this process; across processes each backend
 * compares and sets (see the backends under src/store/atomic/).
 */
export function atomicKeys(keyv: Keyv): AtomicKeys {
  const queues = new Map<string, Promise<unknown>>();
  return {
    update<T>(key: string, change: Change<T>): Promise<T | undefined> {
      const previous = queues.get(key) ?? Promise.resolve();
      const run = previous.then(async () => {
        const current = await keyv.get<T>(key);
        const decision = change(current);
        if (decision === 'keep') return current;
        if (decision === 'delete') {
          await keyv.delete(key);
          return undefined;
        }
        await keyv.set(key, decision.value, decision.ttlMs);
        return decision.value;
      });
      const settled = run.catch(() => undefined);
      queues.set(key, settled);
      void settled.then(() => queues.get(key) === settled && queues.delete(key));
      return run;
    },
  };
}
