import type { Article, ArticleStore, UpsertOutcome } from '../../articles/article.ts';
import { articleIdFromKey } from '../../articles/url.ts';
import { errorMessage } from '../../core/errors.ts';
import type { Foreground } from '../../core/foreground.ts';
import { InFlight } from '../../core/in-flight.ts';
import type { Logger } from '../../core/log.ts';
import { contentFetcher, type PoliteFetcher } from '../http.ts';
import type { FeedDefinition } from './config.ts';
import {
  articleFromItem,
  type ItemArticle,
  type ItemContext,
  type ItemKeys,
  itemFingerprint,
  itemKeys,
} from './items.ts';
import type { FeedItem, ParsedFeed } from './parse.ts';
import type { FeedStateStore, ItemFailure, SeenItems } from './state.ts';

export type { ItemFailure };

/** The ids of this many items are remembered in one write, not one round trip per item. */
const ALIAS_BATCH_ITEMS = 250;
/**
 * Items stored at once: their upserts share SQLite transactions and catalogue-worker jobs (one at a time, a
 * 10,000-item first poll was 10,000 commits and 10,000 worker round trips on the event loop).
 */
const UPSERTS_IN_FLIGHT = 32;

export interface ItemCounts {
  new: number;
  updated: number;
  unchanged: number;
  failed: number;
}

export interface ItemsResult {
  readonly counts: ItemCounts;
  readonly itemFailures: ItemFailure[];
}

export interface StoreItemsDeps {
  readonly store: ArticleStore;
  readonly state: FeedStateStore;
  readonly fetcher: PoliteFetcher;
  readonly now: () => Date;
  readonly logger: Logger;
  readonly signal?: AbortSignal | undefined;
  /** The bot's interactions waiting for a first response: each item waits for them (src/core/foreground.ts). */
  readonly foreground?: Foreground | undefined;
  /** Told about every article read from the feed and what the store did with it (the CLI's --json). */
  readonly onArticle?: (article: Article, outcome: UpsertOutcome) => void;
}

interface Pending {
  readonly item: FeedItem;
  readonly keys: ItemKeys;
  readonly fingerprint: string;
}

/** Splits the feed's items into those read before, unchanged (carried over), and those to read now. */
function sortItems(
  feed: ParsedFeed,
  definition: FeedDefinition,
  previous: SeenItems,
  next: Record<string, SeenItems[string]>,
) {
  const pending: Pending[] = [];
  const taken = new Set<string>();
  let unchanged = 0;
  for (const item of feed.items) {
    const keys = itemKeys(item, definition);
    if (!keys || taken.has(keys.primary)) continue; // the same story twice in one feed is read once
    taken.add(keys.primary);
    const fingerprint = itemFingerprint(item);
    const seen = seenBefore(previous, keys);
    if (seen?.fingerprint === fingerprint) {
      next[keys.primary] = seen;
      unchanged++;
    } else {
      pending.push({ item, keys, fingerprint });
    }
  }
  return { pending, unchanged };
}

/** This feed's own record of the item, under its key now or the one older versions used (ids never change). */
function seenBefore(previous: SeenItems, keys: ItemKeys): SeenItems[string] | undefined {
  return previous[keys.primary] ?? previous[keys.legacy];
}

async function readItem(
  item: FeedItem,
  keys: ItemKeys,
  id: string,
  context: ItemContext,
): Promise<ItemArticle | ItemFailure> {
  try {
    return await articleFromItem(item, id, keys.own, context);
  } catch (error) {
    context.signal?.throwIfAborted();
    return { item: id, reason: errorMessage(error) };
  }
}

/** What one poll's items share while they are read and stored. */
interface Poll {
  readonly deps: StoreItemsDeps;
  readonly previous: SeenItems;
  readonly next: Record<string, SeenItems[string]>;
  readonly counts: ItemCounts;
  readonly failures: ItemFailure[];
  readonly context: ItemContext;
}

/**
 * Reads one item and starts its upsert, handed back to be awaited with others; undefined when the item failed (a
 * failed item is counted, and retried next poll). A failing store is not the item's fault: its error propagates
 * and stops the poll instead of skipping items.
 */
async function readAndStore(
  { item, keys, fingerprint }: Pending,
  { deps, previous, next, counts, failures, context }: Poll,
  aliases: Array<[string, string]>,
): Promise<{ readonly upsert: Promise<void> } | undefined> {
  await deps.foreground?.yield();
  deps.signal?.throwIfAborted();
  const id =
    seenBefore(previous, keys)?.id ?? (await deps.state.findId(keys.all)) ?? articleIdFromKey(keys.primary);
  const read = await readItem(item, keys, id, context);
  if ('reason' in read) {
    counts.failed++;
    failures.push({ item: keys.legacy, reason: read.reason });
    const seen = seenBefore(previous, keys);
    if (seen) next[keys.primary] = seen; // its old fingerprint no longer matches: retried next poll
    return undefined;
  }
  // Wrapped: an async function returning the upsert itself would wait for it.
  const upsert = deps.store.upsert(read.article).then(({ outcome }) => {
    counts[outcome]++;
    deps.onArticle?.(read.article, outcome);
    for (const key of [...keys.all, ...read.learntKeys]) aliases.push([key, id]);
    next[keys.primary] = { id, fingerprint };
  });
  return { upsert };
}

/**
 * Stores the feed's new and changed items. An item unchanged since the last poll (same fingerprint) is not read
 * again; one seen before keeps its article id, so the store dedupes it (same text → 'unchanged', new text →
 * 'updated'): by its URL across the feeds and pages of the URL's own site, by its GUID within this feed, and an
 * item linking to another site only within this feed (itemKeys). A failed item is retried next poll.
 */
export async function storeFeedItems(
  feed: ParsedFeed,
  definition: FeedDefinition,
  deps: StoreItemsDeps,
): Promise<ItemsResult> {
  const previous = await deps.state.getSeen(definition.url);
  const next: Record<string, SeenItems[string]> = {};
  const { pending, unchanged } = sortItems(feed, definition, previous, next);
  const counts: ItemCounts = { new: 0, updated: 0, unchanged, failed: 0 };
  const failures: ItemFailure[] = [];
  const context: ItemContext = {
    feed: definition,
    feedTitle: feed.title,
    // Item links are the feed publisher's choice, not the operator's: only the feed's own origin is trusted.
    fetcher: contentFetcher(deps.fetcher, definition.url),
    now: deps.now(),
    signal: deps.signal,
  };
  const poll: Poll = { deps, previous, next, counts, failures, context };
  const upserts = new InFlight(UPSERTS_IN_FLIGHT);
  try {
    for (let start = 0; start < pending.length; start += ALIAS_BATCH_ITEMS) {
      const aliases: Array<[string, string]> = [];
      for (const one of pending.slice(start, start + ALIAS_BATCH_ITEMS)) {
        const started = await readAndStore(one, poll, aliases);
        if (started) await upserts.add(started.upsert);
      }
      // Only the ids of stored items are remembered, so their upserts end first.
      await upserts.drain();
      await deps.state.rememberIds(aliases);
    }
  } finally {
    // A poll that stops early (aborted, or a failing store) leaves no upsert running behind it.
    await upserts.drain().catch(() => undefined);
  }
  await deps.state.putSeen(definition.url, next);
  return { counts, itemFailures: failures };
}
