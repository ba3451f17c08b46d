import { randomBytes } from 'node:crypto';
import type Keyv from 'keyv';
import { namespacePages } from '../store/entries.ts';
import type { KeyvRow } from '../store/sqlite-rows.ts';

/** Change-log entries expire after this: a process that missed them has restarted and rebuilt its index since. */
const CHANGE_LOG_TTL_MS = 2 * 86_400_000;
/** Ids changed within this window go out as one entry: one write per batch, not one per article. */
const FLUSH_DELAY_MS = 50;
/** A mark older than this may have missed entries that expired (with an hour's margin for slow reads). */
const REACH_MS = CHANGE_LOG_TTL_MS - 3_600_000;

/**
 * Whether changes made since `markMs` can all still be read from the log at `nowMs`: entries expire, and one
 * written before the mark's reader looked may land up to LOOKBACK_MS late.
 */
export function withinLogReach(markMs: number, nowMs = Date.now()): boolean {
  const age = nowMs - markMs;
  return age <= REACH_MS && age >= -LOOKBACK_MS;
}

/** A reader rereads this far behind its last mark: another process's batch may land slightly out of order. */
export const LOOKBACK_MS = 10_000;
const TIME_DIGITS = 15;

/** Fixed-width wall-clock milliseconds first, so keys sort by time; a per-process tag keeps writers apart. */
const entryKey = (atMs: number, tag: string) =>
  `${String(Math.max(0, atMs)).padStart(TIME_DIGITS, '0')}:${tag}`;

/**
 * Which article ids changed when, for other processes on the same store (the bot beside `ingest --watch`): each
 * writer appends batches of ids; each reader asks what changed since it last looked. Wall-clock time, shared by
 * every process on the machine, never an injected test clock.
 */
export class ChangeLog {
  private pending = new Set<string>();
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private readonly tag = randomBytes(4).toString('hex');
  private sequence = 0;
  private intents = new Set<string>();
  private intentWrite: Promise<boolean> | undefined;

  /**
   * `readMarkMs`: the first applyUnseen() reports what changed from then on (minus LOOKBACK_MS). The store passes
   * the time it started reading the catalogue, so a change made while a big index loads is not missed.
   */
  constructor(
    private readonly keyv: Keyv,
    private readonly onError: (error: unknown) => void,
    private readMarkMs = Date.now(),
    /** Whether intend() writes: only where index snapshots are kept (SQLite) does anything read its entries early. */
    private readonly announces = true,
  ) {}

  /** Every change made before this has been handed to applyUnseen() (or was in the index it started from). */
  get seenUntilMs(): number {
    return this.readMarkMs - LOOKBACK_MS;
  }

  /** Records that `id` changed; written within FLUSH_DELAY_MS. */
  note(id: string): void {
    this.pending.add(id);
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_DELAY_MS);
  }

  /** Writes what is pending (also called on close). A failed write is reported, never thrown at an upsert. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return this.flushing;
    const ids = [...this.pending];
    this.pending = new Set();
    const key = this.nextKey();
    this.flushing = this.flushing.then(() => this.write(key, ids)).then(() => undefined, this.onError);
    return this.flushing;
  }

  /** Entries of this process sort by time, then by its sequence: two in one millisecond never share a key. */
  private nextKey(): string {
    return entryKey(Date.now(), `${this.tag}-${this.sequence++}`);
  }

  private write(key: string, ids: readonly string[]): Promise<unknown> {
    return this.keyv.set(key, ids, CHANGE_LOG_TTL_MS);
  }

  /**
   * The entry recording that `ids` changed, for a caller that writes it in the same transaction as the changes
   * themselves (src/articles/upsert-writes.ts): logged then exactly when they land, with no intend() or note().
   */
  entryRow(ids: readonly string[]): KeyvRow {
    return { keyv: this.keyv, key: this.nextKey(), value: ids, ttlMs: CHANGE_LOG_TTL_MS };
  }

  /**
   * Ids other processes changed since the last call, handed to `apply`; the read mark moves past them only once
   * `apply` has taken them all (a failed read leaves them to the next call). This process's own changes are left
   * out: its index took each of them when it wrote it.
   */
  async applyUnseen(apply: (changed: ReadonlySet<string>) => Promise<void>): Promise<void> {
    const { changed, newestMs } = await this.changedAfter(this.readMarkMs, { othersOnly: true });
    await apply(changed);
    this.readMarkMs = Math.max(this.readMarkMs, newestMs);
  }

  /**
   * Records, before the catalogue entry of `id` is written, that it is about to change: if the process dies between
   * that write and its note() (up to FLUSH_DELAY_MS later), the log still names the id, so an index snapshot taken
   * before is caught up at the next start. Written once per event-loop turn for every id asked meanwhile; false
   * when the write failed (reported through onError).
   */
  intend(id: string): Promise<boolean> {
    if (!this.announces) return Promise.resolve(true);
    this.intents.add(id);
    this.intentWrite ??= new Promise<boolean>((resolve) => {
      setImmediate(() => {
        const ids = [...this.intents];
        this.intents = new Set();
        this.intentWrite = undefined;
        this.write(this.nextKey(), ids).then(
          () => resolve(true),
          (error: unknown) => {
            this.onError(error);
            resolve(false);
          },
        );
      });
    });
    return this.intentWrite;
  }

  /**
   * Ids changed at or after `fromMs` (minus LOOKBACK_MS), and the newest entry's time (this process's entries
   * included); moves no mark.
   */
  async changedAfter(
    fromMs: number,
    options: { othersOnly?: boolean } = {},
  ): Promise<{ changed: Set<string>; newestMs: number }> {
    const changed = new Set<string>();
    let newestMs = 0;
    const after = entryKey(fromMs - LOOKBACK_MS, '');
    const own = `:${this.tag}-`;
    for await (const page of namespacePages(this.keyv, { after })) {
      for (const [key, ids] of page) {
        newestMs = Math.max(newestMs, Number(key.slice(0, TIME_DIGITS)));
        if (options.othersOnly && key.includes(own)) continue;
        if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string') changed.add(id);
      }
    }
    return { changed, newestMs };
  }
}
