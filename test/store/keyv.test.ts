import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type Keyv from 'keyv';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../src/core/errors.ts';
import { createKeyvPool, openKeyv } from '../../src/store/keyv.ts';
import type { SqliteKeyvStore } from '../../src/store/sqlite-store.ts';
import { redactUrl } from '../../src/store/store-errors.ts';
import { holdExclusiveLock } from '../support/sqlite-lock.ts';

let folder: string;
const opened: Keyv[] = [];

beforeEach(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsdesk-keyv-'));
});

afterEach(async () => {
  await Promise.allSettled(opened.splice(0).map((keyv) => keyv.disconnect()));
  await fs.rm(folder, { recursive: true, force: true });
});

async function open(url: string, namespace: string, busyTimeoutMs?: number): Promise<Keyv> {
  const keyv = await openKeyv(url, { namespace, ...(busyTimeoutMs ? { busyTimeoutMs } : {}) });
  opened.push(keyv);
  return keyv;
}

/** What another program reading the file sees (a connection of its own). */
function query(file: string, sql: string): unknown[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

async function rejection(promise: Promise<unknown>): Promise<UserFacingError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserFacingError);
  return error as UserFacingError;
}

/** A folder this process cannot create: as root chmod does not stop us, so put it under a regular file. */
async function uncreatableFolder(): Promise<string> {
  if (process.getuid?.() === 0) {
    const file = path.join(folder, 'plain-file');
    await fs.writeFile(file, 'not a folder');
    return path.join(file, 'data');
  }
  const locked = path.join(folder, 'locked');
  await fs.mkdir(locked, { mode: 0o500 });
  return path.join(locked, 'data');
}

describe('openKeyv on SQLite', () => {
  it('GIVEN a file in a folder that does not exist yet THEN creates both, in WAL mode, and values round-trip', async () => {
    const file = path.join(folder, 'nested', 'data', 'store.sqlite');
    const keyv = await open(`sqlite://${file}`, 'answers');
    await keyv.set('greeting', { text: 'hello', at: 1 });
    expect(await keyv.get('greeting')).toEqual({ text: 'hello', at: 1 });
    expect(query(file, 'PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    await keyv.disconnect();
    const again = await open(`sqlite://${file}`, 'answers');
    expect(await again.get('greeting')).toEqual({ text: 'hello', at: 1 });
  });

  it('GIVEN several namespaces on one file in a pool THEN concurrent writes all land, each in its own table', async () => {
    const file = path.join(folder, 'shared.sqlite');
    const url = `sqlite://${file}`;
    const pool = createKeyvPool();
    const [usage, feeds, digest] = await Promise.all(
      ['usage', 'feeds', 'digest-state'].map((namespace) => pool.open(url, { namespace })),
    );
    const stores = [usage, feeds, digest] as Keyv[];
    await Promise.all(
      stores.flatMap((keyv, n) => Array.from({ length: 50 }, (_, i) => keyv.set(`k${i}`, n * 100 + i))),
    );
    expect(await feeds?.get('k7')).toBe(107);
    const tables = query(file, "SELECT name FROM sqlite_master WHERE type = 'table'") as { name: string }[];
    expect(tables.map((row) => row.name).sort()).toEqual(['digest_state', 'feeds', 'usage']);
    const keys: string[] = [];
    for await (const [key] of (digest as Keyv).iterator?.(undefined) ?? []) keys.push(key);
    expect(keys).toHaveLength(50);
    await pool.closeAll();
    const reopened = await open(url, 'digest-state');
    expect(await reopened.get('k49')).toBe(249);
  });

  it('GIVEN two separate opens of one file THEN both connections can write (WAL, busy timeout)', async () => {
    const url = `sqlite://${path.join(folder, 'two.sqlite')}`;
    const [first, second] = await Promise.all([open(url, 'first'), open(url, 'second')]);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? first : second).set(`key-${i}`, `value-${i}`)),
    );
    expect(await first.get('key-39')).toBe('value-39');
    expect(await second.get('key-38')).toBe('value-38');
  });

  it('GIVEN a file that is not a database THEN a clear error names STORE_URL and the file, bytes untouched', async () => {
    const file = path.join(folder, 'notes.sqlite');
    const garbage = Buffer.from('these are my notes, not a database\n'.repeat(200));
    await fs.writeFile(file, garbage);
    const error = await rejection(open(`sqlite://${file}`, 'articles'));
    expect(error.code).toBe('store-corrupt');
    expect(error.message).toContain(`STORE_URL=sqlite://${file}`);
    expect(error.message).toContain(file);
    expect(await fs.readFile(file)).toEqual(garbage);
    expect(await fs.readdir(folder)).toEqual(['notes.sqlite']);
  });

  it('GIVEN a damaged database (valid header, garbage after) THEN store-corrupt and the bytes are untouched', async () => {
    const file = path.join(folder, 'damaged.sqlite');
    const damaged = Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(8_000, 0xa5)]);
    await fs.writeFile(file, damaged);
    const error = await rejection(open(`sqlite://${file}`, 'articles'));
    expect(error.code).toBe('store-corrupt');
    expect(await fs.readFile(file)).toEqual(damaged);
  });

  it('GIVEN a folder that cannot be created THEN store-unwritable naming STORE_URL and the folder', async () => {
    const target = path.join(await uncreatableFolder(), 'store.sqlite');
    const error = await rejection(open(`sqlite://${target}`, 'articles'));
    expect(error.code).toBe('store-unwritable');
    expect(error.message).toContain('STORE_URL=');
    expect(error.message).toContain(path.dirname(target));
  });

  it('GIVEN another connection holding BEGIN EXCLUSIVE past the timeout THEN store-locked, then works once released', async () => {
    const url = `sqlite://${path.join(folder, 'locked.sqlite')}`;
    const keyv = await open(url, 'cache', 200);
    await keyv.set('kept', 'before the lock');
    const lock = await holdExclusiveLock(url.slice('sqlite://'.length));
    const error = await rejection(keyv.set('late', 'during the lock'));
    expect(error.code).toBe('store-locked');
    expect(error.message).toContain('STORE_URL=');
    await lock.release();
    await keyv.set('late', 'after the lock');
    expect(await keyv.get('kept')).toBe('before the lock');
    expect(await keyv.get('late')).toBe('after the lock');
  });

  it('GIVEN a lock released within the busy timeout THEN the write waits and succeeds', async () => {
    const url = `sqlite://${path.join(folder, 'briefly.sqlite')}`;
    const keyv = await open(url, 'cache', 5_000);
    await keyv.set('warm', 'the file exists');
    const lock = await holdExclusiveLock(url.slice('sqlite://'.length));
    const released = new Promise((resolve) => setTimeout(resolve, 150)).then(() => lock.release());
    await keyv.set('waited', true);
    await released;
    expect(await keyv.get('waited')).toBe(true);
  });

  it('GIVEN a database locked before it is opened THEN opening fails with store-locked and loses nothing', async () => {
    const file = path.join(folder, 'busy.sqlite');
    const holder = new BetterSqlite3(file);
    holder.exec(
      "CREATE TABLE existing (key TEXT PRIMARY KEY, value TEXT); INSERT INTO existing VALUES ('row', 'precious')",
    );
    holder.exec('BEGIN EXCLUSIVE');
    const error = await rejection(open(`sqlite://${file}`, 'articles', 200));
    expect(error.code).toBe('store-locked');
    holder.exec('COMMIT');
    holder.close();
    const keyv = await open(`sqlite://${file}`, 'articles');
    await keyv.set('new', 1);
    expect(query(file, "SELECT value FROM existing WHERE key = 'row'")).toEqual([{ value: 'precious' }]);
  });

  it('GIVEN a storage error event THEN it is logged and the process keeps running', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const keyv = await openKeyv(`sqlite://${path.join(folder, 'events.sqlite')}`, {
      namespace: 'cache',
      logger,
    });
    opened.push(keyv);
    (keyv.store as SqliteKeyvStore).emit('error', new Error('disk hiccup'));
    await keyv.set('still', 'works');
    expect(await keyv.get('still')).toBe('works');
    expect(lines.join('')).toContain('disk hiccup');
  });

  it('GIVEN a closed store THEN reads fail loudly instead of looking like a cache miss', async () => {
    const keyv = await openKeyv(`sqlite://${path.join(folder, 'closed.sqlite')}`, { namespace: 'cache' });
    await keyv.set('x', 1);
    await keyv.disconnect();
    await expect(keyv.get('x')).rejects.toThrow();
  });
});

describe('openKeyv on memory:// and other URLs', () => {
  it('GIVEN memory:// THEN values round-trip and separate opens are separate stores', async () => {
    const first = await open('memory://', 'cache');
    const second = await open('memory://', 'cache');
    await first.set('a', [1, 2, 3]);
    expect(await first.get('a')).toEqual([1, 2, 3]);
    expect(await second.get('a')).toBeUndefined();
  });

  it('GIVEN memory:// in one pool THEN reopening a namespace sees what was stored, like a file', async () => {
    const pool = createKeyvPool();
    await (await pool.open('memory://', { namespace: 'feeds' })).set('etag', 'W/"1"');
    expect(await (await pool.open('memory://', { namespace: 'feeds' })).get('etag')).toBe('W/"1"');
    expect(await (await pool.open('memory://', { namespace: 'other' })).get('etag')).toBeUndefined();
    await pool.closeAll();
  });

  it('GIVEN an unknown scheme or a bad namespace THEN it refuses', async () => {
    await expect(openKeyv('mongodb://localhost/x', { namespace: 'cache' })).rejects.toThrow(/Unsupported/);
    await expect(openKeyv('memory://', { namespace: 'no spaces allowed' })).rejects.toThrow(/namespace/);
  });

  it('GIVEN a URL with a password THEN messages show it hidden', () => {
    expect(redactUrl('redis://user:s3cret@cache.internal:6379/0')).toBe(
      'redis://user:***@cache.internal:6379/0',
    );
    expect(redactUrl('postgres://:pw@db/x')).toBe('postgres://:***@db/x');
    expect(redactUrl('sqlite://./data/newsdesk.sqlite')).toBe('sqlite://./data/newsdesk.sqlite');
  });

  it('GIVEN an unreachable Redis THEN a clear error naming STORE_URL, without the password', async () => {
    const url = 'redis://user:pw@127.0.0.1:1';
    const error = await rejection(openKeyv(url, { namespace: 'cache', connectTimeoutMs: 300 }));
    expect(error.code).toBe('store-unreachable');
    expect(error.message).toContain('STORE_URL=redis://user:***@127.0.0.1:1');
  });
});
