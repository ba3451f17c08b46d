import { setTimeout as sleepMs } from 'node:timers/promises';
import type Keyv from 'keyv';
import { type CompareAndSet, compareAndSetOf } from './atomic/backend.ts';
import { mapCompareAndSet } from './atomic/memory.ts';

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

/** Tries before an update gives up because other processes keep changing the key between its read and write. */
export const MAX_UPDATE_ATTEMPTS = 50;
/** Backoff after the n-th lost race: a random wait up to FIRST·2ⁿ ms, at most LONGEST (≈1.3 s over all 50). */
const FIRST_BACKOFF_MS = 1;
const LONGEST_BACKOFF_MS = 50;
/** Keys may be long: an error message shows this much of one. */
const SHOWN_KEY_CHARS = 120;

export interface AtomicOptions {
  readonly maxAttempts?: number;
  /** The clock entry expiry goes by: keyv's own (its get drops entries by Date.now), so change it only in tests. */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<unknown>;
  readonly random?: () => number;
  /** Told of each race lost to another writer (counted by tests; a metric if ever wanted). */
  readonly onConflict?: (key: string, attempt: number) => void;
}

type Outcome<T> = { readonly won: true; readonly value: T | undefined } | { readonly won: false };
const LOST = { won: false } as const;

/** The backend under `keyv`: what openKeyv attached, or the Map of a plain `new Keyv()`. */
function backendOf(keyv: Keyv): CompareAndSet {
  const attached = compareAndSetOf(keyv);
  if (attached) return attached;
  if (keyv.store instanceof Map) return mapCompareAndSet(keyv.store);
  throw new Error(
    `atomicKeys: the store of keyv namespace ${keyv.namespace ?? '(none)'} has no compare-and-set: open it with openKeyv`,
  );
}

/** One read-change-compare-and-set; lost when another writer changed the entry after it was read. */
async function attempt<T>(
  keyv: Keyv,
  backend: CompareAndSet,
  key: string,
  change: Change<T>,
  now: () => number,
): Promise<Outcome<T>> {
  const storeKey = keyv._getKeyPrefix(key);
  const stored: unknown = (await keyv.store.get(storeKey)) ?? undefined;
  const entry = (typeof stored === 'string' && keyv.deserialize ? await keyv.deserialize(stored) : stored) as
    | { value: T; expires?: number | null }
    | undefined;
  // As keyv.get sees it: an entry past its `expires` is absent, though its row may await the sweep.
  const current =
    entry && !(typeof entry.expires === 'number' && now() > entry.expires) ? entry.value : undefined;
  const decision = change(current);
  if (decision === 'keep') return { won: true, value: current };
  if (decision === 'delete') {
    if (stored === undefined) return { won: true, value: undefined };
    return (await backend.compareAndSet(storeKey, stored, undefined, undefined))
      ? { won: true, value: undefined }
      : LOST;
  }
  // As keyv.set formats it: the namespace's default TTL when none is given, 0 for none.
  const ttlMs = (decision.ttlMs ?? keyv.ttl) || undefined;
  const formatted = { value: decision.value, expires: ttlMs === undefined ? undefined : now() + ttlMs };
  const next = String(keyv.serialize ? await keyv.serialize(formatted) : JSON.stringify(formatted));
  return (await backend.compareAndSet(storeKey, stored, next, ttlMs))
    ? { won: true, value: decision.value }
    : LOST;
}

/**
 * Atomic updates for one keyv namespace. Serialised per key within this process (no needless conflicts between
 * its own callers); across processes each backend compares and sets (src/store/atomic/), and a lost race is tried
 * again after a short random wait, up to MAX_UPDATE_ATTEMPTS times.
 */
export function atomicKeys(keyv: Keyv, options: AtomicOptions = {}): AtomicKeys {
  const backend = backendOf(keyv);
  const {
    maxAttempts = MAX_UPDATE_ATTEMPTS,
    now = Date.now,
    sleep = sleepMs,
    random = Math.random,
  } = options;
  const queues = new Map<string, Promise<unknown>>();

  async function withRetries<T>(key: string, change: Change<T>): Promise<T | undefined> {
    for (let tries = 1; tries <= maxAttempts; tries++) {
      const outcome = await attempt(keyv, backend, key, change, now);
      if (outcome.won) return outcome.value;
      options.onConflict?.(key, tries);
      if (tries < maxAttempts)
        await sleep(random() * Math.min(LONGEST_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** tries));
    }
    throw new Error(
      `Atomic update of key ${JSON.stringify(key.slice(0, SHOWN_KEY_CHARS))} in namespace ${keyv.namespace ?? '(none)'} gave up: ` +
        `another process changed it between read and write ${maxAttempts} times in a row`,
    );
  }

  return {
    update<T>(key: string, change: Change<T>): Promise<T | undefined> {
      const previous = queues.get(key) ?? Promise.resolve();
      const run = previous.then(() => withRetries(key, change));
      const settled = run.catch(() => undefined);
      queues.set(key, settled);
      void settled.then(() => queues.get(key) === settled && queues.delete(key));
      return run;
    },
  };
}
