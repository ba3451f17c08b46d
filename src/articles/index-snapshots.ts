import fs from 'node:fs';
import type Keyv from 'keyv';
import type { Logger } from '../core/log.ts';
import { namespaceSize } from '../store/entries.ts';
import { isInMemorySqlite } from '../store/sqlite-file.ts';
import type { StoreTarget } from '../store/store-errors.ts';
import { ChangeLog, LOOKBACK_MS, withinLogReach } from './change-log.ts';
import { applyCatalogueChanges, rebuildIndex } from './index-catalogue.ts';
import { SearchIndex } from './search/search.ts';
import {
  readSnapshotFile,
  readSnapshotMeta,
  SnapshotRejected,
  writeSnapshotFile,
} from './search/snapshot-file.ts';

/** Below this many articles the index rebuilds from the catalogue in under a second: no snapshot file is kept. */
export const SNAPSHOT_MIN_ARTICLES = 20_000;
/** More changes than this share of the snapshot's articles to replay, and a scan of the catalogue is cheaper. */
const MAX_REPLAY_SHARE = 0.1;
/** Replaying this many changes at start writes a fresh snapshot, so the next start replays fewer. */
const REWRITE_AFTER_REPLAYED = 5_000;

/** Where a store keeps its index snapshot: beside a SQLite file; nowhere for memory, Redis and Postgres. */
export function indexSnapshotFile(target: StoreTarget): string | undefined {
  if (target.file === undefined || isInMemorySqlite(target.file)) return undefined;
  return `${target.file}.search-index`;
}

export interface IndexSnapshotsOptions {
  readonly file: string | undefined;
  readonly logger: Logger;
  readonly minArticles?: number;
}

/**
 * Opening a big store fast: the search index is saved to a file beside the store and opened from it, then brought
 * up to date from the change log (what any process changed since). The file is only ever a cache of the
 * catalogue: when it is missing, damaged, too old for the change log, or does not add up to the catalogue's row
 * count, the index is rebuilt from the catalogue as before and a fresh file written.
 */
export class IndexSnapshots {
  private readonly minArticles: number;
  /** Catalogue rows the index does not hold (malformed): part of the row-count check. */
  private unindexed = 0;
  /** The index's change count when it last matched the file. */
  private savedAtChange = -1;
  private distrusted = false;

  constructor(private readonly options: IndexSnapshotsOptions) {
    this.minArticles = options.minArticles ?? SNAPSHOT_MIN_ARTICLES;
  }

  /** The index, from the snapshot when one fits the store, else rebuilt; `startedMs` is when reading began. */
  async open(catalogue: Keyv, changes: ChangeLog, startedMs: number): Promise<SearchIndex> {
    const restored = await this.restore(catalogue, changes, startedMs);
    if (restored) return restored;
    const { index, skipped } = await rebuildIndex(catalogue, this.options.logger);
    this.unindexed = skipped;
    this.save(index, startedMs - LOOKBACK_MS);
    return index;
  }

  /** On close: catches up on what other processes changed (`catchUp`: the store's refresh), then saves. */
  async saveOnClose(index: SearchIndex, changes: ChangeLog, catchUp: () => Promise<unknown>): Promise<void> {
    const caughtUpFromMs = changes.seenUntilMs;
    // Unreadable now, the index is still saved: its mark stays where it was, so the next start replays more.
    await catchUp().catch(() => undefined);
    this.saveIfChanged(index, changes.seenUntilMs, caughtUpFromMs);
  }

  /**
   * Saves the index if it changed since it was opened or last saved (on close: the next start is fast).
   * `seenUntilMs`: every change before it is in the index; `caughtUpFromMs`: where the last catch-up started —
   * older than the change log keeps, and changes may have expired unseen (a long `ingest --watch` never refreshes),
   * so nothing is saved.
   */
  saveIfChanged(index: SearchIndex, seenUntilMs: number, caughtUpFromMs: number): void {
    if (index.changeCount === this.savedAtChange) return;
    if (!withinLogReach(caughtUpFromMs)) {
      this.options.logger.info(
        'search index snapshot not saved: this process may have missed expired changes',
      );
      return;
    }
    this.save(index, seenUntilMs);
  }

  /**
   * A change of this process may be missing from the change log (its write failed): the snapshot beside the store,
   * and any this process would write, could miss it for good. The file is removed, so the next start rebuilds.
   */
  distrust(): void {
    if (this.distrusted || this.options.file === undefined) return;
    this.distrusted = true;
    try {
      fs.rmSync(this.options.file, { force: true });
    } catch (error) {
      this.options.logger.warn({ file: this.options.file, err: error }, 'search index snapshot not removed');
    }
    this.options.logger.warn(
      { file: this.options.file },
      'change log not written: the index snapshot is dropped',
    );
  }

  private save(index: SearchIndex, watermarkMs: number): void {
    const { file, logger } = this.options;
    if (file === undefined || this.distrusted || index.count() < this.minArticles) return;
    const started = performance.now();
    try {
      const bytes = writeSnapshotFile(file, index.toSnapshot(), { watermarkMs, unindexed: this.unindexed });
      this.savedAtChange = index.changeCount;
      logger.debug(
        {
          file,
          articles: index.count(),
          mb: Math.round(bytes / 1_048_576),
          ms: Math.round(performance.now() - started),
        },
        'search index snapshot written',
      );
    } catch (error) {
      logger.warn(
        { file, err: error },
        'search index snapshot not written (is the store folder writable?): the next start rebuilds the index, which is slower',
      );
    }
  }

  private async restore(
    catalogue: Keyv,
    changes: ChangeLog,
    startedMs: number,
  ): Promise<SearchIndex | undefined> {
    const { file, logger } = this.options;
    if (file === undefined) return undefined;
    const started = performance.now();
    const read = this.read(file, startedMs);
    if (!read) return undefined;
    const rowsBefore = await namespaceSize(catalogue);
    const { changed } = await changes.changedAfter(read.meta.watermarkMs);
    if (changed.size > Math.max(REWRITE_AFTER_REPLAYED, read.snapshot.slots.ids.length * MAX_REPLAY_SHARE)) {
      logger.info(
        { file, changed: changed.size },
        'search index snapshot misses too many changes: rebuilding',
      );
      return undefined;
    }
    const index = SearchIndex.fromSnapshot(read.snapshot);
    await applyCatalogueChanges(index, catalogue, changed);
    index.prepare();
    // Rows another process adds meanwhile may land between the counts: the index must lie between them.
    const rowsAfter = await namespaceSize(catalogue);
    const held = index.count() + read.meta.unindexed;
    if (rowsBefore === undefined || rowsAfter === undefined || held < rowsBefore || held > rowsAfter) {
      logger.warn(
        { file, rows: rowsAfter, indexed: index.count() },
        'search index snapshot does not match the store: rebuilding',
      );
      return undefined;
    }
    this.unindexed = read.meta.unindexed;
    this.savedAtChange = index.changeCount;
    logger.debug(
      { file, articles: index.count(), replayed: changed.size, ms: Math.round(performance.now() - started) },
      'search index opened from its snapshot',
    );
    if (changed.size >= REWRITE_AFTER_REPLAYED) this.save(index, startedMs - LOOKBACK_MS);
    return index;
  }

  /** The snapshot, checked whole, if it is young enough for the change log to bring it up to date. */
  private read(file: string, startedMs: number): ReturnType<typeof readSnapshotFile> | undefined {
    try {
      // The header alone first: a snapshot too old to catch up is not worth reading (hundreds of MB at 1M).
      const { watermarkMs } = readSnapshotMeta(file);
      if (!withinLogReach(watermarkMs, startedMs)) {
        this.options.logger.info(
          { file, ageHours: Math.round((startedMs - watermarkMs) / 3_600_000) },
          'search index snapshot too old to update: rebuilding',
        );
        return undefined;
      }
      return readSnapshotFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      const reason = error instanceof SnapshotRejected ? error.message : String(error);
      this.options.logger.warn(
        { file, reason },
        'search index snapshot unusable: rebuilding the index from the store',
      );
      return undefined;
    }
  }
}

/**
 * The change log and the search index of a store being opened, the index read from its snapshot when one fits the
 * catalogue.
 */
export async function openSearchIndex(
  catalogue: Keyv,
  changes: Keyv,
  snapshot: {
    readonly target: StoreTarget;
    /** Where the snapshot is kept instead of beside the store; null for none (always rebuild). */
    readonly file: string | null | undefined;
    readonly minArticles: number | undefined;
  },
  logger: Logger,
) {
  const started = performance.now();
  // The change log reads from when the catalogue began to be read: a change made during the load is not missed.
  const startedMs = Date.now();
  // Wherever any process may keep a snapshot of this store, changes are announced before they are written.
  const beside = indexSnapshotFile(snapshot.target);
  const changeLog = new ChangeLog(
    changes,
    (error) => logger.warn({ err: error }, 'change log not written'),
    startedMs,
    beside !== undefined,
  );
  const snapshots = new IndexSnapshots({
    file: snapshot.file === undefined ? beside : (snapshot.file ?? undefined),
    logger,
    ...(snapshot.minArticles === undefined ? {} : { minArticles: snapshot.minArticles }),
  });
  const index = await snapshots.open(catalogue, changeLog, startedMs);
  logger.debug(
    { articles: index.count(), ms: Math.round(performance.now() - started) },
    'search index ready',
  );
  return { changeLog, index, snapshots };
}
