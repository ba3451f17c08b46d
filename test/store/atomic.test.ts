import { setTimeout as sleep } from 'node:timers/promises';
import type Keyv from 'keyv';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { atomicKeys } from '../../src/store/atomic.ts';
import { createKeyvPool, type KeyvPool } from '../../src/store/keyv.ts';
import { createLeases } from '../../src/store/lease.ts';
import type { SqliteKeyvStore } from '../../src/store/sqlite-store.ts';
import { BACKENDS, race } from './support/atomic-backends.ts';

/**
 * atomicKeys on every real backend: two stores opened separately (on SQLite, Redis and PostgreSQL: two other
 * processes, each with its own connection) racing on one key never lose an update, and leases have one holder.
 */

const INCREMENTS_PER_RACER = 200;
const LEASES_RACED = 100;
/** Short real TTLs: keyv's get drops entries by Date.now, which no injected clock reaches. */
const SHORT_TTL_MS = 300;
const PAST_SHORT_TTL_MS = 450;
const LONG_TTL_MS = 60_000;
/** An outage fails an update within this (busy timeout or connect timeout set short below, plus margin). */
const FAILS_WITHIN_MS = 3_000;

const increment = (n: number | undefined) => ({ value: (n ?? 0) + 1 });

describe.each(BACKENDS)('atomicKeys on $name', (backend) => {
  let url = '';
  let pool: KeyvPool;
  let tests = 0;
  let namespace = '';

  beforeAll(async () => {
    url = await backend.start();
  }, 30_000);
  afterAll(() => backend.close());
  afterEach(() => pool.closeAll());

  /** A store of this test's own namespace, opened anew (on memory://, sharing the pool's Map as a file would). */
  function open(options: { busyTimeoutMs?: number; connectTimeoutMs?: number } = {}): Promise<Keyv> {
    return pool.open(url, { namespace, ...options });
  }

  const fresh = () => {
    pool = createKeyvPool();
    namespace = `atomic${++tests}`;
  };

  it('GIVEN two separately opened stores WHEN each increments one counter 200 times at once THEN it is exactly 400', async () => {
    fresh();
    const keyv = await open();
    if (backend.shared) {
      const task = { mode: 'count', key: 'count', count: INCREMENTS_PER_RACER } as const;
      await race(url, namespace, [task, task]);
    } else {
      const stores = [atomicKeys(await open()), atomicKeys(await open())];
      const updates = stores.flatMap((store) =>
        Array.from({ length: INCREMENTS_PER_RACER }, () => store.update('count', increment)),
      );
      await Promise.all(updates);
    }
    expect(await keyv.get('count')).toBe(2 * INCREMENTS_PER_RACER);
  }, 60_000);

  it('GIVEN two separately opened stores racing for 100 leases at once THEN each lease has exactly one holder', async () => {
    fresh();
    let won: number[][];
    if (backend.shared) {
      const task = { mode: 'lease', key: 'job', count: LEASES_RACED } as const;
      const reports = await race(url, namespace, [
        { ...task, tag: 'A' },
        { ...task, tag: 'B' },
      ]);
      won = reports.map((report) => report.won ?? []);
    } else {
      const holders = [createLeases(atomicKeys(await open())), createLeases(atomicKeys(await open()))];
      const keys = Array.from({ length: LEASES_RACED }, (_, n) => n);
      const results = await Promise.all(
        holders.map((leases, who) =>
          Promise.all(keys.map((n) => leases.acquire(`job-${n}`, `${who}`, LONG_TTL_MS))),
        ),
      );
      won = results.map((taken) => keys.filter((n) => taken[n]));
    }
    const [first = [], second = []] = won;
    expect(first.filter((n) => second.includes(n))).toEqual([]);
    expect([...first, ...second].sort((a, b) => a - b)).toEqual(
      Array.from({ length: LEASES_RACED }, (_, n) => n),
    );
  }, 60_000);

  it('GIVEN two holders racing for a lease THEN exactly one wins; past its TTL, or once released, the other takes it', async () => {
    fresh();
    let at = Date.now();
    const clock = () => at;
    const [first, second] = [
      createLeases(atomicKeys(await open()), clock),
      createLeases(atomicKeys(await open()), clock),
    ];
    const won = await Promise.all([
      first.acquire('poll', 'A', LONG_TTL_MS),
      second.acquire('poll', 'B', LONG_TTL_MS),
    ]);
    expect(won.filter(Boolean)).toHaveLength(1);
    const [winner, loser] = won[0] ? [first, second] : [second, first];
    const [winnerName, loserName] = won[0] ? ['A', 'B'] : ['B', 'A'];
    expect(await loser.acquire('poll', loserName, LONG_TTL_MS)).toBe(false);
    expect(await winner.acquire('poll', winnerName, LONG_TTL_MS)).toBe(true); // renewed

    at += LONG_TTL_MS + 1;
    expect(await loser.acquire('poll', loserName, LONG_TTL_MS)).toBe(true);
    expect(await winner.holder('poll')).toBe(loserName);
    await loser.release('poll', loserName);
    expect(await winner.acquire('poll', winnerName, LONG_TTL_MS)).toBe(true);
  });

  it('GIVEN a lease with a short real TTL THEN the other holder takes it once the entry expired', async () => {
    fresh();
    const [first, second] = [createLeases(atomicKeys(await open())), createLeases(atomicKeys(await open()))];
    expect(await first.acquire('digest', 'A', SHORT_TTL_MS)).toBe(true);
    expect(await second.acquire('digest', 'B', SHORT_TTL_MS)).toBe(false);
    await sleep(PAST_SHORT_TTL_MS);
    expect(await second.acquire('digest', 'B', SHORT_TTL_MS)).toBe(true);
  });

  it("GIVEN 'keep' and 'delete' decisions THEN the value stays, then is gone, and plain keyv reads agree", async () => {
    fresh();
    const keyv = await open();
    const atomic = atomicKeys(keyv);
    await keyv.set('cooldown', { until: 5 });
    expect(await atomic.update<{ until: number }>('cooldown', () => 'keep')).toEqual({ until: 5 });
    expect(
      await atomic.update<{ until: number }>('cooldown', (c) => ({ value: { until: (c?.until ?? 0) + 1 } })),
    ).toEqual({ until: 6 });
    expect(await keyv.get('cooldown')).toEqual({ until: 6 });
    expect(await atomic.update('cooldown', () => 'delete')).toBeUndefined();
    expect(await keyv.get('cooldown')).toBeUndefined();
    expect(await atomic.update('cooldown', () => 'delete')).toBeUndefined();
    expect(await atomic.update('never', () => 'keep')).toBeUndefined();
  });

  it('GIVEN an update with a TTL THEN keyv.get reads it, and after the TTL the entry is gone', async () => {
    fresh();
    const keyv = await open();
    await atomicKeys(keyv).update('usage', () => ({ value: 3, ttlMs: SHORT_TTL_MS }));
    expect(await keyv.get('usage')).toBe(3);
    await sleep(PAST_SHORT_TTL_MS);
    if (backend.name === 'sqlite') {
      // The expiry sweep goes by the `expires` column, which the update set as keyv.set does.
      expect(await (keyv.store as SqliteKeyvStore).sweepExpired()).toBe(1);
    }
    if (backend.name === 'redis') expect(await keyv.store.get('usage')).toBeUndefined(); // PX: Redis dropped it
    expect(await keyv.get('usage')).toBeUndefined();
  });

  it('GIVEN an expired entry still stored THEN change sees undefined, and the update replaces it', async () => {
    fresh();
    const keyv = await open();
    await keyv.set('usage', 41, 1);
    await sleep(5);
    const seen: unknown[] = [];
    const noting =
      <T>(decide: (n: number | undefined) => T) =>
      (n: number | undefined) => {
        seen.push(n);
        return decide(n);
      };
    const atomic = atomicKeys(keyv);
    expect(
      await atomic.update<number>(
        'usage',
        noting(() => 'keep' as const),
      ),
    ).toBeUndefined();
    expect(await atomic.update<number>('usage', noting(increment))).toBe(1);
    expect(seen).toEqual([undefined, undefined]);
    expect(await keyv.get('usage')).toBe(1);
  });

  it('GIVEN a change that throws THEN that update fails with its error and the next one on the key runs', async () => {
    fresh();
    const atomic = atomicKeys(await open());
    const failed = atomic.update('count', () => {
      throw new Error('bad change');
    });
    const next = atomic.update('count', increment);
    await expect(failed).rejects.toThrow('bad change');
    expect(await next).toBe(1);
  });

  // An in-memory store cannot be locked or go away: the case exists only for the backends that can.
  const whenBreakable = backend.breakStore ? it : () => undefined;
  whenBreakable(
    'GIVEN the store locked or gone THEN an update fails with a store error, not a hang',
    async () => {
      fresh();
      const atomic = atomicKeys(await open({ busyTimeoutMs: 300, connectTimeoutMs: 1_000 }));
      await atomic.update('count', increment);
      const breakage = await backend.breakStore?.();
      try {
        const started = performance.now();
        const error = await atomic.update('count', increment).catch((caught: unknown) => caught);
        expect(error).toMatchObject({ code: breakage?.code });
        expect(performance.now() - started).toBeLessThan(FAILS_WITHIN_MS);
      } finally {
        await breakage?.restore();
      }
    },
  );
});

describe('atomicKeys when other writers keep winning', () => {
  it('GIVEN the entry changed behind every attempt THEN the update gives up after the bound with an error saying so', async () => {
    const pool = createKeyvPool();
    const keyv = await pool.open('memory://', { namespace: 'contended' });
    const map = keyv.store as Map<string, string>;
    let behind = 0;
    let attempts = 0;
    const atomic = atomicKeys(keyv, { maxAttempts: 5, sleep: async () => undefined });
    const update = atomic.update<number>('count', (n) => {
      attempts++;
      // Another writer lands between this read and the compare-and-set.
      map.set('contended:count', JSON.stringify({ value: ++behind }));
      return increment(n);
    });
    await expect(update).rejects.toThrow(/count.*contended.*5 times in a row/);
    expect(attempts).toBe(5);
    await pool.closeAll();
  });
});
