import type { Keyv } from 'keyv';
import { NO_VALIDATORS, type Validators } from '../conditional.ts';

/**
 * What newsdesk remembers about each feed, in the keyv namespace 'feeds' of the shared store, so a restart (or a
 * separate `ingest --watch` process) polls conditionally, keeps backing off, and knows which items it has seen.
 */

export const FEED_BACKOFF_BASE_MS = 5 * 60_000;
export const FEED_BACKOFF_CAP_MS = 6 * 60 * 60_000;
/** After this many failures in a row a feed is disabled until an operator ingests it by hand. */
export const FEED_DISABLE_AFTER_FAILURES = 8;

/** The failures of this many items are kept with the feed for `--status`; the rest are only counted. */
export const ITEM_FAILURES_KEPT = 5;

export type FeedOutcome = 'stored' | 'not-modified' | 'failed';

/** An item the feed listed but newsdesk could not read (its page failed, was refused, …). */
export interface ItemFailure {
  /** The item's canonical URL or GUID. */
  readonly item: string;
  readonly reason: string;
}

export interface FeedState {
  readonly url: string;
  readonly title: string | null;
  readonly validators: Validators;
  /** The server's Cache-Control max-age runs until then: no request before it. */
  readonly freshUntil: string | null;
  readonly lastPolledAt: string | null;
  readonly lastSuccessAt: string | null;
  readonly lastOutcome: FeedOutcome | null;
  readonly consecutiveFailures: number;
  /** Backoff after a failure: no request before it. */
  readonly retryAt: string | null;
  readonly lastError: string | null;
  /** Set when the feed was disabled after repeated failures; the last error is the reason. */
  readonly disabledReason: string | null;
  /** Items in the feed at its last successful read. */
  readonly itemCount: number;
  /** Items that failed at the last read of the feed's items: how many, and the first ITEM_FAILURES_KEPT. */
  readonly itemFailureCount: number;
  readonly itemFailures: readonly ItemFailure[];
}

/** What was read from each item at the last poll: the article it became and a fingerprint of the item. */
export type SeenItems = Record<string, { readonly id: string; readonly fingerprint: string }>;

export function initialFeedState(url: string): FeedState {
  return {
    url,
    title: null,
    validators: NO_VALIDATORS,
    freshUntil: null,
    lastPolledAt: null,
    lastSuccessAt: null,
    lastOutcome: null,
    consecutiveFailures: 0,
    retryAt: null,
    lastError: null,
    disabledReason: null,
    itemCount: 0,
    itemFailureCount: 0,
    itemFailures: [],
  };
}

/** 5 min × 2ⁿ: 5 min after the first failure, 10 after the second, … never more than the cap. */
export function backoffDelayMs(consecutiveFailures: number): number {
  const exponent = Math.max(0, consecutiveFailures - 1);
  return Math.min(FEED_BACKOFF_BASE_MS * 2 ** exponent, FEED_BACKOFF_CAP_MS);
}

export interface SuccessReport {
  readonly outcome: 'stored' | 'not-modified';
  readonly validators: Validators;
  readonly maxAgeSeconds: number | null;
  readonly title?: string | null;
  readonly itemCount?: number;
  /** The items that failed this read; absent on 304, where the last read's failures still stand. */
  readonly itemFailures?: readonly ItemFailure[];
}

export function afterSuccess(state: FeedState, report: SuccessReport, now: Date): FeedState {
  const freshMs = (report.maxAgeSeconds ?? 0) * 1_000;
  return {
    ...state,
    title: report.title ?? state.title,
    validators: report.validators,
    freshUntil: freshMs > 0 ? new Date(now.getTime() + freshMs).toISOString() : null,
    lastPolledAt: now.toISOString(),
    lastSuccessAt: now.toISOString(),
    lastOutcome: report.outcome,
    consecutiveFailures: 0,
    retryAt: null,
    lastError: null,
    disabledReason: null,
    itemCount: report.itemCount ?? state.itemCount,
    itemFailureCount: report.itemFailures?.length ?? state.itemFailureCount,
    itemFailures: report.itemFailures?.slice(0, ITEM_FAILURES_KEPT) ?? state.itemFailures,
  };
}

export function afterFailure(state: FeedState, reason: string, now: Date): FeedState {
  const failures = state.consecutiveFailures + 1;
  return {
    ...state,
    lastPolledAt: now.toISOString(),
    lastOutcome: 'failed',
    consecutiveFailures: failures,
    retryAt: new Date(now.getTime() + backoffDelayMs(failures)).toISOString(),
    lastError: reason,
    disabledReason: failures >= FEED_DISABLE_AFTER_FAILURES ? reason : null,
  };
}

export type WhyNotDue = 'disabled' | 'backing-off' | 'fresh';

/** Why a scheduled poll should skip this feed now, or null when it is due. */
export function whyNotDue(state: FeedState, now: Date): WhyNotDue | null {
  if (state.disabledReason) return 'disabled';
  if (state.retryAt && now < new Date(state.retryAt)) return 'backing-off';
  if (state.freshUntil && now < new Date(state.freshUntil)) return 'fresh';
  return null;
}

export interface FeedStateStore {
  getFeed(url: string): Promise<FeedState>;
  putFeed(state: FeedState): Promise<void>;
  /** Every feed URL ever polled, for `--status` (keyv has no portable key listing). */
  knownFeeds(): Promise<string[]>;
  getSeen(url: string): Promise<SeenItems>;
  putSeen(url: string, seen: SeenItems): Promise<void>;
  /** The article id already given to any of these keys (GUID or canonical URL), first match wins. */
  findId(keys: readonly string[]): Promise<string | null>;
  rememberIds(entries: ReadonlyArray<readonly [key: string, id: string]>): Promise<void>;
}

/** Feed state on a keyv opened with namespace 'feeds' (openKeyv(url, { namespace: 'feeds' })). */
export function createFeedStateStore(keyv: Keyv): FeedStateStore {
  return {
    async getFeed(url) {
      return { ...initialFeedState(url), ...((await keyv.get<FeedState>(`feed:${url}`)) ?? {}) };
    },
    async putFeed(state) {
      const known = (await keyv.get<string[]>('index')) ?? [];
      if (!known.includes(state.url)) await keyv.set('index', [...known, state.url]);
      await keyv.set(`feed:${state.url}`, state);
    },
    async knownFeeds() {
      return (await keyv.get<string[]>('index')) ?? [];
    },
    async getSeen(url) {
      return (await keyv.get<SeenItems>(`seen:${url}`)) ?? {};
    },
    async putSeen(url, seen) {
      await keyv.set(`seen:${url}`, seen);
    },
    async findId(keys) {
      if (keys.length === 0) return null;
      const ids = await keyv.getMany<string>(keys.map((key) => `alias:${key}`));
      return ids.find((id): id is string => typeof id === 'string') ?? null;
    },
    async rememberIds(entries) {
      if (entries.length === 0) return;
      await keyv.setMany(entries.map(([key, id]) => ({ key: `alias:${key}`, value: id })));
    },
  };
}
