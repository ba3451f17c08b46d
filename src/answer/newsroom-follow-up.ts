import { UserFacingError } from '../core/errors.ts';
import { translate } from '../core/i18n/index.ts';
import { type ConversationTurn, MAX_TURNS_KEPT } from './conversations.ts';
import type { Job, JobArticle, Room } from './newsroom-deps.ts';
import type { FollowUpRequest } from './newsroom-types.ts';

/**
 * A follow-up is an /ask about the conversation's article, pinned by id (never searched for), with the earlier
 * turns as context. Its cache key holds the turns: the same words after another conversation ask something else
 * ("and how much does it cost?"), while two threads at the same point — the same digest item, two processes —
 * share one model call and one cache entry. Without turns (a thread opened from a digest item) the key and the
 * request are exactly the /ask's, so the thread's first question can be served from an /ask's cache entry.
 */
export function followUpJob(room: Room, request: FollowUpRequest, question: string): Job {
  // The store keeps at most MAX_TURNS_KEPT; a caller's own conversation is held to the same bound.
  const history: readonly ConversationTurn[] = request.conversation.turns.slice(-MAX_TURNS_KEPT);
  return {
    context: request.context,
    resolve: () => conversationArticle(room, request),
    identity: (article) => ({
      kind: 'answer',
      article: { id: article.id, hash: article.hash },
      language: request.language,
      question,
      ...(history.length > 0 ? { turns: history } : {}),
    }),
    // No signal, as for /ask: the call may be shared by identical requests (single flight), one leaving stops none.
    run: (answerer, article) =>
      answerer.answer(article, question, {
        language: request.language,
        ...(history.length > 0 ? { history } : {}),
      }),
    ttlMs: room.settings.answerTtlMs,
    signal: request.signal,
  };
}

/**
 * The article as stored now. Changed since the conversation began → answered from the current text, and the
 * transport is told the version the conversation started on. No longer stored (retention, an operator's clean-up)
 * → a clear refusal in the asker's language: there is nothing to answer from, and no other article may stand in.
 */
async function conversationArticle(room: Room, request: FollowUpRequest): Promise<JobArticle> {
  const { article } = request.conversation;
  const stored = await room.store.get(article.id);
  if (!stored) {
    throw new UserFacingError(
      translate(request.language, 'conversation.article-gone'),
      'conversation-article-gone',
    );
  }
  const changed = stored.hash !== article.hash;
  return {
    article: stored,
    pickedBy: 'id',
    ...(changed ? { changedSince: { version: article.version } } : {}),
  };
}
