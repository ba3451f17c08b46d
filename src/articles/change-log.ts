import { randomBytes } from 'node:crypto';
import type Keyv from 'keyv';
import { namespacePages } from '../store/entries.ts';

/** Change-log entries expire after this: a process that missed them has restarted and rebuilt its index since. */
const CHANGE_LOG_TTL_MS = 2 * 86_400_000;
/** Ids changed within this window go out as one entry: one write per batch, not one per article. */
const FLUSH_DELAY_MS = 50;
/** A reader rereads this far behind its last mark: another process's batch may land slightly out of order. */
const LOOKBACK_MS = 10_000;
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
  private readMarkMs = Date.now();

  constructor(
    private readonly keyv: Keyv,
    private readonly onError: (error: unknown) => void,
  ) {}

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
    const key = entryKey(Date.now(), `${this.tag}-${this.sequence++}`);
    this.flushing = this.flushing
      .then(() => this.keyv.set(key, ids, CHANGE_LOG_TTL_MS))
      .then(() => undefined, this.onError);
    return this.flushing;
  }

  /** Ids other processes (or this one) changed since the last call. */
  async changedSince(): Promise<Set<string>> {
    const changed = new Set<string>();
    let newest = this.readMarkMs;
    const after = entryKey(this.readMarkMs - LOOKBACK_MS, '');
    for await (const page of namespacePages(this.keyv, { after })) {
      for (const [key, ids] of page) {
        newest = Math.max(newest, Number(key.slice(0, TIME_DIGITS)));
        if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string') changed.add(id);
      }
    }
    this.readMarkMs = newest;
    return changed;
  }
}
