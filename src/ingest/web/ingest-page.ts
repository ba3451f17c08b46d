import type { Article, ArticleStore, UpsertOutcome } from '../../articles/article.ts';
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
  | { readonly ok: true; readonly outcome: UpsertOutcome; readonly article: Article }
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
  const keys = [...new Set([canonicalUrl(url) ?? url, page.url])];
  const id = (await deps.state.findId(keys)) ?? articleIdFromKey(page.url);
  const built = buildArticle({
    id,
    title: page.title,
    paragraphs: page.paragraphs,
    url: page.url,
    publishedAt: new Date(page.publishedAt ?? deps.now().toISOString()),
    source: page.siteName ?? new URL(page.url).host,
    language: page.language,
    disclaimer: null,
  });
  if (!built.ok) return { ok: false, reason: `${url}: ${built.reason}` };
  const { outcome } = await deps.store.upsert(built.article);
  await deps.state.rememberIds(keys.map((key) => [key, id] as const));
  return { ok: true, outcome, article: built.article };
}
