import type Keyv from 'keyv';
import { SqliteKeyvStore } from './sqlite-store.ts';

/** Entries per page when reading a whole namespace. */
const PAGE_ENTRIES = 250;

interface StoredValue {
  readonly value?: unknown;
  readonly expires?: number | null;
}

export type Entry = readonly [key: string, value: unknown];

/**
 * Every live [key, value] of a keyv namespace, a page at a time (process each page synchronously: its garbage then
 * dies young). On SQLite it pages by key (`key > last`, one indexed range read per page) and resumes after
 * `after`; other stores use keyv's iterator.
 */
export async function* namespacePages(keyv: Keyv, options: { after?: string } = {}): AsyncGenerator<Entry[]> {
  const store: unknown = keyv.store;
  if (store instanceof SqliteKeyvStore) {
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

/**
 * How many entries the namespace holds, expired ones included (for namespaces without TTLs), where the store can
 * count them cheaply (SQLite); else undefined.
 */
export async function namespaceSize(keyv: Keyv): Promise<number | undefined> {
  const store: unknown = keyv.store;
  return store instanceof SqliteKeyvStore ? store.rowCount(keyv.namespace) : undefined;
}

/** Pages by key from just after `afterKey` (a key without the namespace prefix; '' for the whole namespace). */
async function* sqlitePages(keyv: Keyv, store: SqliteKeyvStore, afterKey: string): AsyncGenerator<Entry[]> {
  const prefix = keyv.namespace ? `${keyv.namespace}:` : '';
  const deserialize = keyv.deserialize ?? JSON.parse;
  const now = Date.now();
  let after = `${prefix}${afterKey}`;
  for (;;) {
    const rows = await store.page(keyv.namespace, after, PAGE_ENTRIES);
    const page: Entry[] = [];
    for (const row of rows) {
      const data = (await deserialize(row.value)) as StoredValue | undefined;
      const expired = typeof data?.expires === 'number' && now > data.expires;
      if (data && !expired) page.push([row.key.slice(prefix.length), data.value]);
    }
    yield page;
    const last = rows.at(-1);
    if (!last || rows.length < PAGE_ENTRIES) return;
    after = last.key;
  }
}
