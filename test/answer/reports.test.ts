import Keyv from 'keyv';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  boundedNote,
  createReportStore,
  GUILD_INDEX_MAX_IDS,
  REPORT_NOTE_MAX_CHARS,
  type Report,
  type ReportStore,
} from '../../src/answer/reports.ts';
import { newestReports } from '../../src/cli/reports/select.ts';
import { renderReportPage } from '../../src/discord/report/list.ts';

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

/** A store that answers after 0–5 ms, in no fixed order, as a shared Redis or SQLite under load does. */
class SlowMap extends Map<string, unknown> {
  private readonly later = <T>(value: () => T) =>
    new Promise<T>((resolve) => setTimeout(() => resolve(value()), Math.random() * 5));
  override async get(key: string) {
    return this.later(() => super.get(key));
  }
  // @ts-expect-error: an async store, as keyv's adapters are
  override async set(key: string, value: unknown) {
    return this.later(() => super.set(key, value));
  }
}

const DAY_MS = 24 * 3_600_000;
afterEach(() => {
  vi.useRealTimers();
});

describe('the report store', () => {
  it('GIVEN two processes on a store with random latency each file reports for one server at once THEN /reports lists every one', async () => {
    for (let trial = 0; trial < 15; trial++) {
      const keyv = new Keyv({ store: new SlowMap() });
      const processes = [
        createReportStore(keyv, { settleMs: 20 }),
        createReportStore(keyv, { settleMs: 20 }),
      ];
      await Promise.all(
        Array.from({ length: 6 }, (_, n) => (processes[n % 2] as ReportStore).file(report(n))),
      );
      const page = await createReportStore(keyv).page(GUILD, 0, 10);
      expect(page.total, `trial ${trial}`).toBe(6);
      expect(notes(page.reports)).toEqual(['note 5', 'note 4', 'note 3', 'note 2', 'note 1', 'note 0']);
    }
  });

  it('GIVEN one process files several reports for one server at once on a slow store THEN /reports lists every one', async () => {
    const keyv = new Keyv({ store: new SlowMap() });
    const store = createReportStore(keyv, { settleMs: 5 });
    await Promise.all(Array.from({ length: 8 }, (_, n) => store.file(report(n))));
    expect((await store.page(GUILD, 0, 10)).total).toBe(8);
  });

  it('GIVEN some of the reports expired THEN /reports counts and pages only those still kept', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 0, 1));
    const store = createReportStore(new Keyv(), { ttlMs: 180 * DAY_MS, settleMs: 0 });
    for (let n = 0; n < 7; n++) await store.file(report(n));
    vi.setSystemTime(Date.UTC(2026, 3, 1));
    for (let n = 7; n < 10; n++) await store.file(report(n));
    vi.setSystemTime(Date.UTC(2026, 6, 15));
    const page = await store.page(GUILD, 0, 5);
    expect(page.total).toBe(3);
    expect(notes(page.reports)).toEqual(['note 9', 'note 8', 'note 7']);
    expect(renderReportPage(page, 'en-US').content).toBe('Reported answers, newest first: 1–3 of 3.');
  });

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
    const store = createReportStore(new Keyv(), { settleMs: 0 });
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
    const store = createReportStore(keyv, { settleMs: 0 });
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
