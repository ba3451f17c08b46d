import type { ArticleStore, StoredArticle, UpsertOutcome } from '../../articles/article.ts';
import { articleIdFromKey, canonicalUrl } from '../../articles/url.ts';
import type { FeedStateStore } from '../feeds/state.ts';
import type { FetchedBody, PoliteFetcher } from '../http.ts';
import { buildArticle } from './article.ts';
import type { ExtractedPage } from './extract.ts';
import { PageExtractionError, type PageExtractor, pooledPageExtractor } from './extract-pool.ts';
import { fetchArticlePage } from './page.ts';

export interface PageIngestDeps {
  readonly store: ArticleStore;
  readonly state: FeedStateStore;
  readonly fetcher: PoliteFetcher;
  readonly now: () => Date;
  readonly signal?: AbortSignal | undefined;
  /** Where pages are extracted: by default the process's worker pool. */
  readonly extract?: PageExtractor;
}

export type PageIngestResult =
  | { readonly ok: true; readonly outcome: UpsertOutcome; readonly article: StoredArticle }
  | { readonly ok: false; readonly reason: string };

/**
 * Stores the article at a URL (`npm run ingest -- https://…/story`). Its id is the one a feed item linking to the
 * same canonical URL gets, so ingesting a page by hand and then seeing it in a feed stores it once.
 */
export async function ingestArticlePage(
  url: string,
  deps: PageIngestDeps,
  prefetched?: FetchedBody,
): Promise<PageIngestResult> {
  const extract = deps.extract ?? pooledPageExtractor();
  let page: ExtractedPage;
  try {
    page = prefetched
      ? await extract(prefetched.text, prefetched.url, deps.signal)
      : await fetchArticlePage(url, deps.fetcher, deps.signal, extract);
  } catch (error) {
    // A page over the caps is this page's failure, reported like any other; the rest is not the page's fault.
    if (error instanceof PageExtractionError) return { ok: false, reason: error.message };
    throw error;
  }
  const publishedAt = new Date(page.publishedAt ?? deps.now().toISOString());
  const source = { name: page.siteName ?? new URL(page.url).host, disclaimer: null, publishedAt };
  return storeFetchedPage(page, url, source, deps);
}

/** Who a stored page is attributed to, and the date it is filed under. */
export interface PageSource {
  readonly name: string;
  readonly disclaimer: string | null;
  readonly publishedAt: Date;
}

/**
 * Files a fetched page, by the operator or by a member's Summarize: its id is the one the link as requested gives
 * (a feed item's link gets the same), or the id already known for the requested link or the URL it led to, so a
 * story reached by a short link, its final URL or a feed is stored once.
 */
export async function storeFetchedPage(
  page: ExtractedPage,
  url: string,
  source: PageSource,
  deps: Pick<PageIngestDeps, 'store' | 'state'>,
): Promise<PageIngestResult> {
  const requested = canonicalUrl(url) ?? url;
  const keys = [...new Set([requested, page.url])];
  const id = (await deps.state.findId(keys)) ?? articleIdFromKey(requested);
  const built = buildArticle({
    id,
    title: page.title,
    paragraphs: page.paragraphs,
    url: page.url,
    publishedAt: source.publishedAt,
    source: source.name,
    language: page.language,
    disclaimer: source.disclaimer,
  });
  if (!built.ok) return { ok: false, reason: `${url}: ${built.reason}` };
  const { outcome, article } = await deps.store.upsert(built.article);
  await deps.state.rememberIds(keys.map((key) => [key, id] as const));
  return { ok: true, outcome, article };
}
