import KeyvSqlite from '@keyv/sqlite';
import type Keyv from 'keyv';

/** Entries per page when reading a whole namespace. */
const PAGE_ENTRIES = 250;

interface StoredValue {
  readonly value?: unknown;
  readonly expires?: number | null;
}

export type Entry = readonly [key: string, value: unknown];

/**
 * Every live [key, value] of a keyv namespace, a page at a time (process each page synchronously: its garbage then
 * dies young). On SQLite it pages by key (`key > last`): the adapter's own iterator pages with OFFSET (quadratic)
 * and keeps every page it read referenced until the end, which for 100,000 catalogue entries costs seconds and a
 * hundred megabytes. Other stores use keyv's iterator.
 */
export async function* namespacePages(keyv: Keyv, options: { after?: string } = {}): AsyncGenerator<Entry[]> {
  const store: unknown = keyv.store;
  if (store instanceof KeyvSqlite) {
    yield* sqlitePages(keyv, store, options.after ?? '');
    return;
  }
  if (!keyv.iterator) throw new Error('This store cannot list its entries');
  let page: Entry[] = [];
  for await (const [key, value] of keyv.iterator(keyv.namespace)) {
    if (options.after !== undefined && String(key) <= options.after) continue;
    page.push([key, value]);
    if (page.length >= PAGE_ENTRIES) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

/** Pages by key from just after `afterKey` (a key without the namespace prefix; '' for the whole namespace). */
async function* sqlitePages(keyv: Keyv, adapter: KeyvSqlite, afterKey: string): AsyncGenerator<Entry[]> {
  const prefix = `${keyv.namespace ?? ''}:`;
  // ';' sorts right after ':', so [prefix, end) is exactly the namespace's keys.
  const end = `${prefix.slice(0, -1)};`;
  const select = `SELECT key, value FROM ${adapter.opts.table} WHERE key > ? AND key < ? ORDER BY key LIMIT ?`;
  const deserialize = keyv.deserialize ?? JSON.parse;
  const now = Date.now();
  let after = `${prefix}${afterKey}`;
  for (;;) {
    const rows: { key: string; value: string }[] = await adapter.query(select, after, end, PAGE_ENTRIES);
    const page: Entry[] = [];
    for (const row of rows) {
      const data = (await deserialize(row.value)) as StoredValue | undefined;
      const expired = typeof data?.expires === 'number' && now > data.expires;
      if (data && !expired) page.push([row.key.slice(prefix.length), data.value]);
    }
    yield page;
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE_ENTRIES) return;
    after = last.key;
  }
}
