import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type Keyv from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import { openKeyv } from '../../src/store/keyv.ts';
import { holdExclusiveLock } from '../support/sqlite-lock.ts';

/**
 * Found by the system benchmark's store-locked scenario (issue 9): while another program held the SQLite file's
 * write lock, the bot stopped answering altogether — deferrals and autocompletes that need no store at all went
 * past Discord's 3 s — because a write waited inside SQLite's busy handler, which blocked the main thread. The
 * driver is synchronous now (better-sqlite3), so SQLite's busy handler must never wait: busy_timeout is 0 and a
 * locked write is retried on timers (src/store/sqlite-busy.ts).
 */

const BUSY_TIMEOUT_MS = 1_000;
const READ_EVERY_MS = 10;
/** The longest the event loop may stall while a write waits for the lock (a frozen bot stalls BUSY_TIMEOUT_MS). */
const MAX_STALL_MS = 500;

describe('the store while another program holds its write lock', () => {
  let dir = '';
  const opened: Keyv[] = [];

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((keyv) => keyv.disconnect()));
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN a write waiting for the lock THEN the process keeps running and reads are served meanwhile', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-lock-freeze-'));
    const file = path.join(dir, 'store.sqlite');
    const url = `sqlite://${file}`;
    const usage = await openKeyv(url, { namespace: 'usage', busyTimeoutMs: BUSY_TIMEOUT_MS });
    const answers = await openKeyv(url, { namespace: 'answers', busyTimeoutMs: BUSY_TIMEOUT_MS });
    opened.push(usage, answers);
    await answers.set('cached', 'an answer');

    let stall = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      stall = Math.max(stall, now - last);
      last = now;
    }, 5);
    const lock = await holdExclusiveLock(file);
    try {
      const write = usage.set('count', 1).then(
        () => 'written',
        (error: { code?: string }) => error.code,
      );
      const reads: Promise<unknown>[] = [];
      const started = performance.now();
      while (performance.now() - started < BUSY_TIMEOUT_MS * 1.2) {
        reads.push(answers.get('cached'));
        await new Promise((resolve) => setTimeout(resolve, READ_EVERY_MS));
      }
      expect(await write).toBe('store-locked');
      expect(new Set(await Promise.all(reads))).toEqual(new Set(['an answer']));
    } finally {
      clearInterval(ticker);
      await lock.release();
    }
    expect(stall).toBeLessThan(MAX_STALL_MS);
    await usage.set('count', 2);
    expect(await usage.get('count')).toBe(2);
  });

  it('GIVEN a write waiting out a lock WHEN the store is closed THEN the close waits and the write is kept', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-lock-close-'));
    const file = path.join(dir, 'store.sqlite');
    const url = `sqlite://${file}`;
    const usage = await openKeyv(url, { namespace: 'usage', busyTimeoutMs: 5_000 });
    await usage.set('count', 1);
    const lock = await holdExclusiveLock(file);
    const write = usage.set('count', 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = usage.disconnect();
    setTimeout(() => void lock.release(), 200);
    await write;
    await closed;
    const reopened = await openKeyv(url, { namespace: 'usage' });
    opened.push(reopened);
    expect(await reopened.get('count')).toBe(2);
  });

  it('GIVEN writes of one key made while the file is locked THEN they land in the order they were made once it is released', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-lock-order-'));
    const file = path.join(dir, 'store.sqlite');
    const usage = await openKeyv(`sqlite://${file}`, { namespace: 'usage', busyTimeoutMs: 5_000 });
    opened.push(usage);
    const lock = await holdExclusiveLock(file);
    const writes = [1, 2, 3, 4, 5].map(async (count) => {
      await new Promise((resolve) => setTimeout(resolve, count * 20));
      return usage.set('count', count);
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    await lock.release();
    await Promise.all(writes);
    expect(await usage.get('count')).toBe(5);
  });
});
