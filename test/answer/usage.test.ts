import { describe, expect, it } from 'vitest';
import { createUsageLedger } from '../../src/answer/usage.ts';
import { openKeyv } from '../../src/store/keyv.ts';

const GUILD = '200000000000000002';
const at = (iso: string) => () => new Date(iso);

async function ledgerAt(iso: string, zoneOf?: (guildId: string) => Promise<string | null | undefined>) {
  const keyv = await openKeyv('memory://', { namespace: 'usage' });
  return createUsageLedger(keyv, at(iso), zoneOf ? { zoneOf } : {});
}

describe("a guild's usage days and budget in its own time zone", () => {
  it('GIVEN a guild in Auckland THEN a reply at noon UTC counts for its next calendar day, and the budget resets at its midnight', async () => {
    const ledger = await ledgerAt('2026-12-01T12:00:00.000Z', async () => 'Pacific/Auckland');
    await ledger.recordCachedReply(GUILD);
    const [today] = await ledger.days(GUILD, 1);
    expect(today).toMatchObject({ date: '2026-12-02', cachedReplies: 1 });
    expect(await ledger.accountingDay(GUILD)).toEqual({
      zone: 'Pacific/Auckland',
      endsAt: new Date('2026-12-02T11:00:00.000Z'),
    });
  });

  it('GIVEN a guild without a digest zone, or outside any guild THEN days are UTC days', async () => {
    const ledger = await ledgerAt('2026-12-01T23:30:00.000Z', async () => undefined);
    await ledger.recordCachedReply(GUILD);
    await ledger.recordOfflineReply(null);
    expect((await ledger.days(GUILD, 2)).map((day) => day.date)).toEqual(['2026-11-30', '2026-12-01']);
    expect((await ledger.days(null, 1))[0]).toMatchObject({ date: '2026-12-01', offlineReplies: 1 });
    expect((await ledger.accountingDay(GUILD)).endsAt).toEqual(new Date('2026-12-02T00:00:00.000Z'));
  });

  it('GIVEN the day the clocks go back in New York THEN that day has 25 hours and ends at local midnight', async () => {
    const ledger = await ledgerAt('2026-11-01T12:00:00.000Z', async () => 'America/New_York');
    expect((await ledger.days(GUILD, 1))[0]?.date).toBe('2026-11-01');
    expect((await ledger.accountingDay(GUILD)).endsAt).toEqual(new Date('2026-11-02T05:00:00.000Z'));
  });

  it('GIVEN the zone cannot be read (store hiccup) THEN the reply is still counted, in UTC', async () => {
    const ledger = await ledgerAt('2026-12-01T12:00:00.000Z', () => Promise.reject(new Error('locked')));
    await ledger.recordCachedReply(GUILD);
    expect((await ledger.days(GUILD, 1))[0]).toMatchObject({ date: '2026-12-01', cachedReplies: 1 });
  });

  it('GIVEN the zone known, then one failed read THEN counts stay on the known day, and the zone is asked again next time', async () => {
    let clock = Date.parse('2026-12-01T20:00:00.000Z'); // 09:00 on 2 December in Auckland
    const answers: (string | Error)[] = ['Pacific/Auckland', new Error('locked'), 'Pacific/Auckland'];
    let asked = 0;
    const zoneOf = async () => {
      const answer = answers[Math.min(asked++, answers.length - 1)];
      if (answer instanceof Error) throw answer;
      return answer;
    };
    const keyv = await openKeyv('memory://', { namespace: 'usage' });
    const ledger = createUsageLedger(keyv, () => new Date(clock), { zoneOf });
    await ledger.recordCachedReply(GUILD);
    clock += 61_000;
    await ledger.recordCachedReply(GUILD);
    await ledger.recordCachedReply(GUILD);
    expect(asked).toBe(3);
    expect((await ledger.days(GUILD, 1))[0]).toMatchObject({ date: '2026-12-02', cachedReplies: 3 });
  });
});
