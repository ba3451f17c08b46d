import type { ArticleStore, StoredArticle } from '../articles/article.ts';
import { UserFacingError } from '../errors.ts';
import type { ArticlePick } from './newsroom-types.ts';

export const MAX_QUESTION_CHARS = 500;

export interface ResolvedArticle {
  readonly article: StoredArticle;
  readonly pickedBy: ArticlePick;
}

const EMPTY_STORE = new UserFacingError(
  'No articles are stored yet. An operator can import some with `npm run ingest -- <folder>`.',
  'empty-store',
);

async function latestArticle(store: ArticleStore): Promise<ResolvedArticle> {
  const [article] = await store.latest(1);
  if (!article) throw EMPTY_STORE;
  return { article, pickedBy: 'latest' };
}

async function bestMatch(store: ArticleStore, words: string): Promise<StoredArticle | undefined> {
  const [hit] = store.search(words, 1);
  return hit && hit.score > 0 ? store.get(hit.id) : undefined;
}

/**
 * Turns what the user typed into an article: an exact id (what autocomplete sends), else the best match for the
 * words, else — with no reference at all — the latest article (summary) or the best match for the question (ask).
 */
export async function resolveArticle(
  store: ArticleStore,
  reference: string | undefined,
  question?: string,
): Promise<ResolvedArticle> {
  const typed = reference?.trim() ?? '';
  if (store.count() === 0) throw EMPTY_STORE;
  if (typed !== '') {
    const exact = await store.get(typed);
    if (exact) return { article: exact, pickedBy: 'id' };
    const matched = await bestMatch(store, typed);
    if (matched) return { article: matched, pickedBy: 'best-match' };
    throw new UserFacingError(
      `No stored article matches "${typed.slice(0, 80)}". Start typing in the article option and pick one from the list.`,
      'unknown-article',
    );
  }
  if (question === undefined) return latestArticle(store);
  const matched = await bestMatch(store, question);
  if (matched) return { article: matched, pickedBy: 'best-match' };
  throw new UserFacingError(
    'No stored article seems to be about that. Name one with the article option (start typing to pick from the list).',
    'no-matching-article',
  );
}

/** Rejects questions a model should never see: empty, or longer than Discord's own option limit. */
export function validateQuestion(question: string): string {
  const trimmed = question.trim();
  if (trimmed === '')
    throw new UserFacingError('Please type a question about the article.', 'empty-question');
  if (trimmed.length > MAX_QUESTION_CHARS) {
    throw new UserFacingError(
      `That question is ${trimmed.length} characters long; please keep it under ${MAX_QUESTION_CHARS}.`,
      'question-too-long',
    );
  }
  return trimmed;
}
