/**
 * An article as newsdesk stores it: one version of one story. The id is stable across versions (it comes from
 * where the article lives — file name, canonical URL, feed GUID — never from its text); the hash changes whenever
 * the title or body changes, and every cache keyed by it then misses.
 */
export interface Article {
  /** Stable id: `[a-z0-9][a-z0-9_-]{0,79}`, safe as an autocomplete value and in a cache key. */
  readonly id: string;
  readonly title: string;
  /** Body paragraphs, cleaned (entities decoded, whitespace normalised, no footer or theme leftovers). */
  readonly paragraphs: readonly string[];
  /** The site's category line, e.g. "Russia news"; null when the file has none. */
  readonly category: string | null;
  /** The source's own disclaimer as written in the article; null when it has none (a fallback is attached later). */
  readonly disclaimer: string | null;
  /** Canonical URL of the article page, when known. */
  readonly url: string | null;
  /** Human name of the source (feed title, site name, or "file"). */
  readonly source: string | null;
  /** BCP-47 language tag of the text when detectable (e.g. "en", "de"), else null. */
  readonly language: string | null;
  /** ISO-8601 instant the article was published (file mtime or feed date when the source does not say). */
  readonly publishedAt: string;
  /** Content hash of title + paragraphs: 16 lowercase hex characters. */
  readonly hash: string;
}

/** A stored article: the parsed article plus what the store knows about its history. */
export interface StoredArticle extends Article {
  /** 1 for the first version, +1 for every change of hash. */
  readonly version: number;
  /** ISO-8601 instant the article was first stored. */
  readonly firstSeenAt: string;
  /** ISO-8601 instant this version was stored. */
  readonly updatedAt: string;
}

/** What the search index returns: enough to list, autocomplete and pick an article without loading its text. */
export interface ArticleSummaryEntry {
  readonly id: string;
  readonly title: string;
  readonly publishedAt: string;
  readonly category: string | null;
  readonly url: string | null;
}

export interface SearchHit extends ArticleSummaryEntry {
  readonly score: number;
}

export type UpsertOutcome = 'new' | 'updated' | 'unchanged';

/** The store the rest of the bot uses; implemented on keyv in src/articles/store.ts. */
export interface ArticleStore {
  get(id: string): Promise<StoredArticle | undefined>;
  /** Unchanged hash → no write ('unchanged'); changed → version + 1 ('updated'); unknown id → 'new'. */
  upsert(article: Article): Promise<{ outcome: UpsertOutcome; article: StoredArticle }>;
  /** Newest first by publishedAt. */
  latest(count: number): Promise<StoredArticle[]>;
  /** Articles with from <= publishedAt < to, newest first, at most `limit`. */
  between(from: Date, to: Date, limit?: number): Promise<StoredArticle[]>;
  /** Ranked search over titles and text, best first; an empty query lists the newest. Served from memory. */
  search(query: string, limit: number): SearchHit[];
  count(): number;
  /**
   * Picks up articles another process (e.g. `ingest --watch`) stored since the last refresh, so this process's
   * in-memory index sees them. Returns how many new or changed articles it found.
   */
  refresh(): Promise<number>;
  close(): Promise<void>;
}
