import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import keyvTestSuite, { keyvIteratorTests } from '@keyv/test-suite';
import BetterSqlite3 from 'better-sqlite3';
import Keyv from 'keyv';
import * as vitest from 'vitest';
import { SqliteWriteQueue } from '../../src/store/sqlite-busy.ts';
import type { SqliteConnection } from '../../src/store/sqlite-connections.ts';
import { ensureTable } from '../../src/store/sqlite-schema.ts';
import { SqliteKeyvStore } from '../../src/store/sqlite-store.ts';

/** keyv's own compliance suite (what every keyv store adapter must do) against ours, on a real WAL file. */

const NAMESPACE = 'compliance';
let folder = '';
let db: BetterSqlite3.Database | undefined;
let connection: SqliteConnection | undefined;

vitest.beforeAll(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsdesk-keyv-compliance-'));
  const opened = new BetterSqlite3(path.join(folder, 'store.sqlite'), { timeout: 0 });
  opened.pragma('journal_mode = WAL');
  db = opened;
  connection = { db: opened, writes: new SqliteWriteQueue(opened), release: async () => undefined };
  await ensureTable(connection, NAMESPACE, 1_000);
});

vitest.afterAll(async () => {
  db?.close();
  await fs.rm(folder, { recursive: true, force: true });
});

const store = () => {
  if (!connection) throw new Error('The compliance store is opened in beforeAll');
  return new SqliteKeyvStore({
    connection,
    namespace: NAMESPACE,
    busyTimeoutMs: 1_000,
    describeError: (error) => error,
  });
};

keyvTestSuite(vitest, Keyv, store);
keyvIteratorTests(vitest, Keyv, store);
