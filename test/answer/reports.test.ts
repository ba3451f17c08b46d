import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import {
  boundedNote,
  createReportStore,
  GUILD_INDEX_MAX_IDS,
  REPORT_NOTE_MAX_CHARS,
  type Report,
} from '../../src/answer/reports.ts';
import { newestReports } from '../../src/cli/reports/select.ts';

const GUILD = '42';

function report(n: number, guildId: string | null = GUILD): Report {
  return {
    id: String(1_000_000_000_000_000 + n),
    guildId,
    recordId: String(2_000_000_000_000_000 + n),
    record: null,
    shown: `answer ${n}`,
    note: `note ${n}`,
    locale: 'en-US',
    createdAt: new Date(Date.UTC(2026, 11, 1, 0, n)).toISOString(),
  };
}

const notes = (reports: readonly Report[]) => reports.map((r) => r.note);

describe('the report store', () => {
  it('GIVEN two processes file reports for one server at the same instant THEN /reports lists both', async () => {
    const keyv = new Keyv();
    const first = createReportStore(keyv);
    const second = createReportStore(keyv);
    await Promise.all([first.file(report(1)), second.file(report(2))]);
    const page = await first.page(GUILD, 0, 5);
    expect(page.total).toBe(2);
    expect(notes(page.reports).sort()).toEqual(['note 1', 'note 2']);
  });

  it(`GIVEN more than ${GUILD_INDEX_MAX_IDS} reports THEN the newest ${GUILD_INDEX_MAX_IDS} are listed, newest first, and a page past the end is the last`, async () => {
    const store = createReportStore(new Keyv());
    for (let n = 0; n < GUILD_INDEX_MAX_IDS + 10; n++) await store.file(report(n));
    const first = await store.page(GUILD, 0, 5);
    expect(first.total).toBe(GUILD_INDEX_MAX_IDS);
    expect(notes(first.reports)).toEqual(['note 259', 'note 258', 'note 257', 'note 256', 'note 255']);
    const beyond = await store.page(GUILD, 10_000, 5);
    expect(beyond.page).toBe(GUILD_INDEX_MAX_IDS / 5 - 1);
    expect(notes(beyond.reports)).toEqual(['note 14', 'note 13', 'note 12', 'note 11', 'note 10']);
  });

  it('GIVEN reports of another server or outside any THEN a server lists only its own', async () => {
    const store = createReportStore(new Keyv());
    await store.file(report(1));
    await store.file(report(2, '43'));
    await store.file(report(3, null));
    expect(notes((await store.page(GUILD, 0, 5)).reports)).toEqual(['note 1']);
    expect((await store.page('44', 0, 5)).total).toBe(0);
  });

  it('GIVEN a note longer than the modal allows, or padded THEN it is kept trimmed and bounded', () => {
    expect(boundedNote(`  ${'x'.repeat(5000)}  `)).toHaveLength(REPORT_NOTE_MAX_CHARS);
    expect(boundedNote('   ')).toBe('');
  });
});

describe('the reports the export reads', () => {
  it('GIVEN many reports THEN the newest of the server, newest first, however many there are', async () => {
    const keyv = new Keyv();
    const store = createReportStore(keyv);
    for (let n = 0; n < 40; n++) await store.file(report(n, n % 2 === 0 ? GUILD : '43'));
    const { reports, seen } = await newestReports(keyv, { guildId: GUILD, limit: 3 });
    expect(seen).toBe(20);
    expect(notes(reports)).toEqual(['note 38', 'note 36', 'note 34']);
    expect((await newestReports(keyv, { limit: 2 })).reports.map((r) => r.note)).toEqual([
      'note 39',
      'note 38',
    ]);
  });
});
