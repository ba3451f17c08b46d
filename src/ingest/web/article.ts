import type { Article } from '../../articles/article.ts';
import { splitLongParagraphs } from '../../articles/parse/long-paragraphs.ts';
import { parseArticleText } from '../../articles/parse/parse.ts';
import { collapseSpace } from '../../text/collapse-space.ts';

/** What a feed item or a page gives newsdesk before the article parser has cleaned it. */
export interface ArticleParts {
  /** From the GUID or canonical URL (articleIdFromKey), never from the text. */
  readonly id: string;
  readonly title: string | null;
  readonly paragraphs: readonly string[];
  readonly url: string | null;
  readonly publishedAt: Date;
  readonly source: string;
  /** The page's declared language, used when the parser cannot tell. */
  readonly language: string | null;
  /**
   * The disclaimer the operator configured for this source (per feed). It always wins over a disclaimer-looking
   * paragraph in the fetched text: that text is written by whoever controls the feed or page.
   */
  readonly disclaimer: string | null;
}

export type BuildResult =
  | { readonly ok: true; readonly article: Article; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly reason: string };

const MAX_DERIVED_TITLE_CHARS = 120;

/** An item without a title is named by its first sentence (shortened), so it still lists and autocompletes. */
function titleOf(parts: ArticleParts): string | null {
  const title = parts.title === null ? null : collapseSpace(parts.title);
  if (title) return title;
  const first = parts.paragraphs[0]?.split(/(?<=[.!?])\s/)[0];
  if (!first) return null;
  return first.length > MAX_DERIVED_TITLE_CHARS ? `${first.slice(0, MAX_DERIVED_TITLE_CHARS - 1)}…` : first;
}

/**
 * Builds the stored article by handing the text to the article parser in the site's text form (title line, blank
 * line, paragraphs): entity decoding, theme leftovers, the category line and the site's disclaimer paragraph are
 * recognised exactly as for files, so a page that carries the disclaimer keeps it out of the body. A configured
 * disclaimer replaces the one found in the text; the text's own is kept only when none is configured.
 */
export function buildArticle(parts: ArticleParts): BuildResult {
  const title = titleOf(parts);
  if (!title || parts.paragraphs.length === 0) return { ok: false, reason: 'no article text found' };
  // Split here too, so no paragraph reaches the parser's line handling at megabyte length.
  const text = `${[title, ...splitLongParagraphs([...parts.paragraphs])].join('\n\n')}\n`;
  const parsed = parseArticleText(text, {
    fileName: `${parts.id}.txt`,
    publishedAt: parts.publishedAt,
    source: parts.source,
    ...(parts.url ? { url: parts.url } : {}),
  });
  if (!parsed.ok) return parsed;
  const article: Article = {
    ...parsed.article,
    id: parts.id,
    disclaimer: parts.disclaimer ?? parsed.article.disclaimer,
    language: parsed.article.language ?? parts.language,
  };
  return { ok: true, article, warnings: parsed.warnings };
}
