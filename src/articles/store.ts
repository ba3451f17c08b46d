import type Keyv from 'keyv';
import { type Logger, silentLogger } from '../core/log.ts';
import type { WorkerPool } from '../core/workers/pool.ts';
import { createKeyvPool, type KeyvPool, storeTarget } from '../store/keyv.ts';
import { sqliteRowWriter } from '../store/sqlite-rows.ts';
import {
  describeStoreError,
  describingStoreErrors,
  isStoreOutage,
  type StoreTarget,
} from '../store/store-errors.ts';
import type { Article, ArticleStore, SearchHit, StoredArticle, UpsertOutcome } from './article.ts';
import type { ChangeLog } from './change-log.ts';
import { applyCatalogueChanges } from './index-catalogue.ts';
import { type IndexSnapshots, openSearchIndex } from './index-snapshots.ts';
import { KeyedSerializer } from './keyed-serializer.ts';
import { LastReads } from './last-reads.ts';
import { type CatalogueBatches, catalogueBatches } from './search/catalogue-batches.ts';
import type { SearchIndex } from './search/search.ts';
import {
  keyvUpsertWrites,
  sqliteUpsertWrites,
  type UpsertCallbacks,
  type UpsertWrites,
  type UpsertWritesParts,
} from './upsert-writes.ts';

/** `between` without a limit returns at most this many articles (full texts: a bound keeps memory in check). */
export const DEFAULT_BETWEEN_LIMIT = 1_000;
/** Namespaces (tables, on SQLite): full articles, and the small entries start-up reads to rebuild the index. */
export const ARTICLES_NAMESPACE = 'articles';
export const CATALOGUE_NAMESPACE = 'catalogue';
/** Which ids changed when, for other processes' refresh() (src/articles/change-log.ts). */
export const CHANGES_NAMESPACE = 'changes';

export interface ArticleStoreOptions {
  /** A keyv URL (STORE_URL): sqlite://…, memory://, redis://…, postgres://… */
  readonly url: string;
  readonly logger?: Logger;
  readonly now?: () => Date;
  readonly busyTimeoutMs?: number;
  readonly pool?: KeyvPool;
  /** A SQLite store of at least this many articles keeps an index snapshot beside it (SNAPSHOT_MIN_ARTICLES). */
  readonly indexSnapshotMinArticles?: number;
  /** Where the index snapshot is kept: beside a SQLite store by default; null for none (always rebuild). */
  readonly indexSnapshotFile?: string | null;
  /**
   * Where catalogue entries are analysed: by default the process's catalogue worker (src/articles/search/
   * catalogue-pool.ts); null analyses them in this process. Either way the entries are the same.
   */
  readonly catalogueWorkers?: WorkerPool | null;
}

/** Exactly the stored shape: nothing the parser may add beyond the Article fields ends up in the store. */
function toStored(article: Article, version: number, firstSeenAt: string, updatedAt: string): StoredArticle {
  const { id, title, paragraphs, category, disclaimer, url, source, language, publishedAt, hash } = article;
  return {
    ...{ id, title, paragraphs, category, disclaimer, url, source, language, publishedAt, hash },
    ...{ version, firstSeenAt, updatedAt },
  };
}

/**
 * An article is updated only by the source that stored it (same `source` name: the feed's configured name or
 * title, the site, or "file"). An article stored without a source may be claimed by the next one. Which id an
 * offer gets is decided before this (src/ingest/feeds/items.ts itemKeys): only a feed of the URL's own site files
 * under the URL's id, so first-come here only ever decides between feeds and pages of that one site.
 */
function isOwnedBy(existing: StoredArticle, offered: Article): boolean {
  return existing.source === null || existing.source === offered.source;
}

class KeyvArticleStore implements ArticleStore {
  private readonly serializer = new KeyedSerializer();
  private closed: Promise<void> | undefined;
  private readonly lastReads = new LastReads();
  private readonly writes: UpsertWrites;

  constructor(
    private readonly articles: Keyv,
    private readonly catalogue: Keyv,
    private readonly changes: ChangeLog,
    private readonly index: SearchIndex,
    private readonly target: StoreTarget,
    private readonly now: () => Date,
    private readonly logger: Logger,
    private readonly release: () => Promise<void>,
    private readonly snapshots: IndexSnapshots,
    private readonly catalogueEntries: CatalogueBatches,
    writesFor: (callbacks: UpsertCallbacks) => UpsertWrites,
  ) {
    this.writes = writesFor({
      written: (article) => this.lastReads.replace(article),
      indexed: (entry) => this.index.put(entry),
    });
  }

  async get(id: string): Promise<StoredArticle | undefined> {
    try {
      const article = await this.read(id);
      if (article) this.lastReads.remember(article);
      else this.lastReads.forget(id);
      return article;
    } catch (error) {
      const kept = this.lastReads.get(id);
      if (!kept || !isStoreOutage(error)) throw error;
      this.logger.warn({ id, code: error.code }, 'store unavailable: answering from the copy read last');
      return kept;
    }
  }

  private read(id: string): Promise<StoredArticle | undefined> {
    return this.call(() => this.articles.get<StoredArticle>(id));
  }

  upsert(article: Article): Promise<{ outcome: UpsertOutcome; article: StoredArticle }> {
    return this.serializer.run(article.id, () => this.upsertNow(article));
  }

  async latest(count: number): Promise<StoredArticle[]> {
    return this.getMany(this.index.newest(Math.max(0, Math.floor(count))));
  }

  async between(from: Date, to: Date, limit = DEFAULT_BETWEEN_LIMIT): Promise<StoredArticle[]> {
    return this.getMany(this.index.between(from.getTime(), to.getTime(), Math.max(0, Math.floor(limit))));
  }

  search(query: string, limit: number): SearchHit[] {
    return this.index.search(typeof query === 'string' ? query : '', limit);
  }

  count(): number {
    return this.index.count();
  }

  async refresh(): Promise<number> {
    let picked = 0;
    const apply = async (changed: ReadonlySet<string>) => {
      const applied = await applyCatalogueChanges(this.index, this.catalogue, changed);
      for (const id of applied) this.lastReads.forget(id);
      picked = applied.length;
    };
    await this.call(() => this.changes.applyUnseen(apply));
    return picked;
  }

  /**
   * Lets upserts already under way finish first: closing never cuts a write in half. Then, once other processes'
   * changes are in, the index is saved (SQLite) so the next start opens it from the file.
   */
  close(): Promise<void> {
    this.closed ??= this.serializer
      .idle()
      .then(() => this.changes.flush())
      .then(() => this.snapshots.saveOnClose(this.index, this.changes, () => this.refresh()))
      .then(() => this.release());
    return this.closed;
  }

  private async upsertNow(article: Article): Promise<{ outcome: UpsertOutcome; article: StoredArticle }> {
    const existing = await this.read(article.id);
    if (existing && !isOwnedBy(existing, article)) {
      // One feed must not rewrite what another stored (its text, its disclaimer): the first source keeps it.
      // Feeds of other sites never reach here with this id; two feeds of one site (sections) can.
      this.logger.warn(
        { id: article.id, storedBy: existing.source, offeredBy: article.source },
        'article kept as stored: another source stored it first',
      );
      return { outcome: 'unchanged', article: existing };
    }
    if (existing && existing.hash === article.hash) {
      // Heals a catalogue entry lost to a crash between the two writes below.
      if (this.index.hashOf(existing.id) !== existing.hash)
        await this.writes.write(existing, this.catalogueEntries.entryFor(existing), false);
      return { outcome: 'unchanged', article: existing };
    }
    const at = this.now().toISOString();
    const stored = toStored(article, (existing?.version ?? 0) + 1, existing?.firstSeenAt ?? at, at);
    // Its entry is analysed (in the catalogue worker) while the article is written, or before both land together;
    // the write resolves once both are stored and the entry is in the index (search finds the article).
    await this.writes.write(stored, this.catalogueEntries.entryFor(stored), true);
    return { outcome: existing ? 'updated' : 'new', article: stored };
  }

  private async getMany(ids: string[]): Promise<StoredArticle[]> {
    if (ids.length === 0) return [];
    const found = await this.call(() => this.articles.getMany<StoredArticle>(ids));
    const articles = found.filter((article): article is StoredArticle => article !== undefined);
    if (articles.length < ids.length) {
      this.logger.warn({ missing: ids.length - articles.length }, 'catalogue lists articles the store lacks');
    }
    return articles;
  }

  private call<T>(operation: () => Promise<T>): Promise<T> {
    return describingStoreErrors(operation, this.target);
  }
}

/** One transaction per batch of upserts where the namespaces share a SQLite connection; else one key at a time. */
function upsertWrites(parts: Omit<UpsertWritesParts, keyof UpsertCallbacks>, changes: Keyv) {
  const writer = sqliteRowWriter([parts.articles, parts.catalogue, changes]);
  return (callbacks: UpsertCallbacks): UpsertWrites =>
    writer
      ? sqliteUpsertWrites(writer, { ...parts, ...callbacks })
      : keyvUpsertWrites({ ...parts, ...callbacks });
}

/**
 * Opens the article store on a keyv URL and opens its search index: from the snapshot beside a SQLite store when
 * it fits the catalogue, else rebuilt from the catalogue (src/articles/index-snapshots.ts). Fails with a
 * UserFacingError naming STORE_URL when the store cannot be used (see openKeyv); nothing stored is changed then.
 */
export async function openArticleStore(options: ArticleStoreOptions): Promise<ArticleStore> {
  const logger = options.logger ?? silentLogger;
  const target = storeTarget(options.url, options.busyTimeoutMs);
  // Its own pool unless given one: the two namespaces then share one SQLite connection.
  const pool = options.pool ?? createKeyvPool();
  const opened: Keyv[] = [];
  const open = async (namespace: string) => {
    const busy = options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs };
    const keyv = await pool.open(options.url, { namespace, logger, ...busy });
    opened.push(keyv);
    return keyv;
  };
  const release = async () => {
    if (options.pool) await Promise.all(opened.map((keyv) => keyv.disconnect()));
    else await pool.closeAll();
  };
  try {
    const articles = await open(ARTICLES_NAMESPACE);
    const catalogue = await open(CATALOGUE_NAMESPACE);
    const changes = await open(CHANGES_NAMESPACE);
    const snapshot = {
      target,
      file: options.indexSnapshotFile,
      minArticles: options.indexSnapshotMinArticles,
    };
    const { changeLog, index, snapshots } = await openSearchIndex(catalogue, changes, snapshot, logger);
    const now = options.now ?? (() => new Date());
    const entries = catalogueBatches(options.catalogueWorkers, index.analyzer, logger);
    const writes = upsertWrites({ articles, catalogue, changes: changeLog, snapshots, target }, changes);
    const parts = [
      articles,
      catalogue,
      changeLog,
      index,
      target,
      now,
      logger,
      release,
      snapshots,
      entries,
      writes,
    ] as const;
    return new KeyvArticleStore(...parts);
  } catch (error) {
    await release().catch(() => undefined); // Opening failed already; a close error would hide why.
    throw describeStoreError(error, target);
  }
}
