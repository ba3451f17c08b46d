import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeyvPool, type KeyvPool } from '../../src/store/keyv.ts';
import { sqliteRowWriter } from '../../src/store/sqlite-rows.ts';

let folder: string;
let pool: KeyvPool;

beforeEach(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsdesk-rows-'));
  pool = createKeyvPool();
});

afterEach(async () => {
  await pool.closeAll();
  await fs.rm(folder, { recursive: true, force: true });
});

const fileUrl = (name = 'store.sqlite') => `sqlite://${path.join(folder, name)}`;

function rawRows(table: string): { key: string; value: string; expires: number | null }[] {
  const db = new BetterSqlite3(path.join(folder, 'store.sqlite'), { readonly: true });
  try {
    return db.prepare(`SELECT key, value, expires FROM ${table} ORDER BY key`).all() as never;
  } finally {
    db.close();
  }
}

describe('sqliteRowWriter', () => {
  it('GIVEN rows of two namespaces THEN they are stored exactly as keyv.set stores them, TTL and expiry included', async () => {
    const articles = await pool.open(fileUrl(), { namespace: 'articles' });
    const changes = await pool.open(fileUrl(), { namespace: 'changes' });
    const writer = sqliteRowWriter([articles, changes]);
    if (!writer) throw new Error('expected a writer for two namespaces of one file');
    await articles.set('by-keyv', { id: 'by-keyv', paragraphs: ['ä', '"quoted"'] });
    await changes.set('by-keyv', ['by-keyv'], 60_000);
    await writer.write(() => [
      { keyv: articles, key: 'by-writer', value: { id: 'by-writer', paragraphs: ['ä', '"quoted"'] } },
      { keyv: changes, key: 'by-writer', value: ['by-writer'], ttlMs: 60_000 },
    ]);
    expect(await articles.get('by-writer')).toEqual({ id: 'by-writer', paragraphs: ['ä', '"quoted"'] });
    expect(await changes.get('by-writer')).toEqual(['by-writer']);
    const [keyvArticle, writerArticle] = rawRows('articles');
    expect(writerArticle?.key).toBe('articles:by-writer');
    expect(writerArticle?.value).toBe(keyvArticle?.value.replaceAll('by-keyv', 'by-writer'));
    expect(writerArticle?.expires).toBeNull();
    const [keyvChange, writerChange] = rawRows('changes');
    // keyv's own expiry (in the value) and the sweep's column (in the row) are both set, within a test's runtime.
    const expiresOf = (value: string | undefined) => JSON.parse(value ?? '{}').expires as number;
    expect(Math.abs(expiresOf(writerChange?.value) - expiresOf(keyvChange?.value))).toBeLessThan(5_000);
    expect(Math.abs((writerChange?.expires ?? 0) - (keyvChange?.expires ?? 0))).toBeLessThan(5_000);
  });

  it('GIVEN one row that cannot be written THEN none of the rows land and the write rejects', async () => {
    const articles = await pool.open(fileUrl(), { namespace: 'articles' });
    const catalogue = await pool.open(fileUrl(), { namespace: 'catalogue' });
    const writer = sqliteRowWriter([articles, catalogue]);
    const unserializable = { count: 1n };
    const written = writer?.write(() => [
      { keyv: articles, key: 'fine', value: { id: 'fine' } },
      { keyv: catalogue, key: 'broken', value: unserializable },
    ]);
    await expect(written).rejects.toThrow(/BigInt/);
    expect(await articles.get('fine')).toBeUndefined();
    expect(rawRows('articles')).toEqual([]);
  });

  it('GIVEN rows asked for when the transaction runs THEN rows added until then land with it', async () => {
    const articles = await pool.open(fileUrl(), { namespace: 'articles' });
    const writer = sqliteRowWriter([articles]);
    const gathered = [{ keyv: articles, key: 'first', value: 1 }];
    const written = writer?.write(() => gathered);
    gathered.push({ keyv: articles, key: 'joined-later', value: 2 });
    await written;
    expect(await articles.get('joined-later')).toBe(2);
  });

  it('GIVEN memory://, or SQLite namespaces on two files THEN no writer: callers keep writing one key at a time', async () => {
    const memory = await pool.open('memory://', { namespace: 'articles' });
    const one = await pool.open(fileUrl('one.sqlite'), { namespace: 'articles' });
    const other = await pool.open(fileUrl('other.sqlite'), { namespace: 'catalogue' });
    expect(sqliteRowWriter([memory])).toBeUndefined();
    expect(sqliteRowWriter([one, other])).toBeUndefined();
    expect(sqliteRowWriter([one])).toBeDefined();
  });
});
