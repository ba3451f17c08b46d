import { errorMessage } from '../../core/errors.ts';
import type { Logger } from '../../core/log.ts';
import type { FetchedBody } from '../http.ts';
import type { FeedDefinition } from './config.ts';
import { type ParsedFeed, parseFeedOffThread } from './parse.ts';
import {
  afterFailure,
  afterSuccess,
  FEED_DISABLE_AFTER_FAILURES,
  type FeedState,
  initialFeedState,
  type WhyNotDue,
  whyNotDue,
} from './state.ts';
import { type ItemCounts, type ItemFailure, type StoreItemsDeps, storeFeedItems } from './store-items.ts';

export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, ' +
  'application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

export interface FeedPollDeps extends StoreItemsDeps {
  readonly logger: Logger;
}

export interface FeedPollResult {
  readonly url: string;
  readonly title: string | null;
  /** stored: read and stored what changed; not-modified: 304; skipped: not due; failed: see error. */
  readonly outcome: 'stored' | 'not-modified' | 'skipped' | 'failed';
  readonly skipped: WhyNotDue | null;
  readonly counts: ItemCounts;
  /** Items that could not be read (their page failed, say); the feed itself was fine. */
  readonly itemFailures: readonly ItemFailure[];
  readonly error: string | null;
  /** true when this poll's failure disabled the feed. */
  readonly disabled: boolean;
}

export interface PollOptions {
  /** Poll even if backing off, disabled or fresh (an operator's `ingest <feed URL>`). */
  readonly force?: boolean;
  /** A response already fetched (ingestSource fetched it to find out it was a feed). */
  readonly prefetched?: FetchedBody;
}

const NO_COUNTS: ItemCounts = { new: 0, updated: 0, unchanged: 0, failed: 0 };

function result(
  state: FeedState,
  fields: Partial<FeedPollResult> & Pick<FeedPollResult, 'outcome'>,
): FeedPollResult {
  return {
    url: state.url,
    title: state.title,
    skipped: null,
    counts: { ...NO_COUNTS },
    itemFailures: [],
    error: null,
    disabled: false,
    ...fields,
  };
}

async function recordFailure(state: FeedState, error: unknown, deps: FeedPollDeps): Promise<FeedPollResult> {
  const reason = errorMessage(error);
  const failed = afterFailure(state, reason, deps.now());
  await deps.state.putFeed(failed);
  const disabled = failed.disabledReason !== null;
  if (disabled) {
    deps.logger.error(
      { feed: state.url, failures: failed.consecutiveFailures, reason },
      `feed disabled after ${FEED_DISABLE_AFTER_FAILURES} failures in a row; \`npm run ingest -- ${state.url}\` re-enables it`,
    );
  } else {
    deps.logger.warn(
      { feed: state.url, failures: failed.consecutiveFailures, retryAt: failed.retryAt, reason },
      'feed poll failed',
    );
  }
  return result(failed, { outcome: 'failed', error: reason, disabled });
}

/**
 * Polls one feed: a conditional GET with the stored validators; 304 stores nothing; a body is parsed and its new
 * or changed items stored. A failure (HTTP, timeout, unreadable feed) stores nothing, keeps the old validators and
 * backs off. A failing store propagates: it is not the feed's fault and must not count against it.
 */
export async function pollFeed(
  feed: FeedDefinition,
  deps: FeedPollDeps,
  options: PollOptions = {},
): Promise<FeedPollResult> {
  const state = await deps.state.getFeed(feed.url);
  const notDue = options.force ? null : whyNotDue(state, deps.now());
  if (notDue) return result(state, { outcome: 'skipped', skipped: notDue });
  let parsed: ParsedFeed;
  let response: FetchedBody;
  try {
    const outcome =
      options.prefetched ??
      (await deps.fetcher.get(feed.url, {
        validators: state.validators,
        accept: FEED_ACCEPT,
        signal: deps.signal,
      }));
    if (outcome.kind === 'not-modified') {
      await deps.state.putFeed(afterSuccess(state, { outcome: 'not-modified', ...outcome }, deps.now()));
      // Nothing changed: every item read at the last poll is still there, unchanged.
      return result(state, { outcome: 'not-modified', counts: { ...NO_COUNTS, unchanged: state.itemCount } });
    }
    response = outcome;
    parsed = await parseFeedOffThread(outcome.text, outcome.url, { signal: deps.signal });
  } catch (error) {
    deps.signal?.throwIfAborted();
    return recordFailure(state, error, deps);
  }
  const stored = await storeFeedItems(parsed, feed, deps);
  const report = {
    outcome: 'stored' as const,
    ...response,
    title: parsed.title,
    itemCount: parsed.items.length,
    itemFailures: stored.itemFailures,
  };
  await deps.state.putFeed(afterSuccess(state, report, deps.now()));
  deps.logger.info({ feed: feed.url, ...stored.counts }, 'feed polled');
  for (const failure of stored.itemFailures)
    deps.logger.warn({ feed: feed.url, ...failure }, 'feed item skipped');
  return result(state, {
    outcome: 'stored',
    title: parsed.title,
    counts: stored.counts,
    itemFailures: stored.itemFailures,
  });
}

/**
 * Polls every feed that is due, all at once (the fetcher still sends one request at a time per host). A feed
 * whose poll threw (the store failed under it) is reported failed without counting against the feed.
 */
export async function pollFeeds(
  feeds: readonly FeedDefinition[],
  deps: FeedPollDeps,
): Promise<FeedPollResult[]> {
  const settled = await Promise.allSettled(feeds.map((feed) => pollFeed(feed, deps)));
  deps.signal?.throwIfAborted();
  return settled.map((outcome, index) => {
    if (outcome.status === 'fulfilled') return outcome.value;
    const error = errorMessage(outcome.reason);
    const url = feeds[index]?.url ?? '';
    deps.logger.error({ feed: url, err: error }, 'feed poll stopped by an error; trying again next time');
    return result(initialFeedState(url), { outcome: 'failed', error });
  });
}
