import { TermAnalyzer } from '../../text/analyzer.ts';
import { analysisLanguage } from '../../text/language.ts';
import type { Article } from '../article.ts';

/** Body terms kept per article: enough to find it by what it is about, small enough for 100,000 in memory. */
export const SALIENT_TERMS_PER_ARTICLE = 32;
/** A title word counts as this many body mentions: titles say what an article is about. */
export const TITLE_BOOST = 3;
/** Text beyond this is not analysed for terms (a 50 MB file must not stall ingest or the index). */
export const MAX_ANALYSED_CHARS = 100_000;

/**
 * What the store keeps per article besides the article itself: all the search index and the date list need, so
 * start-up reads these small entries and never the article bodies. The terms are index-ready (stemmed, weighted),
 * so rebuilding the index at start does no text analysis at all.
 */
export interface CatalogueEntry {
  readonly id: string;
  readonly title: string;
  readonly publishedAt: string;
  readonly category: string | null;
  readonly url: string | null;
  readonly hash: string;
  /**
   * Every title term and the body's most salient terms, with their weight (body count + TITLE_BOOST per title
   * mention), heaviest first: "karabakh:8 blockad:6 region:3".
   */
  readonly terms: string;
  /** The article's length in index terms, title words counted TITLE_BOOST times (BM25 length normalisation). */
  readonly length: number;
  /**
   * The base language the terms were stemmed in (the article's, as the answerer reads it). Entries written before
   * search and the answerer shared one analyzer have none: their terms are English stems or the words themselves,
   * which every query word is looked up under too (TermAnalyzer.toTerms), so they keep matching until their
   * article changes and is analysed again.
   */
  readonly language?: string;
}

/** What toCatalogueEntry reads of an article (a worker job receives exactly this). */
export type CatalogueSource = Pick<
  Article,
  'id' | 'title' | 'paragraphs' | 'language' | 'publishedAt' | 'category' | 'url' | 'hash'
>;

function bodyText(paragraphs: readonly string[]): string {
  let text = '';
  for (const paragraph of paragraphs) {
    if (text.length >= MAX_ANALYSED_CHARS) break;
    text += `${paragraph}\n`;
  }
  return text.slice(0, MAX_ANALYSED_CHARS);
}

/**
 * The part of an article its catalogue entry is made from, to send to a worker: the paragraphs bodyText reads,
 * the last one cut where bodyText would cut it, so a 50 MB body crosses as ~MAX_ANALYSED_CHARS characters. The
 * entry stays the same: bodyText reads the same text, and the language sample (the first LANGUAGE_SAMPLE_CHARS
 * of title and body) lies within it.
 */
export function analysedPart(article: CatalogueSource): CatalogueSource {
  const { id, title, language, publishedAt, category, url, hash } = article;
  const paragraphs: string[] = [];
  let chars = 0;
  for (const paragraph of article.paragraphs) {
    if (chars >= MAX_ANALYSED_CHARS) break;
    paragraphs.push(
      paragraph.length > MAX_ANALYSED_CHARS - chars
        ? paragraph.slice(0, MAX_ANALYSED_CHARS - chars)
        : paragraph,
    );
    chars += paragraph.length + 1;
  }
  return { id, title, paragraphs, language, publishedAt, category, url, hash };
}

function countTerms(terms: readonly string[], counts = new Map<string, number>(), step = 1) {
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + step);
  return counts;
}

/** Most frequent terms first; among equals, the one the text mentions first (the lead says what matters). */
export function salientTerms(
  paragraphs: readonly string[],
  analyzer: TermAnalyzer,
  language: string,
  limit = SALIENT_TERMS_PER_ARTICLE,
) {
  return analyzer.heaviestTerms(bodyText(paragraphs), language, limit);
}

/** Enough of the text to guess its language from when the article does not declare one. */
const LANGUAGE_SAMPLE_CHARS = 2_000;

function indexLanguage(article: CatalogueSource): string {
  let sample = article.title;
  for (const paragraph of article.paragraphs) {
    if (sample.length >= LANGUAGE_SAMPLE_CHARS) break;
    sample += `\n${paragraph}`;
  }
  return analysisLanguage(article.language, sample);
}

export function toCatalogueEntry(article: CatalogueSource, analyzer = new TermAnalyzer()): CatalogueEntry {
  const language = indexLanguage(article);
  const body = salientTerms(article.paragraphs, analyzer, language);
  const title = analyzer.terms(article.title, language);
  const weights = countTerms(title, new Map(body.ranked), TITLE_BOOST);
  const ranked = [...weights].sort((a, b) => b[1] - a[1]);
  return {
    id: article.id,
    title: article.title,
    publishedAt: article.publishedAt,
    category: article.category,
    url: article.url,
    hash: article.hash,
    terms: ranked.map(([term, weight]) => `${term}:${weight}`).join(' '),
    length: body.length + title.length * TITLE_BOOST,
    language,
  };
}

/** Calls `each` for every "term:count" pair of an encoded term list; allocation-light (start-up reads 100,000). */
export function forEachTerm(encoded: string, each: (term: string, count: number) => void): void {
  forEachTermAt(encoded, (start, end, count) => each(encoded.slice(start, end), count));
}

/**
 * The same pairs, each term given as where it lies in `encoded` (`encoded.slice(start, end)`), for callers that
 * look terms up by their characters without cutting them out (the index's put, once per ingested article).
 */
export function forEachTermAt(
  encoded: string,
  each: (start: number, end: number, count: number) => void,
): void {
  let start = 0;
  while (start < encoded.length) {
    let end = encoded.indexOf(' ', start);
    if (end < 0) end = encoded.length;
    const separator = encoded.lastIndexOf(':', end - 1);
    if (separator > start) {
      const count = countAt(encoded, separator + 1, end);
      if (count > 0) each(start, separator, count);
    }
    start = end + 1;
  }
}

/** The number text[start, end): read digit by digit when it is all digits (every count we write), else Number(). */
function countAt(text: string, start: number, end: number): number {
  let value = 0;
  for (let at = start; at < end; at++) {
    const digit = text.charCodeAt(at) - 48;
    if (digit < 0 || digit > 9) return Number(text.slice(start, end));
    value = value * 10 + digit;
  }
  return end > start ? value : 0;
}

const isNullableString = (value: unknown) => value === null || typeof value === 'string';

/** A stored entry, checked: anything malformed (hand-edited, older format) is skipped rather than crash start-up. */
export function parseCatalogueEntry(value: unknown): CatalogueEntry | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const entry = value as Record<string, unknown>;
  const valid =
    typeof entry.id === 'string' &&
    typeof entry.title === 'string' &&
    typeof entry.publishedAt === 'string' &&
    typeof entry.hash === 'string' &&
    typeof entry.terms === 'string' &&
    typeof entry.length === 'number' &&
    isNullableString(entry.category) &&
    isNullableString(entry.url) &&
    (entry.language === undefined || typeof entry.language === 'string');
  return valid ? (entry as unknown as CatalogueEntry) : undefined;
}
