import type { StoredArticle } from '../articles/article.ts';
import type { Conversation } from './conversations.ts';
import type { AnswerEvent, AnswerResult, FallbackReason, SummaryLength } from './types.ts';

/** Who is asking: budgets and usage are per guild (null outside a guild: console, CLI, DMs). */
export interface RequestContext {
  readonly guildId: string | null;
  readonly userId: string | null;
}

/** How an article reference was turned into an article: shown to the user when it was not their explicit choice. */
export type ArticlePick = 'id' | 'latest' | 'best-match';

export interface SummaryRequest {
  /** Article id, or words to search for; undefined/empty → the latest article. */
  readonly article?: string | undefined;
  readonly length: SummaryLength;
  /** Reply language, e.g. "en", "de" (quotes stay in the article's language). */
  readonly language: string;
  readonly context: RequestContext;
  readonly signal?: AbortSignal;
}

export interface AskRequest {
  readonly question: string;
  /** Article id, or words; undefined/empty → the stored article that best matches the question. */
  readonly article?: string | undefined;
  readonly language: string;
  readonly context: RequestContext;
  readonly signal?: AbortSignal;
}

/** A question in a conversation about one article version (a thread, the console's follow-up prompt). */
export interface FollowUpRequest {
  /** The article version and the turns so far (oldest first, already bounded). */
  readonly conversation: Conversation;
  readonly question: string;
  readonly language: string;
  readonly context: RequestContext;
  readonly signal?: AbortSignal;
}

export interface ReplyResult extends AnswerResult {
  /** true when served from the answer cache (no model call, no budget spent). */
  readonly cached: boolean;
  /** Set the first time a guild's request is served offline because its daily budget ran out. */
  readonly budgetNotice?: { readonly resetsAt: string; readonly zone: string };
}

/**
 * What a transport (Discord, console, CLI) consumes: first the resolved article with the disclaimer to attach,
 * then the answerer's text and citation events, then one `done`. Resolution problems (unknown article, empty
 * store, empty question) throw a UserFacingError before the first event.
 */
export type ReplyEvent =
  | {
      readonly type: 'article';
      readonly article: StoredArticle;
      readonly disclaimer: string;
      readonly pickedBy: ArticlePick;
      /** Follow-ups only: the article changed since the conversation began (the answer is from this version). */
      readonly changedSince?: { readonly version: number };
    }
  /**
   * The answer needs a model call (or waits for one another request is making): a transport acknowledges now rather
   * than expecting the answer soon.
   */
  | { readonly type: 'calling' }
  /**
   * The model has started writing: the text events that follow arrive as it writes, so a transport may show them
   * live (until `restart` or `done`). Absent for cached and offline answers, which arrive whole.
   */
  | { readonly type: 'writing' }
  | Exclude<AnswerEvent, { type: 'done' }>
  /**
   * The model failed after some text was already streamed: discard the text and citations received so far; the
   * labelled offline answer follows. (The `done` result is always complete on its own.)
   */
  | { readonly type: 'restart'; readonly reason: FallbackReason }
  | { readonly type: 'done'; readonly result: ReplyResult };

export interface Newsroom {
  summary(request: SummaryRequest): AsyncIterable<ReplyEvent>;
  ask(request: AskRequest): AsyncIterable<ReplyEvent>;
  /** A follow-up in a conversation: answered only from the article, the earlier turns as context. */
  followUp(request: FollowUpRequest): AsyncIterable<ReplyEvent>;
}
