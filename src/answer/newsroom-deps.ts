import type { Article, ArticleStore } from '../articles/article.ts';
import type { Logger } from '../core/log.ts';
import type { Broadcast } from './broadcast.ts';
import type { AnswerCache, CacheIdentity } from './cache.ts';
import type { SharedFlights } from './newsroom-shared-flight.ts';
import type { ReplyEvent, RequestContext } from './newsroom-types.ts';
import type { ResolvedArticle } from './resolve.ts';
import type { AnswerEvent, Answerer, FallbackReason } from './types.ts';
import type { UsageLedger } from './usage.ts';

export interface NewsroomSettings {
  readonly sourceDisclaimer: string;
  readonly summaryTtlMs: number;
  readonly answerTtlMs: number;
  /** Tokens per guild per UTC day; 0 = unlimited. */
  readonly guildDailyTokenBudget: number;
}

export interface NewsroomDeps {
  readonly store: ArticleStore;
  /** The language model; null when no API key is configured (the offline answerer then serves everything). */
  readonly model: Answerer | null;
  readonly modelName: string;
  readonly offline: Answerer;
  readonly cache: AnswerCache;
  readonly usage: UsageLedger;
  readonly classifyError: (error: unknown) => FallbackReason | null;
  readonly promptHash: (kind: 'summary' | 'answer') => string;
  readonly settings: NewsroomSettings;
  readonly logger?: Logger;
  readonly now?: () => Date;
  /** Shards sharing the store make one model call per request between them; absent: one per process. */
  readonly flights?: SharedFlights;
}

/** One newsroom: its dependencies with the defaults filled in, and the state its requests share. */
export interface Room extends NewsroomDeps {
  readonly logger: Logger;
  readonly now: () => Date;
  /** In-flight model calls by cache key; an entry lives only while its call runs, so the map stays small. */
  readonly inflight: Map<string, Broadcast<ReplyEvent>>;
  /** Rejection messages already logged as errors (bounded), so a bad key is reported once, not per request. */
  readonly reportedRejections: Set<string>;
}

/** The article a job answers from; a follow-up's says whether it changed since the conversation began. */
export interface JobArticle extends ResolvedArticle {
  readonly changedSince?: { readonly version: number };
}

/** One request, reduced to what differs between /summary, /ask and a follow-up. */
export interface Job {
  readonly context: RequestContext;
  readonly resolve: () => Promise<JobArticle>;
  readonly identity: (article: Article) => Omit<CacheIdentity, 'promptHash' | 'model'>;
  readonly run: (answerer: Answerer, article: Article) => AsyncIterable<AnswerEvent>;
  readonly ttlMs: number;
  /** The asker left: stop waiting on another process's call (a running model call is shared, so never stopped). */
  readonly signal?: AbortSignal | undefined;
}

/** Usage accounting never fails a reply: a write that fails is logged and the reply goes on. */
export function bookkeep(room: Room, write: Promise<void>): Promise<void> {
  return write.catch((error: unknown) => room.logger.warn({ err: error }, 'usage not saved'));
}
