/**
 * One process of test/store/two-processes.test.ts: opens a SQLite store (migrating it if it is old), writes
 * `count` catalogue entries tagged with `tag`, sweeps the answer cache's expired rows, and prints what it did as
 * one JSON line.
 */
import { createKeyvPool } from '../../../src/store/keyv.ts';
import type { SqliteKeyvStore } from '../../../src/store/sqlite-store.ts';

const [file = '', tag = '', count = '0'] = process.argv.slice(2);
const pool = createKeyvPool();
const url = `sqlite://${file}`;
const [catalogue, answers] = await Promise.all([
  pool.open(url, { namespace: 'catalogue' }),
  pool.open(url, { namespace: 'answer-cache' }),
]);
const writes = Array.from({ length: Number(count) }, (_, n) => catalogue.set(`${tag}-${n}`, { tag, n }));
const swept = await (answers.store as SqliteKeyvStore).sweepExpired();
await Promise.all(writes);
await pool.closeAll();
console.log(JSON.stringify({ tag, written: writes.length, swept }));
