import Keyv from 'keyv';
import type { Article, ArticleStore, UpsertOutcome } from '../articles/article.ts';
import { isHttpUrl } from '../articles/url.ts';
import { errorMessage, UserFacingError } from '../core/errors.ts';
import type { Foreground } from '../core/foreground.ts';
import { type Logger, silentLogger } from '../core/log.ts';
import type { FeedDefinition } from './feeds/config.ts';
import { FEED_ACCEPT, type FeedPollDeps, type FeedPollResult, pollFeed, pollFeeds } from './feeds/poller.ts';
import { previewStore } from './feeds/preview-store.ts';
import { createFeedStateStore } from './feeds/state.ts';
import { type FeedStatusRow, feedStatusRows, formatFeedStatus } from './feeds/status.ts';
import type { IngestFailure, IngestOutcome } from './files.ts';
import { createPoliteFetcher, type FetchedBody, type FetchSettings, type PoliteFetcher } from './http.ts';
import { watchArticlesDir } from './watch.ts';
import { ingestArticlePage } from './web/ingest-page.ts';

/**
 * The one entry to URL sources for the CLI and the bot: `ingestSource` takes a feed or article URL, and
 * `startIngestion` keeps the store current from NEWS_FEEDS and ARTICLES_DIR until stopped.
 */

export { loadFeedDefinitions } from './feeds/config.ts';

/** FEED_POLL_MINUTES' default in src/core/config.ts. */
const DEFAULT_POLL_MINUTES = 10;

export type { FeedDefinition, FeedPollResult, FeedStatusRow };
export { formatFeedStatus };

/**
 * Where ingestion writes: the article store and the feeds' state (the namespace 'feeds' of the same store,
 * openKeyv(storeUrl, { namespace: 'feeds' })), or, in a dry run (`ingest --dry-run`), nowhere: articles are parsed
 * and reported (compared with the store, when one is given), and feed state is read from a throwaway copy.
 */
export type IngestionTarget =
  | { readonly dryRun?: false; readonly store: ArticleStore; readonly feedState: Keyv }
  | {
      readonly dryRun: true;
      readonly store?: ArticleStore | undefined;
      readonly feedState?: Keyv | undefined;
    };

export type IngestionDeps = IngestionTarget & IngestionSettings;

export interface IngestionSettings {
  readonly logger?: Logger | undefined;
  /** FETCH_ALLOW_HOSTS and FETCH_CONTACT (config.fetch), for the fetcher made when none is given. */
  readonly fetching?: FetchSettings;
  /** Share one across calls to keep "one request at a time per host" process-wide. */
  readonly fetcher?: PoliteFetcher;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
  /** NEWS_FEEDS (see loadFeedDefinitions). */
  readonly feeds?: readonly FeedDefinition[];
  /** FEED_POLL_MINUTES. */
  readonly pollMinutes?: number;
  /** ARTICLES_DIR, watched by startIngestion. */
  readonly articlesDir?: string;
  /** Imports files from ARTICLES_DIR (e.g. paths => ingestPaths(paths, { store, dryRun: false, logger })). */
  readonly ingestFiles?: (paths: string[], scope: { readonly root: string }) => Promise<unknown>;
  readonly watchIntervalMs?: number;
  /** The bot's interactions, which background ingest gives way to (src/core/foreground.ts); none in the CLI. */
  readonly foreground?: Foreground;
  readonly onArticle?: (article: Article, outcome: UpsertOutcome) => void;
}

export interface SourceResult {
  readonly url: string;
  readonly kind: 'feed' | 'article';
  readonly new: number;
  readonly updated: number;
  readonly unchanged: number;
  /** The source itself when it could not be read, else each item that could not be. */
  readonly failed: IngestFailure[];
  /** A feed that answered 304: nothing new since the last poll. */
  readonly notModified: boolean;
}

function pollDeps(
  deps: IngestionDeps,
  extra: { fetcher?: PoliteFetcher; signal?: AbortSignal } = {},
): FeedPollDeps {
  const now = deps.now ?? (() => new Date());
  const store = deps.dryRun ? previewStore(deps.store, now) : deps.store;
  // A dry run reads feed state from a throwaway copy: it polls unconditionally and remembers nothing.
  const keyv = deps.dryRun ? new Keyv() : deps.feedState;
  return {
    store,
    state: createFeedStateStore(keyv),
    fetcher:
      extra.fetcher ??
      deps.fetcher ??
      createPoliteFetcher({
        ...(deps.fetching ?? {}),
        ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
      }),
    now,
    logger: deps.logger ?? silentLogger,
    signal: extra.signal,
    foreground: deps.foreground,
    ...(deps.onArticle ? { onArticle: deps.onArticle } : {}),
  };
}

const plainFeed = (url: string): FeedDefinition => ({ url, name: null, disclaimer: null });

function fromFeedPoll(poll: FeedPollResult): SourceResult {
  const failed = poll.error
    ? [{ path: poll.url, reason: poll.error }]
    : poll.itemFailures.map((failure) => ({ path: failure.item, reason: failure.reason }));
  return {
    url: poll.url,
    kind: 'feed',
    ...poll.counts,
    failed,
    notModified: poll.outcome === 'not-modified',
  };
}

function isHtml(body: FetchedBody): boolean {
  if (body.contentType) return /html/i.test(body.contentType);
  return /^\s*(<!doctype html|<html)/i.test(body.text);
}

async function ingestUnknownUrl(url: string, deps: FeedPollDeps): Promise<SourceResult> {
  const base = { url, new: 0, updated: 0, unchanged: 0, notModified: false };
  let body: FetchedBody;
  try {
    const outcome = await deps.fetcher.get(url, { accept: `${FEED_ACCEPT}, text/html;q=0.8` });
    if (outcome.kind !== 'body')
      throw new Error(`[GET] ${JSON.stringify(url)}: 304 without a conditional request`);
    body = outcome;
  } catch (error) {
    return { ...base, kind: 'article', failed: [{ path: url, reason: errorMessage(error) }] };
  }
  if (!isHtml(body))
    return fromFeedPoll(await pollFeed(plainFeed(url), deps, { force: true, prefetched: body }));
  const page = await ingestArticlePage(url, deps, body);
  if (!page.ok) return { ...base, kind: 'article', failed: [{ path: url, reason: page.reason }] };
  deps.onArticle?.(page.article, page.outcome);
  return { ...base, kind: 'article', [page.outcome]: 1, failed: [] };
}

/**
 * Ingests one URL, as `npm run ingest -- <URL>` does: a configured or known feed is polled now (conditionally,
 * whatever its backoff; success re-enables a disabled feed); any other URL is fetched once and read as a feed
 * or, when it is an HTML page, as an article. Failures come back in `failed`; only a failing store throws.
 */
export async function ingestSource(arg: string, deps: IngestionDeps): Promise<SourceResult> {
  const url = arg.trim();
  if (!isHttpUrl(url)) throw new UserFacingError(`${JSON.stringify(arg)} is not an http(s) URL`, 'not-a-url');
  const poll = pollDeps(deps);
  const known =
    deps.feeds?.find((feed) => feed.url === url) ??
    ((await poll.state.knownFeeds()).includes(url) ? plainFeed(url) : null);
  if (known) return fromFeedPoll(await pollFeed(known, poll, { force: true }));
  return ingestUnknownUrl(url, poll);
}

/** `ingestSource` over several URLs, totalled in the CLI's IngestOutcome shape (a SourceHandler for `url`). */
export async function ingestUrls(
  urls: readonly string[],
  deps: IngestionDeps,
  onFailure?: (failure: IngestFailure) => void,
): Promise<IngestOutcome> {
  const total: IngestOutcome = { new: 0, updated: 0, unchanged: 0, parsed: 0, failed: [] };
  for (const url of urls) {
    const result = await ingestSource(url, deps);
    total.new += result.new;
    total.updated += result.updated;
    total.unchanged += result.unchanged;
    total.parsed += result.new + result.updated + result.unchanged;
    for (const failure of result.failed) {
      total.failed.push(failure);
      onFailure?.(failure);
    }
  }
  return total;
}

export interface Ingestion {
  /** Polls every due feed now (the schedule carries on). */
  pollNow(): Promise<FeedPollResult[]>;
  /** Scans ARTICLES_DIR now, when it is watched. */
  scanNow(): Promise<void>;
  /** Stops polling and watching, aborts requests in flight, and waits for work in progress to end. */
  stop(): Promise<void>;
}

/**
 * Keeps the store current while the bot (or `ingest --watch`) runs: polls NEWS_FEEDS every FEED_POLL_MINUTES,
 * starting now, and watches ARTICLES_DIR. Each feed keeps its own backoff and Cache-Control freshness.
 */
export function startIngestion(deps: IngestionDeps): Ingestion {
  const logger = deps.logger ?? silentLogger;
  const abort = new AbortController();
  const poll = pollDeps(deps, { signal: abort.signal });
  const feeds = deps.feeds ?? [];
  const intervalMs = (deps.pollMinutes ?? DEFAULT_POLL_MINUTES) * 60_000;
  let polling: Promise<FeedPollResult[]> = Promise.resolve([]);
  let timer: NodeJS.Timeout | undefined;

  const pollNow = () => {
    // Only an abort (stop) rejects: each feed's own failure is in its result.
    polling = polling.then(() => pollFeeds(feeds, poll)).catch(() => []);
    return polling;
  };
  const schedule = () => {
    timer = setTimeout(() => void pollNow().finally(() => abort.signal.aborted || schedule()), intervalMs);
  };
  if (feeds.length > 0) void pollNow().finally(schedule);
  const ingestFiles =
    deps.ingestFiles ?? (deps.store ? defaultFileIngest(deps.store, logger, deps.foreground) : undefined);
  const watcher =
    deps.articlesDir && ingestFiles
      ? watchArticlesDir({
          dir: deps.articlesDir,
          ingest: ingestFiles,
          logger,
          ...(deps.watchIntervalMs ? { intervalMs: deps.watchIntervalMs } : {}),
        })
      : undefined;
  logger.info(
    { feeds: feeds.length, pollMinutes: intervalMs / 60_000, articlesDir: deps.articlesDir ?? null },
    'ingestion started',
  );
  if (feeds.length > 0 && !deps.fetcher && !deps.fetching?.contact) {
    logger.warn('FETCH_CONTACT is not set: feed publishers see "newsdesk" but no way to reach you');
  }
  return {
    pollNow,
    scanNow: () => watcher?.scan() ?? Promise.resolve(),
    async stop() {
      abort.abort();
      clearTimeout(timer);
      await Promise.all([polling, watcher?.stop()]);
    },
  };
}

function defaultFileIngest(store: ArticleStore, logger: Logger, foreground: Foreground | undefined) {
  return async (paths: string[], scope: { readonly root: string }) => {
    const { ingestPaths } = await import('./files.ts');
    const outcome = await ingestPaths(paths, { store, dryRun: false, logger, root: scope.root, foreground });
    for (const failure of outcome.failed) logger.warn(failure, 'articles folder: file not imported');
    return outcome;
  };
}

/** Rows for `npm run ingest -- --status` (format them with formatFeedStatus). */
export async function feedStatus(
  deps: Pick<IngestionSettings, 'feeds' | 'pollMinutes' | 'now'> & { readonly feedState: Keyv },
): Promise<FeedStatusRow[]> {
  const now = deps.now?.() ?? new Date();
  return feedStatusRows(
    createFeedStateStore(deps.feedState),
    deps.feeds ?? [],
    deps.pollMinutes ?? DEFAULT_POLL_MINUTES,
    now,
  );
}
