import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type Keyv from 'keyv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeyvPool, type KeyvPool } from '../../src/store/keyv.ts';
import type { SqliteKeyvStore } from '../../src/store/sqlite-store.ts';

/**
 * test/fixtures/keyv-sqlite-4.0.8.sqlite was written by the previous store code (@keyv/sqlite 4.0.8 on sqlite3,
 * commit e206ac9): 31 articles, 30 catalogue entries, and an answer cache with two expired entries, one with a
 * TTL ten years out and one without. Each test works on a copy.
 */
const FIXTURE = path.join(import.meta.dirname, '../fixtures/keyv-sqlite-4.0.8.sqlite');

let folder = '';
let file = '';
let pool: KeyvPool;

beforeEach(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsdesk-migration-'));
  file = path.join(folder, 'store.sqlite');
  await fs.copyFile(FIXTURE, file);
  pool = createKeyvPool();
});

afterEach(async () => {
  await pool.closeAll();
  await fs.rm(folder, { recursive: true, force: true });
});

function rows(sql: string): unknown[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

const open = (namespace: string): Promise<Keyv> => pool.open(`sqlite://${file}`, { namespace });

describe('opening a store written by @keyv/sqlite', () => {
  it('GIVEN the old file THEN every article, catalogue entry and live cache entry reads back unchanged', async () => {
    const [articles, catalogue, answers] = await Promise.all(
      ['articles', 'catalogue', 'answer-cache'].map(open),
    );
    expect(await articles?.get('fixture-007')).toEqual({
      id: 'fixture-007',
      title: 'Gezeitenkraftwerk Nummer 7 «ü»',
      paragraphs: ['Absatz 7', 'zwei'],
    });
    expect(await articles?.get("quote'key:with:colons")).toEqual({ text: 'single \' and double " quotes' });
    expect(await catalogue?.get('fixture-029')).toEqual({
      id: 'fixture-029',
      hash: 'h29',
      publishedAt: 1_700_000_000_029,
    });
    expect(await answers?.get('live')).toBe('fresh answer');
    expect(await answers?.get('forever')).toBe('no ttl');
    expect(await answers?.get('expired-1')).toBeUndefined();
    const keys: string[] = [];
    for await (const [key] of articles?.iterator?.(undefined) ?? []) keys.push(key);
    expect(keys).toHaveLength(31);
    expect(rows('SELECT count(*) AS n FROM articles')).toEqual([{ n: 31 }]);
    expect(rows('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });

  it('GIVEN the old file THEN each row gets its expiry from its JSON and the index exists, and the sweep frees the expired rows', async () => {
    const answers = await open('answer-cache');
    const expiries = rows('SELECT key, expires FROM answer_cache ORDER BY key') as {
      key: string;
      expires: number | null;
    }[];
    expect(expiries.map((row) => [row.key, row.expires === null ? null : typeof row.expires])).toEqual([
      ['answer-cache:expired-1', 'number'],
      ['answer-cache:expired-2', 'number'],
      ['answer-cache:forever', null],
      ['answer-cache:live', 'number'],
    ]);
    expect(
      rows("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'answer_cache_expires'"),
    ).toHaveLength(1);
    expect(await (answers.store as SqliteKeyvStore).sweepExpired()).toBe(2);
    expect(rows('SELECT key FROM answer_cache ORDER BY key')).toEqual([
      { key: 'answer-cache:forever' },
      { key: 'answer-cache:live' },
    ]);
  });

  it('GIVEN a migration cut off before its index WHEN opened again THEN it finishes and nothing is lost', async () => {
    await (await open('answer-cache')).disconnect();
    const db = new BetterSqlite3(file);
    db.exec('DROP INDEX answer_cache_expires; UPDATE answer_cache SET expires = NULL');
    db.close();
    const answers = await open('answer-cache');
    expect(await answers.get('live')).toBe('fresh answer');
    expect(rows('SELECT count(*) AS n FROM answer_cache WHERE expires IS NOT NULL')).toEqual([{ n: 3 }]);
    expect(rows("SELECT name FROM sqlite_master WHERE name = 'answer_cache_expires'")).toHaveLength(1);
  });

  it('GIVEN the old file opened by two pools at once THEN both read and write it and the table gains one expires column', async () => {
    const other = createKeyvPool();
    try {
      const [first, second] = await Promise.all([
        open('catalogue'),
        other.open(`sqlite://${file}`, { namespace: 'catalogue' }),
      ]);
      await first.set('new', { id: 'new' });
      expect(await second.get('new')).toEqual({ id: 'new' });
      expect(await second.get('fixture-000')).toMatchObject({ hash: 'h0' });
    } finally {
      await other.closeAll();
    }
    const columns = rows('PRAGMA table_info(catalogue)') as { name: string }[];
    expect(columns.map((column) => column.name)).toEqual(['key', 'value', 'expires']);
  });
});
