import type Keyv from 'keyv';

/**
 * One backend's compare-and-set on one stored entry, the primitive that makes `atomicKeys` atomic across processes.
 * `key` is the key the store adapter is given (keyv's prefix applied, as `keyv.store.get` takes it); entries are
 * keyv's raw, serialized `{"value":…,"expires":…}`. It stores `next`, or deletes the key when `next` is undefined,
 * only if the entry is still exactly `expected` (undefined: no entry), and resolves to whether it did. `ttlMs` is
 * applied as keyv.set applies it on that backend (Redis PX, the SQLite `expires` column). `expected` and `next` are
 * never both undefined. Store failures reject as the backend's other calls do (described, bounded in time).
 */
export interface CompareAndSet {
  compareAndSet(
    key: string,
    expected: unknown,
    next: string | undefined,
    ttlMs: number | undefined,
  ): Promise<boolean>;
}

// A symbol on the Keyv openKeyv returns: only the opener knows the pool, client or connection under the adapter.
const COMPARE_AND_SET = Symbol('newsdesk.compareAndSet');
type WithCompareAndSet = Keyv & { [COMPARE_AND_SET]?: CompareAndSet };

/** Gives `keyv` the compare-and-set of the backend it was opened on; returns it. */
export function attachCompareAndSet(keyv: Keyv, backend: CompareAndSet): Keyv {
  (keyv as WithCompareAndSet)[COMPARE_AND_SET] = backend;
  return keyv;
}

/** The compare-and-set openKeyv attached to `keyv`, if it did. */
export function compareAndSetOf(keyv: Keyv): CompareAndSet | undefined {
  return (keyv as WithCompareAndSet)[COMPARE_AND_SET];
}
