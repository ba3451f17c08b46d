import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Keyv from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerRecord } from '../../src/answer/records.ts';
import type { Report } from '../../src/answer/reports.ts';
import type { ArticleStore, StoredArticle } from '../../src/articles/article.ts';
import { openArticleStore } from '../../src/articles/store.ts';
import { loadEvalSet } from '../../src/cli/eval/fixture.ts';
import { exportReports } from '../../src/cli/reports.ts';
import { ingestPaths } from '../../src/ingest/files.ts';
import { createKeyvPool } from '../../src/store/keyv.ts';

const SAMPLES_DIR = path.resolve(import.meta.dirname, '../../data/samples');
const TRAM = '001_tram_line_vote';
const GUILD = '111111111111111111';
/** What `npm run eval` reads at most (src/cli/eval/fixture.ts). */
const EVAL_LIMIT_BYTES = 4 * 1024 * 1024;

let dir: string;
let store: ArticleStore;
let tram: StoredArticle;
const pool = createKeyvPool();

function recordOf(overrides: Partial<AnswerRecord> = {}): AnswerRecord {
  return {
    kind: 'ask',
    question: `How did the councillors vote on the tram? ${'и почему '.repeat(150)}`,
    answer: `They voted 12 to 31 against it. ${'Ж'.repeat(3_000)}`,
    answered: true,
    quotes: Array.from({ length: 5 }, (_, paragraph) => ({ quote: 'Councillors voted 31 to 12', paragraph })),
    article: { id: tram.id, version: tram.version, hash: tram.hash, title: tram.title, url: null },
    provider: 'anthropic',
    model: 'claude-test',
    language: 'ru',
    guildId: GUILD,
    createdAt: '2026-12-01T10:00:00.000Z',
    ...overrides,
  };
}

function report(n: number, record: AnswerRecord | null): Report {
  return {
    id: String(1_000_000_000_000_000 + n),
    guildId: GUILD,
    recordId: String(2_000_000_000_000_000 + n),
    record,
    shown: record ? null : 'as the message showed it',
    note: `${n}: ${'неверно '.repeat(125)}`.slice(0, 1_000),
    locale: 'ru',
    createdAt: '2026-12-01T10:05:00.000Z',
  };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-report-bounds-'));
  store = await openArticleStore({ url: 'memory://', pool });
  await ingestPaths([SAMPLES_DIR], { store, dryRun: false });
  tram = (await store.get(TRAM)) as StoredArticle;
}, 60_000);
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('npm run reports -- export, bounded by what npm run eval reads', () => {
  it('GIVEN more reports than one evaluation file holds, half of them summaries with long notes THEN the file stays within the limit, npm run eval loads it, and the rest are counted as left out', async () => {
    const keyv = new Keyv();
    for (let n = 0; n < 3_000; n++) {
      const record = n % 2 === 0 ? recordOf() : recordOf({ kind: 'summary', question: null });
      await keyv.set(`r:${report(n, record).id}`, report(n, record));
    }
    const out = path.join(dir, 'many', 'reported.json');
    const summary = await exportReports(keyv, store, { out });
    expect((await stat(out)).size).toBeLessThanOrEqual(EVAL_LIMIT_BYTES);
    expect(summary.leftOut).toBeGreaterThan(0);
    const set = await loadEvalSet(out);
    expect(set.pairs.length).toBe(summary.cases);
    expect(summary.cases).toBeGreaterThan(0);
    const written = JSON.parse(await readFile(out, 'utf8')) as { notReplayable: unknown[] };
    expect(written.notReplayable.length).toBe(summary.notReplayable.length);
    expect(summary.cases + summary.notReplayable.length + summary.leftOut).toBe(3_000);
  }, 120_000);

  it('GIVEN a report on a follow-up in a thread THEN it is not replayed as a question without its conversation, but listed with why', async () => {
    const keyv = new Keyv();
    const followUp = report(1, recordOf({ kind: 'follow-up', question: 'and how much will it cost?' }));
    const ask = report(2, recordOf({ question: 'How did the councillors vote?' }));
    await keyv.set(`r:${followUp.id}`, followUp);
    await keyv.set(`r:${ask.id}`, ask);
    const out = path.join(dir, 'follow-up', 'reported.json');
    const summary = await exportReports(keyv, store, { out });
    const set = await loadEvalSet(out);
    expect(set.pairs.map((pair) => pair.question)).toEqual(['How did the councillors vote?']);
    expect(summary.notReplayable).toEqual([
      expect.objectContaining({ report: followUp.id, reason: expect.stringMatching(/conversation/) }),
    ]);
  }, 60_000);
});
