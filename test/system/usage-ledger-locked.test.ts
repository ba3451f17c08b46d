import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type Keyv from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import { createUsageLedger } from '../../src/answer/usage.ts';
import { openKeyv } from '../../src/store/keyv.ts';
import { holdExclusiveLock } from '../support/sqlite-lock.ts';

/**
 * Found by the system benchmark's store-locked scenario (issue 9): with the SQLite file locked by another
 * connection for longer than the busy timeout, the count of a reply shown meanwhile was logged as "usage not
 * saved" and lost, so /usage and the daily budget undercounted. It is now carried and written once the lock goes.
 */

const BUSY_TIMEOUT_MS = 150;
const RETRY_MS = 50;
const GUILD = '200000000000000002';

async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 3_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the usage ledger while the store is locked', () => {
  let dir = '';
  let keyv: Keyv | undefined;

  afterEach(async () => {
    await keyv?.disconnect();
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN the store locked past its busy timeout WHEN replies are counted THEN no count is lost once it is released', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-usage-lock-'));
    const file = path.join(dir, 'store.sqlite');
    keyv = await openKeyv(`sqlite://${file}`, { namespace: 'usage', busyTimeoutMs: BUSY_TIMEOUT_MS });
    const ledger = createUsageLedger(keyv, () => new Date(), { retryMs: RETRY_MS });
    await ledger.recordCachedReply(GUILD);

    const lock = await holdExclusiveLock(file);
    await expect(ledger.recordCachedReply(GUILD)).rejects.toMatchObject({ code: 'store-locked' });
    await expect(ledger.recordOfflineReply(GUILD)).rejects.toMatchObject({ code: 'store-locked' });
    await lock.release();

    const [today] = await eventually(
      () => ledger.days(GUILD, 1),
      ([day]) => (day?.cachedReplies ?? 0) >= 2,
    );
    expect(today).toMatchObject({ cachedReplies: 2, offlineReplies: 1 });
    await ledger.recordCachedReply(GUILD);
    expect((await ledger.days(GUILD, 1))[0]).toMatchObject({ cachedReplies: 3, offlineReplies: 1 });
  });
});
