import Keyv from 'keyv';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { atomicKeys } from '../../src/store/atomic.ts';
import { createLeases, type Leases } from '../../src/store/lease.ts';
import { runWhileLeased, type Stoppable } from '../../src/store/owned-job.ts';

const KEY = 'ingest-owner';
const TIMINGS = { ttlMs: 60_000, renewMs: 20_000, retryMs: 20_000 };

/** A job that says whether it runs. */
function job(): { running: () => boolean; start: () => Stoppable } {
  let running = false;
  return {
    running: () => running,
    start: () => {
      running = true;
      return {
        stop: async () => {
          running = false;
        },
      };
    },
  };
}

describe('runWhileLeased: one owner per job across processes', () => {
  let keyv: Keyv;
  let leases: Leases;
  const runners: Stoppable[] = [];

  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-12-02T12:00:00Z') });
    keyv = new Keyv();
    leases = createLeases(atomicKeys(keyv));
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    vi.useRealTimers();
  });

  const run = (holder: string, on: Leases, work: ReturnType<typeof job>) => {
    const runner = runWhileLeased(on, KEY, holder, work.start, TIMINGS);
    runners.push(runner);
    return runner;
  };

  it('GIVEN two runners THEN exactly one runs the job at any time, for ten minutes', async () => {
    const [a, b] = [job(), job()];
    run('a', leases, a);
    run('b', leases, b);
    for (let second = 0; second < 600; second += 5) {
      await vi.advanceTimersByTimeAsync(5_000);
      expect(Number(a.running()) + Number(b.running())).toBe(1);
    }
    expect(a.running()).toBe(true);
  });

  it('GIVEN the owner stops renewing THEN the other starts within TTL + retry', async () => {
    const [a, b] = [job(), job()];
    let frozen = false;
    const thaw: ((held: boolean) => void)[] = [];
    const freezing: Leases = {
      ...leases,
      acquire: (...args) =>
        frozen ? new Promise<boolean>((resolve) => thaw.push(resolve)) : leases.acquire(...args),
    };
    run('a', freezing, a);
    await vi.advanceTimersByTimeAsync(1);
    run('b', leases, b);
    await vi.advanceTimersByTimeAsync(1);
    expect([a.running(), b.running()]).toEqual([true, false]);
    frozen = true;
    await vi.advanceTimersByTimeAsync(TIMINGS.ttlMs + TIMINGS.retryMs + TIMINGS.renewMs);
    expect(b.running()).toBe(true);
    for (const resolve of thaw) resolve(false);
  });

  it('GIVEN the store names another holder at a renewal THEN the job stops', async () => {
    const a = job();
    run('a', leases, a);
    await vi.advanceTimersByTimeAsync(1);
    expect(a.running()).toBe(true);
    await keyv.set(KEY, { holder: 'intruder', until: Date.now() + 120_000 });
    await vi.advanceTimersByTimeAsync(TIMINGS.renewMs);
    expect(a.running()).toBe(false);
    expect(await leases.holder(KEY)).toBe('intruder');
  });

  it('GIVEN the owner stops THEN it releases the lease and the other takes over at its next retry', async () => {
    const [a, b] = [job(), job()];
    const owner = run('a', leases, a);
    await vi.advanceTimersByTimeAsync(1);
    run('b', leases, b);
    await owner.stop();
    expect(a.running()).toBe(false);
    await vi.advanceTimersByTimeAsync(TIMINGS.retryMs);
    expect(b.running()).toBe(true);
  });

  it('GIVEN the store fails for less than a TTL THEN the owner keeps the job; for longer THEN it stops', async () => {
    const a = job();
    let failing = false;
    const flaky: Leases = {
      ...leases,
      acquire: (...args) => (failing ? Promise.reject(new Error('store down')) : leases.acquire(...args)),
      holder: (...args) => (failing ? Promise.reject(new Error('store down')) : leases.holder(...args)),
    };
    run('a', flaky, a);
    await vi.advanceTimersByTimeAsync(1);
    failing = true;
    await vi.advanceTimersByTimeAsync(TIMINGS.renewMs * 2);
    expect(a.running()).toBe(true);
    await vi.advanceTimersByTimeAsync(TIMINGS.ttlMs);
    expect(a.running()).toBe(false);
  });

  it('GIVEN a renewal the store answered late, then a failing store THEN the job stops a TTL after that renewal was asked, not after its answer', async () => {
    const a = job();
    let mode: 'ok' | 'slow' | 'down' = 'ok';
    const slowThenDown: Leases = {
      ...leases,
      acquire: async (...args) => {
        if (mode === 'down') throw new Error('store down');
        if (mode === 'slow') await new Promise((resolve) => setTimeout(resolve, 25_000));
        return leases.acquire(...args);
      },
    };
    run('a', slowThenDown, a);
    await vi.advanceTimersByTimeAsync(1);
    mode = 'slow';
    // The renewal asked at 20 s is answered at 45 s; the store is down from then on, so the lease (60 s from the
    // ask) is over at 80 s and the tick at 85 s must stop the job; counted from the answer it would run to 105 s.
    await vi.advanceTimersByTimeAsync(45_000);
    mode = 'down';
    await vi.advanceTimersByTimeAsync(45_000);
    expect(a.running()).toBe(false);
  });
});
