import type { PoliteFetcher } from '../http.ts';
import type { ExtractedPage } from './extract.ts';
import { type PageExtractor, pooledPageExtractor } from './extract-pool.ts';

/** Pages are smaller than feeds; a bigger "article" is not an article. */
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;
const PAGE_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';

/**
 * Fetches an article page politely and extracts its main text in a worker; throws HttpError when the page cannot
 * be had, PageExtractionError when it cannot be read within the caps.
 */
export async function fetchArticlePage(
  url: string,
  fetcher: PoliteFetcher,
  signal?: AbortSignal,
  extract: PageExtractor = pooledPageExtractor(),
): Promise<ExtractedPage> {
  const outcome = await fetcher.get(url, {
    accept: PAGE_ACCEPT,
    maxBodyBytes: MAX_PAGE_BYTES,
    signal,
  });
  if (outcome.kind !== 'body')
    throw new Error(`[GET] ${JSON.stringify(url)}: 304 without a conditional request`);
  return extract(outcome.text, outcome.url, signal);
}
