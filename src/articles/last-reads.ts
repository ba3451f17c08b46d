import type { StoredArticle } from './article.ts';

/** Articles kept: the ones people are asking about right now (~10 KB each, so a few MB at most). */
export const LAST_READS_KEPT = 256;

/**
 * The articles read most recently, kept for one purpose: answering about them while the store is briefly away (a
 * Redis restart, a long lock). Reads always go to the store first, so a copy here is never served while the store
 * works, and it is replaced by every later read or write of its article in this process.
 */
export class LastReads {
  private readonly kept = new Map<string, StoredArticle>();

  constructor(private readonly limit = LAST_READS_KEPT) {}

  remember(article: StoredArticle): void {
    const newest = this.newer(article);
    this.kept.delete(article.id);
    this.kept.set(article.id, newest);
    if (this.kept.size > this.limit) this.kept.delete(this.kept.keys().next().value as string);
  }

  /** A newer version was written here: keep that one, if the article was kept at all. */
  replace(article: StoredArticle): void {
    if (this.kept.has(article.id)) this.kept.set(article.id, this.newer(article));
  }

  /** A read that started before a write here can finish after it: never let it put the older version back. */
  private newer(article: StoredArticle): StoredArticle {
    const kept = this.kept.get(article.id);
    return kept && kept.version > article.version ? kept : article;
  }

  /** Another process changed or removed it: the copy is no longer known to be current. */
  forget(id: string): void {
    this.kept.delete(id);
  }

  get(id: string): StoredArticle | undefined {
    return this.kept.get(id);
  }
}
