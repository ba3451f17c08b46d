import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { canonicalUrl } from '../../articles/url.ts';
import type { DomNode, MutableNode } from './dom.ts';
import { capMarkupNesting, checkMarkupCost, MAX_PAGE_ELEMENTS, preparePage } from './limits.ts';
import { paragraphsOf, withoutByline } from './paragraphs.ts';
import { isSameSite } from './site.ts';

/** What newsdesk keeps from an article page. */
export interface ExtractedPage {
  readonly title: string | null;
  readonly paragraphs: string[];
  /**
   * <link rel=canonical> (or og:url) when it names the page's own site (host, parent or child host, same port),
   * else the URL it was fetched from; always canonicalised.
   */
  readonly url: string;
  readonly publishedAt: string | null;
  readonly siteName: string | null;
  readonly language: string | null;
}

interface PageDocument extends DomNode {
  readonly body: DomNode | null;
  readonly documentElement: MutableNode | null;
  querySelector(selector: string): DomNode | null;
}

function attribute(document: PageDocument, selector: string, name: string): string | null {
  const value = document.querySelector(selector)?.getAttribute?.(name)?.trim();
  return value ? value : null;
}

function meta(document: PageDocument, ...names: string[]): string | null {
  for (const name of names) {
    const value =
      attribute(document, `meta[property="${name}"]`, 'content') ??
      attribute(document, `meta[name="${name}"]`, 'content');
    if (value) return value;
  }
  return null;
}

function isoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** "Tram line vote | City News" → "Tram line vote" when the tail is the site's name. */
function withoutSiteName(title: string, siteName: string | null): string {
  if (!siteName) return title;
  const escaped = siteName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const stripped = title.replace(new RegExp(`\\s+[|\\-–—:·]\\s+${escaped}\\s*$`, 'i'), '').trim();
  return stripped || title;
}

/** The page's own metadata, read before Readability rewrites the document. */
function pageMetadata(document: PageDocument, pageUrl: string) {
  const declared = attribute(document, 'link[rel~="canonical"]', 'href') ?? meta(document, 'og:url');
  const canonical = declared ? canonicalUrl(declared, pageUrl) : null;
  const siteName = meta(document, 'og:site_name', 'application-name');
  const title = meta(document, 'og:title', 'twitter:title');
  return {
    // A page may name its own canonical address, never another site's: that would file its text under that site.
    url: (canonical && isSameSite(canonical, pageUrl) ? canonical : null) ?? canonicalUrl(pageUrl) ?? pageUrl,
    siteName,
    title: title ? withoutSiteName(title, siteName) : null,
    publishedAt: isoDate(meta(document, 'article:published_time', 'datePublished', 'date', 'dc.date')),
    language: document.documentElement?.getAttribute?.('lang')?.trim() || null,
  };
}

/**
 * The main text of an article page: Readability over linkedom finds the article and drops navigation, ads and
 * comments; paragraphsOf then reads its block elements, skipping any share bar or script Readability kept.
 * Runs in a worker (extractPageOffThread): the page is capped in depth and size first (limits.ts), and throws
 * PageTooComplexError when it is over them.
 */
export function extractPage(html: string, pageUrl: string): ExtractedPage {
  checkMarkupCost(html);
  const { document } = parseHTML(capMarkupNesting(html)) as unknown as {
    document: PageDocument;
  };
  const metadata = pageMetadata(document, pageUrl);
  if (document.documentElement) preparePage(document.documentElement);
  // The serializer hands back the article element itself, so its text is read without a second HTML parse.
  // keepClasses: paragraphsOf still needs the class names to drop an inline ad or share bar Readability kept.
  const reader = new Readability<DomNode>(document as never, {
    keepClasses: true,
    maxElemsToParse: MAX_PAGE_ELEMENTS,
    serializer: (node) => node as unknown as DomNode,
  });
  const article = reader.parse();
  const root = article?.content ?? document.body;
  const readabilityTitle = article?.title?.trim();
  return {
    title: metadata.title ?? (readabilityTitle ? withoutSiteName(readabilityTitle, metadata.siteName) : null),
    paragraphs: root ? withoutByline(paragraphsOf(root), article?.byline ?? null) : [],
    url: metadata.url,
    publishedAt: metadata.publishedAt ?? isoDate(article?.publishedTime),
    siteName: metadata.siteName ?? article?.siteName?.trim() ?? null,
    language: metadata.language ?? article?.lang?.trim() ?? null,
  };
}
