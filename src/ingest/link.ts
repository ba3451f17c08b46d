import type Keyv from 'keyv';
import type { ArticleStore, StoredArticle } from '../articles/article.ts';
import { canonicalUrl } from '../articles/url.ts';
import type { FeedDefinition } from './feeds/config.ts';
import { createFeedStateStore, type FeedStateStore } from './feeds/state.ts';
import { contentFetcher, type PoliteFetcher } from './http.ts';
import { AddressRefusedError, HttpError } from './http-errors.ts';
import type { ExtractedPage } from './web/extract.ts';
import { PageExtractionError, type PageExtractor, pooledPageExtractor } from './web/extract-pool.ts';
import { storeFetchedPage } from './web/ingest-page.ts';
import { fetchArticlePage } from './web/page.ts';
import { isOwnLink } from './web/site.ts';

/**
 * One link a member pointed at ("Summarize article" on a message): if it is on the site of a configured feed, the
 * page is fetched as that feed's content — through the guarded fetcher, so it and every redirect may reach the
 * feed's own origin but no other internal address (src/ingest/address-guard.ts) —, extracted in the page worker
 * and stored under the id the feed would give it, with the feed's name and disclaimer. Any other link is refused
 * without a request: the bot fetches only from sources its operator chose.
 */

/** Links fetched at once, process-wide; more are refused as busy (each can hold a host for the fetch timeout). */
export const MAX_LINK_FETCHES = 4;

export type LinkRefusal =
  /** Not on the site of any configured feed: never fetched. */
  | 'not-a-source'
  /** The guard refused an internal address (the URL or a redirect). */
  | 'refused'
  /** No answer, an error status, a timeout, or a body over the cap. */
  | 'unreachable'
  /** Fetched, but no article text could be read from it. */
  | 'not-an-article'
  /** It redirected off the source's site: not the source's article. */
  | 'off-site'
  | 'busy';

export type LinkIngestResult =
  | { readonly ok: true; readonly article: StoredArticle }
  | { readonly ok: false; readonly reason: LinkRefusal; readonly detail: string };

export interface LinkIngest {
  /** The configured feed whose site `url` is on (its own site or a host listed for it), or null. */
  sourceFor(url: string): FeedDefinition | null;
  /** The id the feeds filed this URL under, when one did (the alias table), else null. */
  knownId(url: string): Promise<string | null>;
  /** Fetches, stores and returns the article at `url`; refusals and failures come back, only the store throws. */
  ingest(url: string, signal?: AbortSignal): Promise<LinkIngestResult>;
}

export interface LinkIngestDeps {
  readonly store: ArticleStore;
  /** The 'feeds' namespace: the same alias table the feed poller files URLs in. */
  readonly feedState: Keyv;
  readonly feeds: readonly FeedDefinition[];
  /** The guarded fetcher: one request at a time per host, the address guard, timeouts and size caps. */
  readonly fetcher: PoliteFetcher;
  readonly now?: () => Date;
  readonly extract?: PageExtractor;
}

function failure(reason: LinkRefusal, detail: string): LinkIngestResult {
  return { ok: false, reason, detail };
}

/** Why a fetch or extraction failed, as a refusal; anything else (the store, a bug) propagates. */
function refusalOf(error: unknown): LinkIngestResult {
  if (error instanceof AddressRefusedError) return failure('refused', error.message);
  if (error instanceof HttpError) return failure('unreachable', error.message);
  if (error instanceof PageExtractionError) return failure('not-an-article', error.message);
  throw error;
}

interface FetchDeps {
  readonly fetcher: PoliteFetcher;
  readonly extract: PageExtractor;
}

/** The page, or why not. No caller's signal: the fetch is shared (see ingest), the fetcher's timeouts bound it. */
async function fetchPage(
  url: string,
  feed: FeedDefinition,
  deps: FetchDeps,
): Promise<ExtractedPage | LinkIngestResult> {
  try {
    // As the feed's content: the feed's own origin is trusted as far as the operator's fetch of it went.
    return await fetchArticlePage(url, contentFetcher(deps.fetcher, feed.url), undefined, deps.extract);
  } catch (error) {
    return refusalOf(error);
  }
}

/**
 * An undated page a member pointed at is not news of today: one member must not put it in every server's next
 * digest (a digest reaches at most a day back). Dated this far back, it is stored, summarised and findable, but
 * never listed as new; a feed item for the same story later brings its real date.
 */
const UNDATED_AGE_MS = 7 * 24 * 3_600_000;

function publishedAtOf(page: ExtractedPage, now: () => Date): Date {
  return page.publishedAt ? new Date(page.publishedAt) : new Date(now().getTime() - UNDATED_AGE_MS);
}

async function storePage(
  page: ExtractedPage,
  url: string,
  feed: FeedDefinition,
  deps: LinkIngestDeps & { readonly state: FeedStateStore },
): Promise<LinkIngestResult> {
  const source = {
    name: feed.name ?? page.siteName ?? new URL(page.url).host,
    disclaimer: feed.disclaimer,
    publishedAt: publishedAtOf(page, deps.now ?? (() => new Date())),
  };
  const stored = await storeFetchedPage(page, url, source, deps);
  return stored.ok ? { ok: true, article: stored.article } : failure('not-an-article', stored.reason);
}

/** The shared job's result, or the caller's abort, whichever comes first. */
function untilAborted<T>(job: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return job;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    job.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export function createLinkIngest(deps: LinkIngestDeps): LinkIngest {
  const state = createFeedStateStore(deps.feedState);
  const fetchDeps: FetchDeps = { fetcher: deps.fetcher, extract: deps.extract ?? pooledPageExtractor() };
  // Two members summarising the same new link at once share one fetch.
  const inFlight = new Map<string, Promise<LinkIngestResult>>();
  const sourceFor = (url: string) => deps.feeds.find((feed) => isOwnLink(url, feed.url, feed.hosts)) ?? null;

  async function ingestNow(url: string, feed: FeedDefinition) {
    const page = await fetchPage(url, feed, fetchDeps);
    if ('ok' in page) return page;
    if (!isOwnLink(page.url, feed.url, feed.hosts))
      return failure('off-site', `${url} led to ${page.url}, which is not on ${feed.url}'s site`);
    return storePage(page, url, feed, { ...deps, state });
  }

  return {
    sourceFor,
    knownId: async (url) => {
      const canonical = canonicalUrl(url);
      return canonical === null ? null : state.findId([canonical]);
    },
    async ingest(raw, signal) {
      const url = canonicalUrl(raw);
      const feed = url === null ? null : sourceFor(url);
      if (url === null || feed === null)
        return failure('not-a-source', `${raw} is not on a configured feed's site`);
      const running = inFlight.get(url);
      if (running) return untilAborted(running, signal);
      if (inFlight.size >= MAX_LINK_FETCHES)
        return failure('busy', `${MAX_LINK_FETCHES} links are being fetched`);
      // Shared by every member asking for this link, so no one member's abort ends it: the fetcher's own
      // timeouts bound it, and each member stops waiting when their own request is aborted.
      const job = ingestNow(url, feed).finally(() => inFlight.delete(url));
      inFlight.set(url, job);
      return untilAborted(job, signal);
    },
  };
}

/** Links where nothing is fetched (no feeds configured, or a transport without fetching): stored articles only. */
export const NO_LINKS: LinkIngest = {
  sourceFor: () => null,
  knownId: async () => null,
  ingest: async (url) => failure('not-a-source', `${url}: no feeds are configured`),
};
