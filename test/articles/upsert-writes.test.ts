import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../src/articles/article.ts';
import { ChangeLog } from '../../src/articles/change-log.ts';
import { IndexSnapshots } from '../../src/articles/index-snapshots.ts';
import { toCatalogueEntry } from '../../src/articles/search/catalogue.ts';
import { openArticleStore } from '../../src/articles/store.ts';
import { sqliteUpsertWrites } from '../../src/articles/upsert-writes.ts';
import { UserFacingError } from '../../src/core/errors.ts';
import { silentLogger } from '../../src/core/log.ts';
import { createKeyvPool, storeTarget } from '../../src/store/keyv.ts';
import { type KeyvRow, sqliteRowWriter } from '../../src/store/sqlite-rows.ts';
import { makeArticle } from '../store/articles-fixture.ts';
import { holdExclusiveLock } from '../support/sqlite-lock.ts';

let folder: string;
let file: string;
const stores: ArticleStore[] = [];

beforeEach(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsdesk-upsert-writes-'));
  file = path.join(folder, 'newsdesk.sqlite');
});

afterEach(async () => {
  await Promise.allSettled(stores.splice(0).map((store) => store.close()));
  await fs.rm(folder, { recursive: true, force: true });
});

async function open(busyTimeoutMs?: number): Promise<ArticleStore> {
  const busy = busyTimeoutMs === undefined ? {} : { busyTimeoutMs };
  const store = await openArticleStore({ url: `sqlite://${file}`, catalogueWorkers: null, ...busy });
  stores.push(store);
  return store;
}

/** What another process would read from the file: every row of a table, its key prefix dropped. */
function rows(table: string): Map<string, unknown> {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const all = db.prepare(`SELECT key, value FROM ${table}`).all() as { key: string; value: string }[];
    return new Map(all.map((row) => [row.key.slice(table.length + 1), JSON.parse(row.value).value]));
  } finally {
    db.close();
  }
}

const articles = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) =>
    makeArticle({ id: `${prefix}-${i}`, title: `Harbour strike day ${i}` }),
  );

describe('sqliteUpsertWrites', () => {
  it('GIVEN entries ready in one turn THEN one transaction writes every text, then entry, and one log row, indexed together', async () => {
    const pool = createKeyvPool();
    const url = `sqlite://${file}`;
    const [texts, catalogue, changes] = await Promise.all(
      ['articles', 'catalogue', 'changes'].map((namespace) => pool.open(url, { namespace })),
    );
    if (!texts || !catalogue || !changes) throw new Error('namespaces did not open');
    const writer = sqliteRowWriter([texts, catalogue, changes]);
    if (!writer) throw new Error('expected a SQLite writer');
    const transactions: (readonly KeyvRow[])[] = [];
    const counting = {
      write: (gather: () => readonly KeyvRow[]) =>
        writer.write(() => transactions[transactions.push(gather()) - 1] ?? []),
    };
    const writes = sqliteUpsertWrites(counting, {
      ...{ articles: texts, catalogue, changes: new ChangeLog(changes, () => undefined) },
      ...{
        snapshots: new IndexSnapshots({ file: undefined, logger: silentLogger }),
        target: storeTarget(url),
      },
      written: () => undefined,
      indexed: (entry) => indexed.push(entry.id),
    });
    const indexed: string[] = [];
    const stored = articles('turn', 3).map((article) => ({
      ...article,
      version: 1,
      firstSeenAt: 'x',
      updatedAt: 'x',
    }));
    const indexedWhenResolved: number[] = [];
    await Promise.all(
      stored.map(async (article, i) => {
        await writes.write(article, Promise.resolve(toCatalogueEntry(article)), i > 0);
        indexedWhenResolved.push(indexed.length);
      }),
    );
    expect(transactions).toHaveLength(1);
    // The index takes the transaction's entries together, before any of the writes resolves.
    expect(indexed).toEqual(['turn-0', 'turn-1', 'turn-2']);
    expect(indexedWhenResolved).toEqual([3, 3, 3]);
    const written = (transactions[0] ?? []).map((row) => `${row.keyv.namespace}:${row.key}`);
    expect(written.slice(0, -1)).toEqual([
      'catalogue:turn-0',
      'articles:turn-1',
      'catalogue:turn-1',
      'articles:turn-2',
      'catalogue:turn-2',
    ]);
    expect(transactions[0]?.at(-1)?.value).toEqual(['turn-0', 'turn-1', 'turn-2']);
    await pool.closeAll();
  });
});

describe('upserts on a SQLite store', () => {
  it('GIVEN eight upserts at once THEN texts, entries and one change-log row naming all eight land together', async () => {
    const store = await open();
    const offered = articles('strike', 8);
    const results = await Promise.all(offered.map((article) => store.upsert(article)));
    expect(results.map((result) => result.outcome)).toEqual(Array(8).fill('new'));
    const ids = offered.map((article) => article.id);
    expect([...rows('articles').keys()].sort()).toEqual([...ids].sort());
    expect([...rows('catalogue').keys()].sort()).toEqual([...ids].sort());
    expect([...rows('changes').values()]).toEqual([ids]);
    expect(
      store
        .search('harbour strike', 10)
        .map((hit) => hit.id)
        .sort(),
    ).toEqual([...ids].sort());
  });

  it('GIVEN edits and unchanged offers at once THEN updated ones are logged again, unchanged ones write nothing', async () => {
    const store = await open();
    const offered = articles('edit', 4);
    await Promise.all(offered.map((article) => store.upsert(article)));
    const edited = offered.map((article, i) =>
      i % 2 ? article : makeArticle({ id: article.id, title: `${article.title}, talks resume` }),
    );
    const results = await Promise.all(edited.map((article) => store.upsert(article)));
    expect(results.map((result) => result.outcome)).toEqual(['updated', 'unchanged', 'updated', 'unchanged']);
    expect(results.map((result) => result.article.version)).toEqual([2, 1, 2, 1]);
    expect([...rows('changes').values()]).toEqual([
      offered.map((article) => article.id),
      ['edit-0', 'edit-2'],
    ]);
    expect((rows('catalogue').get('edit-0') as { title: string }).title).toBe(
      'Harbour strike day 0, talks resume',
    );
  });

  it('GIVEN the file locked past the timeout THEN none of the waiting upserts leaves a text, an entry or a log row', async () => {
    const store = await open(200);
    const lock = await holdExclusiveLock(file);
    const failed = await Promise.allSettled(articles('locked', 3).map((article) => store.upsert(article)));
    await lock.release();
    for (const result of failed) {
      expect(result.status).toBe('rejected');
      const reason = (result as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(UserFacingError);
      expect((reason as UserFacingError).message).toMatch(/stop the other newsdesk process/);
    }
    for (const table of ['articles', 'catalogue', 'changes']) expect(rows(table).size).toBe(0);
    expect(store.count()).toBe(0);
    const retried = await Promise.all(articles('locked', 3).map((article) => store.upsert(article)));
    expect(retried.map((result) => result.outcome)).toEqual(['new', 'new', 'new']);
    expect(rows('catalogue').size).toBe(3);
  });
});
