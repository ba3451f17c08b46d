import type { Statement } from 'better-sqlite3';
import type { SqliteConnection } from './sqlite-connections.ts';

/** `[from, to)`: every key of a keyv namespace (';' sorts right after ':'); all keys when there is none. */
export function keyRange(namespace: string | undefined): { from: string; to: string | undefined } {
  return namespace ? { from: `${namespace}:`, to: `${namespace};` } : { from: '', to: undefined };
}

/** The statements of one namespace's table (see SqliteKeyvStore). */
export function prepareStatements(connection: SqliteConnection, table: string) {
  const prepare = (sql: string) => connection.db.prepare(sql);
  const live = '(expires IS NULL OR expires > @now)';
  return {
    get: prepare(`SELECT value FROM ${table} WHERE key = ?`).pluck(),
    getMany: prepare(`SELECT key, value FROM ${table} WHERE key IN (SELECT value FROM json_each(?))`),
    has: prepare(`SELECT 1 FROM ${table} WHERE key = @key AND ${live}`).pluck(),
    upsert: prepare(
      `INSERT INTO ${table} (key, value, expires) VALUES (?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires = excluded.expires`,
    ),
    delete: prepare(`DELETE FROM ${table} WHERE key = ?`),
    pageBetween: prepare(
      `SELECT key, value FROM ${table} WHERE key > @after AND key < @to AND ${live} ORDER BY key LIMIT @limit`,
    ),
    pageFrom: prepare(
      `SELECT key, value FROM ${table} WHERE key > @after AND ${live} ORDER BY key LIMIT @limit`,
    ),
    countBetween: prepare(`SELECT count(*) FROM ${table} WHERE key >= @from AND key < @to`).pluck(),
    countAll: prepare(`SELECT count(*) FROM ${table}`).pluck(),
    clearBetween: prepare(
      `DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE key >= ? AND key < ? LIMIT ?)`,
    ),
    clearAll: prepare(`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} LIMIT ?)`),
    sweep: prepare(
      `DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE expires <= ? LIMIT ?)`,
    ),
  };
}

export type Statements = { readonly [name in keyof ReturnType<typeof prepareStatements>]: Statement };
