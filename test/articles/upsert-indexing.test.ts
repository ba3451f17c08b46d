import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Keyv from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import { ChangeLog } from '../../src/articles/change-log.ts';
import { IndexSnapshots } from '../../src/articles/index-snapshots.ts';
import { toCatalogueEntry } from '../../src/articles/search/catalogue.ts';
import { SearchIndex } from '../../src/articles/search/search.ts';
import { openArticleStore } from '../../src/articles/store.ts';
import { keyvUpsertWrites, sqliteUpsertWrites } from '../../src/articles/upsert-writes.ts';
import { silentLogger } from '../../src/core/log.ts';
import { storeTarget } from '../../src/store/keyv.ts';
import type { KeyvRow } from '../../src/store/sqlite-rows.ts';
import { makeArticle } from '../store/articles-fixture.ts';

const stored = (id: string) => ({
  ...makeArticle({ id, title: `Harbour strike ${id}` }),
  version: 1,
  firstSeenAt: 'x',
  updatedAt: 'x',
});

function parts(catalogue: Keyv, indexed: string[]) {
  return {
    articles: new Keyv(),
    catalogue,
    changes: new ChangeLog(new Keyv(), () => undefined),
    snapshots: new IndexSnapshots({ file: undefined, logger: silentLogger }),
    target: storeTarget('memory://'),
    written: () => undefined,
    indexed: (entry: { id: string }) => indexed.push(entry.id),
  };
}

const put = SearchIndex.prototype.put;
afterEach(() => {
  SearchIndex.prototype.put = put;
});

describe('an entry reaches the index only once it is stored, and alone', () => {
  it('GIVEN a SQLite transaction that fails after gathering its rows THEN none of its entries is indexed and every write rejects', async () => {
    const indexed: string[] = [];
    let gathered: readonly KeyvRow[] = [];
    const failing = {
      write: (rows: () => readonly KeyvRow[]) => {
        gathered = rows();
        return Promise.reject(new Error('SQLITE_FULL: database or disk is full'));
      },
    };
    const writes = sqliteUpsertWrites(failing, parts(new Keyv(), indexed));
    const results = await Promise.allSettled(
      ['a', 'b'].map((id) => writes.write(stored(id), Promise.resolve(toCatalogueEntry(stored(id))), true)),
    );
    expect(gathered.length).toBeGreaterThan(0);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(indexed).toEqual([]);
  });

  it('GIVEN a key-value store refusing the entry THEN the write rejects and the entry is not indexed', async () => {
    const indexed: string[] = [];
    const catalogue = new Keyv();
    catalogue.set = async () => false;
    const writes = keyvUpsertWrites(parts(catalogue, indexed));
    await expect(
      writes.write(stored('c'), Promise.resolve(toCatalogueEntry(stored('c'))), true),
    ).rejects.toThrow();
    expect(indexed).toEqual([]);
  });

  it('GIVEN three upserts in one transaction and the index refusing the second THEN only the second fails', async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsdesk-indexed-'));
    const store = await openArticleStore({
      url: `sqlite://${path.join(folder, 'n.sqlite')}`,
      catalogueWorkers: null,
    });
    SearchIndex.prototype.put = function (entry) {
      if (entry.id === 'b-1') throw new Error('the index refused b-1');
      return put.call(this, entry);
    };
    try {
      const offered = [0, 1, 2].map((i) => makeArticle({ id: `b-${i}`, title: `Harbour strike day ${i}` }));
      const results = await Promise.allSettled(offered.map((article) => store.upsert(article)));
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const found = store.search('harbour strike', 10).map((hit) => hit.id);
      expect(found.sort()).toEqual(['b-0', 'b-2']);
    } finally {
      SearchIndex.prototype.put = put;
      await store.close();
      await fs.rm(folder, { recursive: true, force: true });
    }
  });
});
