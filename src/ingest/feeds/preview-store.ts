import type { Article, ArticleStore, StoredArticle, UpsertOutcome } from '../../articles/article.ts';

/**
 * An ArticleStore for `--dry-run`: it says what an upsert would do (compared with the real store, when there is
 * one) and writes nothing. Reads pass through; the search index is the real store's.
 */
export function previewStore(
  real: ArticleStore | undefined,
  now: () => Date = () => new Date(),
): ArticleStore {
  const preview = async (article: Article): Promise<{ outcome: UpsertOutcome; article: StoredArticle }> => {
    const existing = await real?.get(article.id);
    const outcome: UpsertOutcome = !existing
      ? 'new'
      : existing.hash === article.hash
        ? 'unchanged'
        : 'updated';
    const at = now().toISOString();
    const version = (existing?.version ?? 0) + (outcome === 'unchanged' ? 0 : 1);
    return {
      outcome,
      article: { ...article, version, firstSeenAt: existing?.firstSeenAt ?? at, updatedAt: at },
    };
  };
  return {
    get: (id) => real?.get(id) ?? Promise.resolve(undefined),
    upsert: preview,
    latest: (count) => real?.latest(count) ?? Promise.resolve([]),
    between: (from, to, limit) => real?.between(from, to, limit) ?? Promise.resolve([]),
    search: (query, limit) => real?.search(query, limit) ?? [],
    count: () => real?.count() ?? 0,
    refresh: async () => 0,
    close: async () => {},
  };
}
