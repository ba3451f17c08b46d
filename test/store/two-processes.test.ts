import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openKeyv } from '../../src/store/keyv.ts';
import { PROJECT_ROOT } from '../support/subprocess.ts';

const FIXTURE = path.join(import.meta.dirname, '../fixtures/keyv-sqlite-4.0.8.sqlite');
const WRITER = path.join(import.meta.dirname, 'support/store-writer.ts');
const TSX = path.join(PROJECT_ROOT, 'node_modules/.bin/tsx');
const WRITES_PER_PROCESS = 2_000;

function runWriter(
  file: string,
  tag: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [WRITER, file, tag, String(WRITES_PER_PROCESS)], { cwd: PROJECT_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let folder = '';
afterEach(async () => {
  await fs.rm(folder, { recursive: true, force: true });
});

describe('two processes on one SQLite file', () => {
  it('GIVEN an old file opened, written and swept by two processes at once THEN it is migrated once, every write lands, each expired row is removed once', async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsdesk-two-processes-'));
    const file = path.join(folder, 'store.sqlite');
    await fs.copyFile(FIXTURE, file);
    const results = await Promise.all([runWriter(file, 'bot'), runWriter(file, 'ingest')]);
    for (const result of results) expect(result, result.stderr).toMatchObject({ code: 0 });
    const reports = results.map((result) => JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}'));
    expect(reports.reduce((sum, report) => sum + report.swept, 0)).toBe(2);

    const db = new BetterSqlite3(file, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const count = (sql: string) => db.prepare(sql).pluck().get();
      expect(count("SELECT count(*) FROM catalogue WHERE key LIKE 'catalogue:bot-%'")).toBe(
        WRITES_PER_PROCESS,
      );
      expect(count("SELECT count(*) FROM catalogue WHERE key LIKE 'catalogue:ingest-%'")).toBe(
        WRITES_PER_PROCESS,
      );
      expect(count("SELECT count(*) FROM catalogue WHERE key LIKE 'catalogue:fixture-%'")).toBe(30);
      expect(count('SELECT count(*) FROM answer_cache')).toBe(2);
      const columns = db.pragma('table_info(catalogue)') as { name: string }[];
      expect(columns.map((column) => column.name)).toEqual(['key', 'value', 'expires']);
    } finally {
      db.close();
    }
    const answers = await openKeyv(`sqlite://${file}`, { namespace: 'answer-cache' });
    expect(await answers.get('live')).toBe('fresh answer');
    await answers.disconnect();
  }, 60_000);
});
