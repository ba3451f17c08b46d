import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKeyvPool, type KeyvPool } from '../../src/store/keyv.ts';
import { type SweepStep, sweepOnce } from '../../src/store/sweep.ts';

const HOUR_MS = 3_600_000;
const SWEEP_EVERY_MS = 20;

let folder = '';
let file = '';
let pool: KeyvPool;
let clock = 0;

beforeEach(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsdesk-sweep-'));
  file = path.join(folder, 'store.sqlite');
  pool = createKeyvPool();
  clock = Date.now();
});

afterEach(async () => {
  await pool.closeAll();
  await fs.rm(folder, { recursive: true, force: true });
});

function rowCount(table: string): number {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  } finally {
    db.close();
  }
}

const openCache = () =>
  pool.open(`sqlite://${file}`, {
    namespace: 'answer-cache',
    now: () => clock,
    sweepIntervalMs: SWEEP_EVERY_MS,
  });

describe('expired entries on SQLite', () => {
  it('GIVEN 5,000 cached answers with a TTL WHEN the TTL passes THEN the file returns to the rows it had before', async () => {
    const cache = await openCache();
    await Promise.all(Array.from({ length: 20 }, (_, n) => cache.set(`kept-${n}`, `answer ${n}`)));
    const before = rowCount('answer_cache');
    await Promise.all(Array.from({ length: 5_000 }, (_, n) => cache.set(`q-${n}`, `answer ${n}`, HOUR_MS)));
    await new Promise((resolve) => setTimeout(resolve, SWEEP_EVERY_MS * 5));
    expect(rowCount('answer_cache')).toBe(before + 5_000); // Not expired yet: the sweep leaves them.
    clock += HOUR_MS + 1;
    await vi.waitFor(() => expect(rowCount('answer_cache')).toBe(before), { timeout: 5_000, interval: 20 });
    expect(await cache.get('kept-7')).toBe('answer 7');
  });

  it('GIVEN a closed store THEN its sweep stops and leaves the file alone', async () => {
    const cache = await openCache();
    await cache.set('short', 'lived', 1_000);
    await cache.disconnect();
    clock += 2_000;
    await new Promise((resolve) => setTimeout(resolve, SWEEP_EVERY_MS * 5));
    expect(rowCount('answer_cache')).toBe(1);
  });
});

describe('one sweep run', () => {
  it('GIVEN more expired rows than one run may delete THEN it stops at its statement budget and the next run goes on', async () => {
    let left = 10_000;
    let statements = 0;
    const step: SweepStep = async () => {
      statements++;
      const deleted = Math.min(left, 100);
      left -= deleted;
      return { deleted, done: left === 0 };
    };
    expect(await sweepOnce(step, 25)).toBe(2_500);
    expect(statements).toBe(25);
    expect(await sweepOnce(step, 200)).toBe(7_500);
    expect(statements).toBe(100);
  });
});
