import { createHash } from 'node:crypto';
import type { Article } from '../../articles/article.ts';
import { canonicalUrl } from '../../articles/url.ts';
import type { PoliteFetcher } from '../http.ts';
import { HttpError } from '../http-errors.ts';
import { buildArticle } from '../web/article.ts';
import type { ExtractedPage } from '../web/extract.ts';
import { fetchArticlePage } from '../web/page.ts';
import { htmlParagraphs, textParagraphs } from '../web/paragraphs.ts';
import { isOwnLink } from '../web/site.ts';
import type { FeedDefinition } from './config.ts';
import type { FeedItem } from './parse.ts';

/**
 * A feed's own text is used when it is the whole article; below this many characters it is a teaser and the page
 * is fetched instead. Teasers run one or two sentences; even a short news brief has three paragraphs.
 */
export const SUBSTANTIAL_CONTENT_CHARS = 400;

/**
 * The keys an item is known by across polls and feeds. Ownership follows the link: an item whose link is on the
 * feed's own site (or a host the operator listed for it) is filed under the URL itself, shared with every feed and
 * page of that site; an item linking elsewhere (an aggregator, or a feed posing as another site) is keyed within
 * its feed, so it becomes that feed's own article and can neither take nor overwrite the linked site's.
 */
export interface ItemKeys {
  /** The key the item's id comes from and the per-feed record is filed under. */
  readonly primary: string;
  /** The keys looked up and remembered in the shared alias table. */
  readonly all: readonly string[];
  /** The feed speaks for the item's link: keys learnt from its page may be shared too. */
  readonly own: boolean;
  /** The key older versions filed this feed's record under (before ownership followed the link). */
  readonly legacy: string;
}

/** The GUID as older versions keyed it: one with a scheme (http:, urn:, tag:) globally, a bare one per feed. */
function legacyGuidKey(guid: string, feedUrl: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(guid) ? `guid:${guid}` : `guid:${feedUrl}#${guid}`;
}

/** Any feed can claim any GUID ("tag:other.example,2026:1"), so a GUID only ever names an item within its feed. */
const feedGuidKey = (guid: string, feedUrl: string) => `guid:${feedUrl}#${guid}`;

export function itemKeys(item: FeedItem, feed: Pick<FeedDefinition, 'url' | 'hosts'>): ItemKeys | null {
  const url = item.link ? canonicalUrl(item.link) : null;
  const guid = item.guid ? feedGuidKey(item.guid, feed.url) : null;
  const legacy = url ?? (item.guid ? legacyGuidKey(item.guid, feed.url) : null);
  const own = url !== null && isOwnLink(url, feed.url, feed.hosts);
  const primary = url === null ? guid : own ? url : `via:${feed.url}#${url}`;
  if (primary === null || legacy === null) return null;
  return { primary, all: guid && guid !== primary ? [primary, guid] : [primary], own, legacy };
}

/** Changes whenever anything newsdesk reads from the item changes: a different fingerprint means look again. */
export function itemFingerprint(item: FeedItem): string {
  const fields = [item.title, item.link, item.publishedAt, item.html, item.text];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 16);
}

function feedParagraphs(item: FeedItem): string[] {
  if (item.html) return htmlParagraphs(item.html);
  return item.text ? textParagraphs(item.text) : [];
}

const lengthOf = (paragraphs: readonly string[]) => paragraphs.reduce((sum, p) => sum + p.length, 0);

export interface ItemContext {
  readonly feed: FeedDefinition;
  readonly feedTitle: string | null;
  /** Treats every URL as the feed's content (contentFetcher): internal addresses only on the feed's origin. */
  readonly fetcher: PoliteFetcher;
  readonly now: Date;
  readonly signal?: AbortSignal | undefined;
}

export interface ItemArticle {
  readonly article: Article;
  /** Keys learnt on the way (the page's rel=canonical), to remember alongside the item's own. */
  readonly learntKeys: readonly string[];
}

/** The page's address, when the feed speaks for it (a redirect or canonical may lead to another site's). */
function ownPageUrl(page: ExtractedPage | null, feed: FeedDefinition): string | null {
  return page && isOwnLink(page.url, feed.url, feed.hosts) ? page.url : null;
}

/** The page, when the feed's text is only a teaser and the item links to one. */
async function pageFor(
  item: FeedItem,
  paragraphs: string[],
  ctx: ItemContext,
): Promise<ExtractedPage | null> {
  if (lengthOf(paragraphs) >= SUBSTANTIAL_CONTENT_CHARS || !item.link) return null;
  let page: ExtractedPage;
  try {
    page = await fetchArticlePage(item.link, ctx.fetcher, ctx.signal);
  } catch (error) {
    // A page that is gone for good (404, 410…) leaves the feed's own text; anything else is retried next poll.
    const gone =
      error instanceof HttpError && error.status !== null && error.status >= 400 && error.status < 500;
    if (gone && paragraphs.length > 0) return null;
    throw error;
  }
  // A page that yields less than the feed (rendered by script, say) loses to the feed's own text.
  return lengthOf(page.paragraphs) >= lengthOf(paragraphs) ? page : null;
}

/** Turns one feed item into an article: the feed's full text when it has it, else the page's main text. */
export async function articleFromItem(
  item: FeedItem,
  id: string,
  ownLink: boolean,
  ctx: ItemContext,
): Promise<ItemArticle> {
  const own = feedParagraphs(item);
  const page = await pageFor(item, own, ctx);
  const link = item.link ? canonicalUrl(item.link) : null;
  const pageUrl = ownPageUrl(page, ctx.feed);
  const url = pageUrl ?? link ?? page?.url ?? null;
  const built = buildArticle({
    id,
    title: item.title ?? page?.title ?? null,
    paragraphs: page?.paragraphs ?? own,
    url,
    publishedAt: new Date(item.publishedAt ?? page?.publishedAt ?? ctx.now.toISOString()),
    source: ctx.feed.name ?? ctx.feedTitle ?? page?.siteName ?? new URL(ctx.feed.url).host,
    language: page?.language ?? null,
    disclaimer: ctx.feed.disclaimer,
  });
  if (!built.ok) throw new Error(`${item.link ?? item.guid ?? item.title}: ${built.reason}`);
  return { article: built.article, learntKeys: ownLink && pageUrl ? [pageUrl] : [] };
}
