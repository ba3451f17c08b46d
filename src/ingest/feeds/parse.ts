import { parseFeed } from 'feedsmith';
import type { WorkerPool } from '../../core/workers/pool.ts';
import { runWorkerJob } from '../../core/workers/run-job.ts';
import { processIngestPool } from '../worker-pool.ts';

/**
 * One feed item, whatever the format it came in: feedsmith parses RSS 2.0, Atom, RDF and JSON Feed; this maps
 * their fields onto the few newsdesk needs.
 */
export interface FeedItem {
  readonly guid: string | null;
  /** Absolute URL of the article page, resolved against the feed URL; not yet canonicalised. */
  readonly link: string | null;
  readonly title: string | null;
  /** ISO-8601, or null when the feed gives no parsable date. */
  readonly publishedAt: string | null;
  /** The item's body as HTML (content:encoded, Atom content, content_html, or an RSS description). */
  readonly html: string | null;
  /** The item's body as plain text (JSON Feed content_text, Atom type="text"). */
  readonly text: string | null;
}

export interface ParsedFeed {
  readonly format: 'rss' | 'atom' | 'rdf' | 'json';
  readonly title: string | null;
  readonly items: FeedItem[];
}

/** The feed could not be read at all; nothing from it is stored, and nothing stored before is touched. */
export class FeedFormatError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`${JSON.stringify(url)} is not a readable RSS, Atom or JSON feed: ${reason}`);
    this.name = 'FeedFormatError';
  }
}

type Parsed = ReturnType<typeof parseFeed>;
type Extract<F extends Parsed['format']> = Extract_<Parsed, F>;
type Extract_<P, F> = P extends { format: F; feed: infer T } ? T : never;
type ItemOf<T> = T extends { items?: Array<infer I> }
  ? I
  : T extends { entries?: Array<infer E> }
    ? E
    : never;

const nonEmpty = (value: string | null | undefined): string | null => (value?.trim() ? value.trim() : null);

/** feedsmith leaves dates as the feed wrote them (RFC 822, ISO-8601, …); the first parsable one wins. */
function isoDate(...values: unknown[]): string | null {
  for (const value of values) {
    const time = typeof value === 'string' || value instanceof Date ? new Date(value).getTime() : Number.NaN;
    if (!Number.isNaN(time)) return new Date(time).toISOString();
  }
  return null;
}

function absolute(link: string | null | undefined, base: string): string | null {
  const value = nonEmpty(link);
  if (!value || !URL.canParse(value, base)) return null;
  return new URL(value, base).toString();
}

function fromRss(item: ItemOf<Extract<'rss'>>, base: string): FeedItem {
  const guid = nonEmpty(item.guid?.value);
  const permalink = item.guid?.isPermaLink !== false && guid && /^https?:\/\//i.test(guid) ? guid : null;
  return {
    guid,
    link: absolute(item.link ?? permalink, base),
    title: nonEmpty(item.title),
    publishedAt: isoDate(item.pubDate, item.dc?.dates?.[0], item.dcterms?.created),
    html: nonEmpty(item.content?.encoded) ?? nonEmpty(item.description),
    text: null,
  };
}

function fromRdf(item: ItemOf<Extract<'rdf'>>, base: string): FeedItem {
  return {
    guid: nonEmpty(item.rdf?.about) ?? null,
    link: absolute(item.link, base),
    title: nonEmpty(item.title),
    publishedAt: isoDate(item.dc?.dates?.[0], item.dcterms?.created),
    html: nonEmpty(item.content?.encoded) ?? nonEmpty(item.description),
    text: null,
  };
}

function fromAtom(entry: ItemOf<Extract<'atom'>>, base: string): FeedItem {
  const alternate = entry.links?.find((link) => !link.rel || link.rel === 'alternate') ?? entry.links?.[0];
  const body = entry.content?.value ? entry.content : entry.summary;
  const isText = body?.type === undefined || body.type === 'text';
  return {
    guid: nonEmpty(entry.id),
    link: absolute(alternate?.href, base),
    title: nonEmpty(entry.title?.value),
    publishedAt: isoDate(entry.published, entry.updated, entry.dc?.dates?.[0]),
    html: isText ? null : nonEmpty(body?.value),
    text: isText ? nonEmpty(body?.value) : null,
  };
}

function fromJson(item: ItemOf<Extract<'json'>>, base: string): FeedItem {
  return {
    guid: nonEmpty(item.id),
    link: absolute(item.url ?? item.external_url, base),
    title: nonEmpty(item.title),
    publishedAt: isoDate(item.date_published, item.date_modified),
    html: nonEmpty(item.content_html),
    text: nonEmpty(item.content_text) ?? nonEmpty(item.summary),
  };
}

function mapItems(parsed: Parsed, base: string): { title: string | null; items: FeedItem[] } {
  switch (parsed.format) {
    case 'rss':
      return {
        title: nonEmpty(parsed.feed.title),
        items: (parsed.feed.items ?? []).map((i) => fromRss(i, base)),
      };
    case 'rdf':
      return {
        title: nonEmpty(parsed.feed.title),
        items: (parsed.feed.items ?? []).map((i) => fromRdf(i, base)),
      };
    case 'atom':
      return {
        title: nonEmpty(parsed.feed.title?.value),
        items: (parsed.feed.entries ?? []).map((e) => fromAtom(e, base)),
      };
    case 'json':
      return {
        title: nonEmpty(parsed.feed.title),
        items: (parsed.feed.items ?? []).map((i) => fromJson(i, base)),
      };
  }
}

/** Parses a feed document fetched from `url` (relative links resolve against it), or throws FeedFormatError. */
export function parseFeedDocument(text: string, url: string): ParsedFeed {
  let parsed: Parsed;
  try {
    parsed = parseFeed(text);
  } catch (error) {
    throw new FeedFormatError(url, error instanceof Error ? error.message : String(error));
  }
  return { format: parsed.format, ...mapItems(parsed, url) };
}

/** Feed parsing as a worker job: a 10,000-item feed is about half a second of synchronous XML work. */
export const PARSE_FEED_JOB = 'parse-feed';

export interface FeedJob {
  readonly text: string;
  readonly url: string;
}

type FeedJobResult =
  | { readonly ok: true; readonly feed: ParsedFeed }
  | { readonly ok: false; readonly reason: string };

/** Runs in the worker; an unreadable feed is an answer, not a crash, so its reason crosses back intact. */
export function parseFeedJob(job: FeedJob): FeedJobResult {
  try {
    return { ok: true, feed: parseFeedDocument(job.text, job.url) };
  } catch (error) {
    if (error instanceof FeedFormatError) return { ok: false, reason: error.reason };
    throw error;
  }
}

/**
 * parseFeedDocument in the process's ingest worker, off the event loop that acknowledges interactions. Throws
 * FeedFormatError when the feed cannot be read, also when parsing it ran over the worker's time budget.
 */
export async function parseFeedOffThread(
  text: string,
  url: string,
  options: { readonly signal?: AbortSignal | undefined; readonly pool?: WorkerPool } = {},
): Promise<ParsedFeed> {
  const pool = options.pool ?? processIngestPool();
  const result = await runWorkerJob<FeedJobResult>(
    pool,
    PARSE_FEED_JOB,
    { text, url },
    options.signal,
    (error) => (error.failure === 'aborted' ? undefined : new FeedFormatError(url, error.message)),
  );
  if (!result.ok) throw new FeedFormatError(url, result.reason);
  return result.feed;
}
