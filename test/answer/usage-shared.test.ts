import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUsageLedger, type UsageLedger } from '../../src/answer/usage.ts';
import { BACKEND_NAMES, type SharedBackend, startBackend } from '../support/shared-backends.ts';

/** Two shard processes' ledgers, each over its own Keyv of one store: the counts and the budget notice are shared. */

const PER_LEDGER = 200;
const USAGE = { inputTokens: 10, outputTokens: 5, cacheReadTokens: 20, cacheWriteTokens: 1 };
const NOW = () => new Date('2026-12-02T12:00:00.000Z');

describe.each(BACKEND_NAMES)('usage counted by two processes on one store (%s)', (name) => {
  let backend: SharedBackend;
  let guild = 0;
  beforeAll(async () => {
    backend = await startBackend(name);
  }, 60_000);
  afterAll(() => backend?.close());

  async function twoLedgers(): Promise<[UsageLedger, UsageLedger, string]> {
    const open = async () => createUsageLedger(await backend.open('usage'), NOW);
    return [await open(), await open(), `20000000000000000${guild++}`];
  }

  it('GIVEN counts through one process THEN the other reads them, and adds to them', async () => {
    const [one, other, id] = await twoLedgers();
    await one.recordModelCall(id, 'claude-haiku-5-5', USAGE);
    await other.recordCachedReply(id);
    await one.recordOfflineReply(id);
    const [today] = await other.days(id, 1);
    expect(today).toMatchObject({ date: '2026-12-02', modelCalls: 1, cachedReplies: 1, offlineReplies: 1 });
    expect(today).toMatchObject(USAGE);
  });

  it('GIVEN 2×200 counts at once through two processes THEN every one is counted', async () => {
    const [one, other, id] = await twoLedgers();
    await Promise.all(
      [one, other].flatMap((ledger) =>
        Array.from({ length: PER_LEDGER }, (_, i) =>
          i % 2 ? ledger.recordCachedReply(id) : ledger.recordModelCall(id, 'claude-haiku-5-5', USAGE),
        ),
      ),
    );
    const [today] = await one.days(id, 1);
    expect(today).toMatchObject({ modelCalls: PER_LEDGER, cachedReplies: PER_LEDGER });
    expect(today?.inputTokens).toBe(PER_LEDGER * USAGE.inputTokens);
  }, 60_000);

  it('GIVEN two processes claiming the budget notice at once THEN exactly one gets it', async () => {
    const [one, other, id] = await twoLedgers();
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? other : one).claimBudgetNotice(id)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('GIVEN the notice claimed by one process, or by an older version (stored `true`) THEN the other gets false', async () => {
    const [one, other, id] = await twoLedgers();
    expect(await one.claimBudgetNotice(id)).toBe(true);
    expect(await other.claimBudgetNotice(id)).toBe(false);
    expect(await one.claimBudgetNotice(id)).toBe(false);
    const keyv = await backend.open('usage');
    await keyv.set(`notice:${id}x:2026-12-02`, true);
    expect(await other.claimBudgetNotice(`${id}x`)).toBe(false);
  });
});
