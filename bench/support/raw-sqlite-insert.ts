import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { MAX_BATCH_WRITES } from '../../src/store/sqlite-busy.ts';

interface Row {
  readonly key: string;
  readonly value: string;
  readonly expires: number | null;
}

/**
 * The floor under the store's ingest rate: the very rows an ingest wrote (every table of `storeFile`), inserted
 * again into a fresh file with nothing but better-sqlite3 — one prepared INSERT per table, transactions of the
 * store's batch size, the store's pragmas. Returns articles per second for `articles` articles' rows.
 */
export function rawInsertRate(storeFile: string, articles: number): { perSecond: number; rows: number } {
  const source = new BetterSqlite3(storeFile, { readonly: true });
  const tables = source
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
    .pluck()
    .all() as string[];
  const rows = new Map(
    tables.map((table) => [table, source.prepare(`SELECT * FROM ${table}`).all() as Row[]]),
  );
  source.close();
  const targetFile = path.join(path.dirname(storeFile), 'raw-insert.sqlite');
  const target = new BetterSqlite3(targetFile);
  target.pragma('journal_mode = WAL');
  target.pragma('synchronous = NORMAL');
  const inserts = tables.map((table) => {
    target.exec(`CREATE TABLE ${table} (key VARCHAR(255) PRIMARY KEY, value TEXT, expires INTEGER)`);
    return [
      target.prepare(`INSERT INTO ${table} (key, value, expires) VALUES (?, ?, ?)`),
      rows.get(table) ?? [],
    ] as const;
  });
  const insertBatch = target.transaction((insert: BetterSqlite3.Statement, batch: Row[]) => {
    for (const row of batch) insert.run(row.key, row.value, row.expires);
  });
  const started = performance.now();
  for (const [insert, tableRows] of inserts) {
    for (let from = 0; from < tableRows.length; from += MAX_BATCH_WRITES) {
      insertBatch(insert, tableRows.slice(from, from + MAX_BATCH_WRITES));
    }
  }
  const seconds = (performance.now() - started) / 1000;
  target.close();
  // Removed at once, so the next run in the same folder measures a fresh file again.
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${targetFile}${suffix}`, { force: true });
  let total = 0;
  for (const tableRows of rows.values()) total += tableRows.length;
  return { perSecond: Math.round(articles / seconds), rows: total };
}
