import path from 'node:path';
import { detectLanguage } from '../../text/article-language.ts';
import { cleanLines, toParagraphs } from '../../text/paragraphs.ts';
import type { Article } from '../article.ts';
import { articleIdFromFileName, contentHash } from '../identity.ts';
import { splitFooter, standsAlone } from './footer.ts';
import { dropLeftovers } from './leftovers.ts';
import { splitLongParagraphs } from './long-paragraphs.ts';
import { MAX_ARTICLE_BYTES, type ReadArticleOptions, readArticleText } from './read-text.ts';

export { articleIdFromFileName, contentHash, MAX_ARTICLE_BYTES };

/** A first line longer than this is probably a paragraph, not a title: worth a warning. */
const TITLE_WARN_CHARS = 300;

export interface ArticleOrigin {
  /** The file name (or path); the article id comes from its base name. */
  readonly fileName: string;
  /** Defaults to the file's modification time (parseArticleFile) or now (parseArticleText). */
  readonly publishedAt?: Date;
  readonly url?: string;
  /** Defaults to 'file'. */
  readonly source?: string;
}

export type ParseResult =
  | { readonly ok: true; readonly article: Article; readonly warnings: string[] }
  | { readonly ok: false; readonly reason: string };

function refuseText(text: string): string | null {
  if (text.length === 0) return 'empty file: nothing to import';
  if (text.includes('\u0000')) return 'binary content (NUL character), not a text article';
  if (text.trim().length === 0) return 'only white space: nothing to import';
  return null;
}

/**
 * Parses the site's text form: title (the first non-blank line), body paragraphs, and the footer (category line
 * and the source's disclaimer). Entities are decoded, white space normalised, theme leftovers dropped.
 */
export function parseArticleText(text: string, origin: ArticleOrigin): ParseResult {
  const refusal = refuseText(text);
  if (refusal !== null) return { ok: false, reason: refusal };
  const cleaned = cleanLines(text);
  const { controlCharactersRemoved } = cleaned;
  const lines = dropLeftovers(cleaned.lines);
  const titleIndex = lines.findIndex((line) => line !== '');
  // A Markdown heading marker is not part of the title ("# Title" in a .md file).
  const title = lines[titleIndex]?.replace(/^#{1,6}\s+/, '');
  if (titleIndex === -1 || title === undefined) return { ok: false, reason: 'only theme leftovers, no text' };
  const { body, category, disclaimer } = splitFooter(
    splitLongParagraphs(toParagraphs(lines.slice(titleIndex + 1), standsAlone)),
  );
  if (body.length === 0) {
    return { ok: false, reason: `has a title ("${title.slice(0, 60)}") but no body paragraphs` };
  }
  const warnings: string[] = [];
  if (title.length > TITLE_WARN_CHARS) {
    warnings.push(`the first line is ${title.length} characters long: is it really the title?`);
  }
  if (controlCharactersRemoved > 0) warnings.push(`removed ${controlCharactersRemoved} control characters`);
  if (text.includes('\ufffd'))
    warnings.push('contains U+FFFD replacement characters: the text was mis-decoded once');
  const article: Article = {
    id: articleIdFromFileName(origin.fileName),
    title,
    paragraphs: body,
    category,
    disclaimer,
    url: origin.url ?? null,
    source: origin.source ?? 'file',
    language: detectLanguage(title, body),
    publishedAt: (origin.publishedAt ?? new Date()).toISOString(),
    hash: contentHash(title, body),
  };
  return { ok: true, article, warnings };
}

/**
 * Reads and parses one article file. Refuses, with a reason that says what to do, an empty, white-space-only,
 * title-only, binary, non-UTF-8 or oversized file (size checked before reading). publishedAt defaults to the
 * file's modification time.
 */
export async function parseArticleFile(
  filePath: string,
  origin: Partial<ArticleOrigin> = {},
  readOptions: ReadArticleOptions = {},
): Promise<ParseResult> {
  const read = await readArticleText(filePath, readOptions);
  if (!read.ok) return read;
  return parseArticleText(read.text, {
    ...origin,
    fileName: origin.fileName ?? path.basename(filePath),
    publishedAt: origin.publishedAt ?? read.modifiedAt,
  });
}
