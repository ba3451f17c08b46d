import type { FeedDefinition } from './config.ts';
import type { FeedState, FeedStateStore, ItemFailure } from './state.ts';

export type FeedHealth = 'never-polled' | 'ok' | 'failing' | 'disabled';

/** One line of `npm run ingest -- --status`. */
export interface FeedStatusRow {
  readonly url: string;
  readonly title: string | null;
  readonly health: FeedHealth;
  /** false for a feed once ingested by hand or since removed from NEWS_FEEDS. */
  readonly configured: boolean;
  readonly lastPolledAt: string | null;
  readonly lastSuccessAt: string | null;
  /** When the next scheduled poll may ask it; null when disabled. */
  readonly nextPollAt: string | null;
  readonly consecutiveFailures: number;
  /** The last failure; for a disabled feed, the reason it was disabled. */
  readonly lastError: string | null;
  readonly itemCount: number;
  /** Items that could not be read at the last read, and the first few of them with their reasons. */
  readonly itemFailureCount: number;
  readonly itemFailures: readonly ItemFailure[];
}

function healthOf(state: FeedState): FeedHealth {
  if (state.disabledReason) return 'disabled';
  if (!state.lastPolledAt) return 'never-polled';
  return state.consecutiveFailures > 0 ? 'failing' : 'ok';
}

function nextPollAt(state: FeedState, pollMinutes: number, now: Date): string | null {
  if (state.disabledReason) return null;
  const scheduled = state.lastPolledAt
    ? Date.parse(state.lastPolledAt) + pollMinutes * 60_000
    : now.getTime();
  const candidates = [
    scheduled,
    now.getTime(),
    ...[state.retryAt, state.freshUntil].map((at) => (at ? Date.parse(at) : 0)),
  ];
  return new Date(Math.max(...candidates)).toISOString();
}

/** Every configured feed, then every other feed the store knows, with what it last did. */
export async function feedStatusRows(
  state: FeedStateStore,
  feeds: readonly FeedDefinition[],
  pollMinutes: number,
  now: Date,
): Promise<FeedStatusRow[]> {
  const configured = new Set(feeds.map((feed) => feed.url));
  const urls = [...configured, ...(await state.knownFeeds()).filter((url) => !configured.has(url))];
  return Promise.all(
    urls.map(async (url) => {
      const feed = await state.getFeed(url);
      return {
        url,
        title: feed.title,
        health: healthOf(feed),
        configured: configured.has(url),
        lastPolledAt: feed.lastPolledAt,
        lastSuccessAt: feed.lastSuccessAt,
        nextPollAt: nextPollAt(feed, pollMinutes, now),
        consecutiveFailures: feed.consecutiveFailures,
        lastError: feed.disabledReason ?? feed.lastError,
        itemCount: feed.itemCount,
        itemFailureCount: feed.itemFailureCount,
        itemFailures: feed.itemFailures,
      };
    }),
  );
}

function itemFailureLines(row: FeedStatusRow): string[] {
  if (row.itemFailureCount === 0) return [];
  const more = row.itemFailureCount - row.itemFailures.length;
  return [
    `  ${row.itemFailureCount} item(s) not read at the last poll (tried again at the next):`,
    ...row.itemFailures.map((failure) => `    ${failure.item}: ${failure.reason}`),
    ...(more > 0 ? [`    … and ${more} more`] : []),
  ];
}

/** The rows as text for a terminal: one block per feed. */
export function formatFeedStatus(rows: readonly FeedStatusRow[]): string {
  if (rows.length === 0) return 'No feeds: set NEWS_FEEDS (or ingest a feed URL) first.\n';
  return rows
    .map((row) => {
      const lines = [
        `${row.health.toUpperCase().padEnd(12)} ${row.url}${row.configured ? '' : ' (not in NEWS_FEEDS)'}`,
        `  ${row.title ?? '(untitled)'} · ${row.itemCount} items · last poll ${row.lastPolledAt ?? 'never'} · last success ${row.lastSuccessAt ?? 'never'}`,
        row.nextPollAt
          ? `  next poll ${row.nextPollAt}`
          : `  disabled: \`npm run ingest -- ${row.url}\` re-enables it`,
      ];
      if (row.lastError)
        lines.push(`  ${row.consecutiveFailures} failure(s) in a row, last: ${row.lastError}`);
      lines.push(...itemFailureLines(row));
      return lines.join('\n');
    })
    .join('\n')
    .concat('\n');
}
