import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CooldownVerdict } from '../../src/discord/cooldowns.ts';
import { COOLDOWNS_NAMESPACE, createSharedCooldowns } from '../../src/discord/cooldowns-shared.ts';
import { createKeyvPool, type KeyvPool } from '../../src/store/keyv.ts';
import { BACKEND_NAMES, type SharedBackend, startBackend } from '../support/shared-backends.ts';
import { holdExclusiveLock } from '../support/sqlite-lock.ts';
import { captureLogs } from './support/harness.ts';

const WINDOW_MS = 60_000;
const START = 1_000_000;
const PER_MINUTE = 5;

function clock(start = START) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

function allowed(verdict: CooldownVerdict) {
  if (!verdict.allowed) throw new Error(`refused until ${verdict.retryAt}`);
  return verdict.ticket;
}

describe.each(BACKEND_NAMES)('cooldowns shared by two processes on one store (%s)', (name) => {
  let backend: SharedBackend;
  let member = 0;
  beforeAll(async () => {
    backend = await startBackend(name);
  }, 60_000);
  afterAll(() => backend?.close());

  /** Two bots' cooldowns, each over its own Keyv of the store, on one clock. */
  async function twoProcesses(time = clock()) {
    const logs = captureLogs();
    const open = async () =>
      createSharedCooldowns({
        perWindow: { ask: PER_MINUTE },
        keyv: await backend.open(COOLDOWNS_NAMESPACE),
        logger: logs.logger,
        now: time.now,
      });
    return { one: await open(), other: await open(), time, user: `4000000000000${member++}`, logs };
  }

  it('GIVEN 5 uses through one process THEN the 6th is refused on the other, until the oldest leaves the window', async () => {
    const { one, other, time, user, logs } = await twoProcesses();
    for (let i = 0; i < PER_MINUTE; i++) {
      allowed(await (i % 2 ? other : one).take('ask', user));
      time.advance(1_000);
    }
    expect(await other.take('ask', user)).toEqual({
      allowed: false,
      retryAt: START + WINDOW_MS,
      limit: PER_MINUTE,
    });
    expect(await one.take('ask', user)).toMatchObject({ allowed: false });
    allowed(await other.take('ask', 'someone-else'));
    time.advance(WINDOW_MS - PER_MINUTE * 1_000);
    allowed(await other.take('ask', user));
    expect(await one.take('ask', user)).toMatchObject({ allowed: false, retryAt: START + 1_000 + WINDOW_MS });
    expect(logs.lines.filter((line) => line.level === 40)).toEqual([]);
  });

  it('GIVEN a use refunded on one process THEN the other may take it, and a second refund gives back nothing more', async () => {
    const { one, other, user } = await twoProcesses();
    const tickets = [];
    for (let i = 0; i < PER_MINUTE; i++) tickets.push(allowed(await one.take('ask', user)));
    expect((await other.take('ask', user)).allowed).toBe(false);
    await tickets[0]?.refund();
    await tickets[0]?.refund();
    allowed(await other.take('ask', user));
    expect((await other.take('ask', user)).allowed).toBe(false);
    expect((await one.take('ask', user)).allowed).toBe(false);
  });

  it('GIVEN 20 uses at once from two processes THEN exactly 5 are allowed', async () => {
    const { one, other, user } = await twoProcesses();
    const verdicts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? other : one).take('ask', user)),
    );
    expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(PER_MINUTE);
  });
});

describe('cooldowns over a store that fails', () => {
  let dir: string;
  let pool: KeyvPool;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-cooldown-locked-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  afterEach(() => pool.closeAll());

  // Another process holds the SQLite file's write lock: with a short busy timeout the store refuses at once; with
  // a long one it does not answer within the cooldown's bound.
  it.each([
    ['refuses', 20],
    ['does not answer', 5_000],
  ])(
    'GIVEN a store that %s THEN the member is served, counted in this process, with a warning',
    async (_, busyTimeoutMs) => {
      pool = createKeyvPool();
      const file = path.join(dir, `${busyTimeoutMs}.sqlite`);
      const keyv = await pool.open(`sqlite://${file}`, { namespace: COOLDOWNS_NAMESPACE, busyTimeoutMs });
      const logs = captureLogs();
      const cooldowns = createSharedCooldowns({
        perWindow: { ask: 2 },
        keyv,
        logger: logs.logger,
        answerWithinMs: 50,
      });
      const lock = await holdExclusiveLock(file);
      try {
        const startedAt = Date.now();
        allowed(await cooldowns.take('ask', 'u1'));
        allowed(await cooldowns.take('ask', 'u1'));
        expect(await cooldowns.take('ask', 'u1')).toMatchObject({ allowed: false, limit: 2 });
        expect(Date.now() - startedAt).toBeLessThan(1_000);
        const warnings = logs.lines.filter((line) => line.level === 40).map((line) => line.msg);
        expect(warnings).toEqual(Array(3).fill('cooldown store failed; counting in this process'));
      } finally {
        await lock.release();
      }
    },
    15_000,
  );
});

describe('the windows kept in the store', () => {
  let backend: SharedBackend;
  beforeAll(async () => {
    backend = await startBackend('SQLite file');
  });
  afterAll(() => backend?.close());

  it('GIVEN a use THEN its key expires one window after it, and refunding the only use removes the key', async () => {
    const windowMs = 300;
    const keyv = await backend.open(COOLDOWNS_NAMESPACE);
    const logger = captureLogs().logger;
    const cooldowns = createSharedCooldowns({ perWindow: { ask: 5 }, keyv, logger, windowMs });
    const takenAt = Date.now();
    await cooldowns.take('ask', 'u1');
    expect(await keyv.get('ask:u1')).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, takenAt + windowMs + 20 - Date.now()));
    expect(await keyv.get('ask:u1')).toBeUndefined();
    await allowed(await cooldowns.take('ask', 'u2')).refund();
    expect(await keyv.get('ask:u2')).toBeUndefined();
  });
});
