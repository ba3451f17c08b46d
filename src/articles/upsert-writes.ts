import type Keyv from 'keyv';
import type { KeyvRow, SqliteRowWriter } from '../store/sqlite-rows.ts';
import { describeStoreError, describingStoreErrors, type StoreTarget } from '../store/store-errors.ts';
import type { StoredArticle } from './article.ts';
import type { ChangeLog } from './change-log.ts';
import type { IndexSnapshots } from './index-snapshots.ts';
import type { CatalogueEntry } from './search/catalogue.ts';

/**
 * How an upsert's writes reach the store. Whatever the store, a catalogue entry never lands without the article
 * text it points at, and the change is in the change log for other processes (src/articles/change-log.ts).
 */
export interface UpsertWrites {
  /**
   * Writes `article` (unless `withText` is false: its text is stored already) and the catalogue entry `made` gives
   * for it; resolves with the entry once both have landed and `indexed` has been given it.
   */
  write(article: StoredArticle, made: Promise<CatalogueEntry>, withText: boolean): Promise<CatalogueEntry>;
}

export interface UpsertWritesParts {
  readonly articles: Keyv;
  readonly catalogue: Keyv;
  readonly changes: ChangeLog;
  readonly snapshots: IndexSnapshots;
  readonly target: StoreTarget;
  /** Called once the article's text has landed (before its entry, on stores written one key at a time). */
  readonly written: (article: StoredArticle) => void;
  /**
   * Called with each entry once it has landed, before its write resolves; on SQLite for all of one transaction's
   * entries in one loop, so the index takes them in one go (its tables stay in the CPU's cache from one entry to
   * the next). What it throws fails that entry's write only.
   */
  readonly indexed: (entry: CatalogueEntry) => void;
}

/** What the store itself does as an upsert lands: the parts that are not the store's connections. */
export type UpsertCallbacks = Pick<UpsertWritesParts, 'written' | 'indexed'>;

/**
 * One keyv.set after another (Redis, PostgreSQL, memory): the article first, then — once the change log names the
 * id, so a crash between the two cannot hide the change from an index snapshot — its entry. The entry is analysed
 * meanwhile; if the article's write fails, that error is the one the caller gets.
 */
export function keyvUpsertWrites(parts: UpsertWritesParts): UpsertWrites {
  const { changes, snapshots, target } = parts;
  const put = async (keyv: Keyv, key: string, value: unknown) => {
    const done = await describingStoreErrors(() => keyv.set(key, value), target);
    if (!done) throw describeStoreError(new Error(`the store refused to write ${key}`), target);
  };
  return {
    async write(article, made, withText) {
      made.catch(() => undefined);
      if (withText) {
        await put(parts.articles, article.id, article);
        parts.written(article);
      }
      const [entry, logged] = await Promise.all([made, changes.intend(article.id)]);
      // Unlogged, this change could be missed by a snapshot's catch-up: no snapshot is trusted after it.
      if (!logged) snapshots.distrust();
      await put(parts.catalogue, entry.id, entry);
      changes.note(entry.id);
      parts.indexed(entry);
      return entry;
    },
  };
}

interface Group {
  readonly rows: KeyvRow[];
  readonly entries: CatalogueEntry[];
  /** Settles once the transaction has committed and its entries have gone to the index: those it refused. */
  indexed?: Promise<Map<CatalogueEntry, unknown>>;
}

/** Gives each entry to `indexed` in order; what one throws is kept for its own write, never the others'. */
function indexEach(
  entries: readonly CatalogueEntry[],
  indexed: (entry: CatalogueEntry) => void,
): Map<CatalogueEntry, unknown> {
  const refused = new Map<CatalogueEntry, unknown>();
  for (const entry of entries) {
    try {
      indexed(entry);
    } catch (error) {
      refused.set(entry, error);
    }
  }
  return refused;
}

/**
 * SQLite: every upsert whose entry is ready before the connection's next write transaction joins it — its article,
 * its entry and one change-log row naming all of their ids, in one commit. The transaction makes the order moot:
 * entry and text land together or not at all, and so does the log's record of them.
 */
export function sqliteUpsertWrites(writer: SqliteRowWriter, parts: UpsertWritesParts): UpsertWrites {
  let open: Group | undefined;
  const join = (): Group => {
    if (open) return open;
    const group: Group = { rows: [], entries: [] };
    const close = () => {
      if (open === group) open = undefined;
    };
    const landed = writer.write(() => {
      close();
      return [...group.rows, parts.changes.entryRow(group.entries.map((entry) => entry.id))];
    });
    // A write that never ran (the file stayed locked past its deadline) takes no more rows either.
    landed.then(close, close);
    group.indexed = landed.then(() => indexEach(group.entries, parts.indexed));
    open = group;
    return group;
  };
  return {
    async write(article, made, withText) {
      const entry = await made;
      const group = join();
      if (withText) group.rows.push({ keyv: parts.articles, key: article.id, value: article });
      group.rows.push({ keyv: parts.catalogue, key: entry.id, value: entry });
      group.entries.push(entry);
      const refused = await group.indexed;
      if (withText) parts.written(article);
      if (refused?.has(entry)) throw refused.get(entry);
      return entry;
    },
  };
}
