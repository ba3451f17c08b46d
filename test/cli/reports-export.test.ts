import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerRecord } from '../../src/answer/records.ts';
import { createReportStore, REPORTS_NAMESPACE, type Report } from '../../src/answer/reports.ts';
import type { StoredArticle } from '../../src/articles/article.ts';
import { parseArticleFile } from '../../src/articles/parse/parse.ts';
import { openArticleStore } from '../../src/articles/store.ts';
import type { EvalReport } from '../../src/cli/eval/report.ts';
import { ingestPaths } from '../../src/ingest/files.ts';
import { openKeyv } from '../../src/store/keyv.ts';
import { runNewsdesk } from '../support/subprocess.ts';

const SAMPLES_DIR = path.resolve(import.meta.dirname, '../../data/samples');
const TRAM = '001_tram_line_vote';
const GUILD = '111111111111111111';
const OTHER_GUILD = '222222222222222222';

let dir: string;
let env: Record<string, string>;
let tram: StoredArticle;

function recordOf(article: StoredArticle, overrides: Partial<AnswerRecord> = {}): AnswerRecord {
  return {
    kind: 'ask',
    question: 'How did the councillors vote on the tram?',
    answer: 'They voted 12 to 31 against it.',
    answered: true,
    quotes: [{ quote: 'Councillors voted 31 to 12 in favour of the project', paragraph: 1 }],
    article: {
      id: article.id,
      version: article.version,
      hash: article.hash,
      title: article.title,
      url: null,
    },
    provider: 'anthropic',
    model: 'claude-test',
    language: 'en',
    guildId: GUILD,
    createdAt: '2026-12-01T10:00:00.000Z',
    ...overrides,
  };
}

function report(id: string, record: AnswerRecord | null, extra: Partial<Report> = {}): Report {
  return {
    id,
    guildId: GUILD,
    recordId: `9${id}`,
    record,
    shown: record ? null : 'Harbor City council approves … (as the message showed it)',
    note: `note of ${id}`,
    locale: 'en-US',
    createdAt: '2026-12-01T10:05:00.000Z',
    ...extra,
  };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-reports-'));
  const storeUrl = `sqlite://${path.join(dir, 'store.sqlite')}`;
  env = { STORE_URL: storeUrl, LOG_LEVEL: 'warn' };
  const store = await openArticleStore({ url: storeUrl });
  await ingestPaths([SAMPLES_DIR], { store, dryRun: false });
  tram = (await store.get(TRAM)) as StoredArticle;
  await store.close();
  const keyv = await openKeyv(storeUrl, { namespace: REPORTS_NAMESPACE });
  const reports = createReportStore(keyv);
  await reports.file(report('1000000000000000001', recordOf(tram)));
  await reports.file(report('1000000000000000002', recordOf(tram, { kind: 'summary', question: null })));
  await reports.file(report('1000000000000000003', null));
  await reports.file(
    report('1000000000000000004', recordOf(tram, { answered: false, answer: 'Not stated.' })),
  );
  await reports.file(
    report(
      '1000000000000000005',
      recordOf(tram, { question: 'What colour will the new trams be painted?' }),
      {
        guildId: OTHER_GUILD,
      },
    ),
  );
  await keyv.disconnect();
}, 60_000);
afterAll(async () => rm(dir, { recursive: true, force: true }));

interface ExportedSet {
  articlesDir: string;
  pairs: { article: string; question: string; answerable: boolean; kind: string; report: { note: string } }[];
  notReplayable: { report: string; reason: string }[];
}

describe('npm run reports -- export (subprocess)', () => {
  it('GIVEN a server’s reports THEN its reported answers become cases expecting a refusal, the rest listed with why, the article beside them', async () => {
    const out = path.join(dir, 'server', 'reported.json');
    const result = await runNewsdesk(['reports', 'export', '--out', out, '--guild', GUILD], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Wrote 1 case to .*reported\.json \(articles in reported-articles\/\)\./);
    expect(result.stdout).toContain('3 report(s) cannot be replayed');
    const set = JSON.parse(await readFile(out, 'utf8')) as ExportedSet;
    expect(set.pairs).toEqual([
      expect.objectContaining({
        article: `${TRAM}.txt`,
        question: 'How did the councillors vote on the tram?',
        answerable: false,
        kind: 'near-miss',
        report: expect.objectContaining({ note: 'note of 1000000000000000001', model: 'claude-test' }),
      }),
    ]);
    expect(set.notReplayable.map((skipped) => skipped.reason).sort()).toEqual([
      'a refusal: add the sentence that answers it as gold, with answerable: true',
      'a summary: the evaluation replays questions',
      'the answer was no longer on record when it was reported',
    ]);
    const articleFile = path.join(dir, 'server', set.articlesDir, `${TRAM}.txt`);
    const parsed = await parseArticleFile(articleFile, { fileName: `${TRAM}.txt` });
    expect(parsed.ok && parsed.article.hash).toBe(tram.hash);
  }, 60_000);

  it('GIVEN the exported file THEN npm run eval replays it: an answer given again is a miss, a refusal now is a hit', async () => {
    const out = path.join(dir, 'replay', 'reported.json');
    const exported = await runNewsdesk(['reports', 'export', '--out', out], env);
    expect(exported.code, exported.stderr).toBe(0);
    const result = await runNewsdesk(['eval', '--file', out, '--json', '--misses'], env, {
      timeoutMs: 60_000,
    });
    expect(result.code, result.stderr).toBe(0);
    const [set] = (JSON.parse(result.stdout) as EvalReport).sets;
    // Both servers' answered reports: the vote is in the article (answered again), the colour is not (refused).
    expect(set?.pairs).toBe(2);
    expect(set?.figures.refusals).toMatchObject({ hits: 1, total: 2 });
    expect(set?.misses?.map((miss) => miss.question)).toEqual(['How did the councillors vote on the tram?']);
    expect(set?.figures.errors).toBe(0);
  }, 90_000);

  it('GIVEN no reports for a server THEN an empty set and an empty article folder', async () => {
    const out = path.join(dir, 'none', 'reported.json');
    const result = await runNewsdesk(['reports', 'export', '--out', out, '--guild', '333'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Wrote 0 cases/);
    const set = JSON.parse(await readFile(out, 'utf8')) as ExportedSet;
    expect(set.pairs).toEqual([]);
    expect(await readdir(path.join(dir, 'none', set.articlesDir))).toEqual([]);
  }, 60_000);

  it('GIVEN a wrong invocation THEN it says how to call it and exits 1', async () => {
    const none = await runNewsdesk(['reports'], env);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('npm run reports -- export [--out FILE] [--guild ID]');
    const badGuild = await runNewsdesk(['reports', 'export', '--guild', '12; rm -rf /'], env);
    expect(badGuild.code).toBe(1);
    expect(badGuild.stderr).toContain('--guild must be a server id');
  }, 60_000);
});
