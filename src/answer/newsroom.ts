import type { Article } from '../articles/article.ts';
import { silentLogger } from '../core/log.ts';
import { cacheKey } from './cache.ts';
import { bookkeep, type Job, type NewsroomDeps, type Room } from './newsroom-deps.ts';
import { modelReply } from './newsroom-flight.ts';
import { followUpJob } from './newsroom-follow-up.ts';
import { offlineReply, overBudget } from './newsroom-offline.ts';
import type { AskRequest, Newsroom, ReplyEvent, RequestContext, SummaryRequest } from './newsroom-types.ts';
import { resolveArticle, validateQuestion } from './resolve.ts';
import type { AnswerResult } from './types.ts';

export type { NewsroomDeps, NewsroomSettings } from './newsroom-deps.ts';

/**
 * The answer service every transport calls: resolves the article, then serves the reply from the cache, the
 * model (one call shared by identical requests in flight, src/answer/newsroom-flight.ts) or the offline answerer
 * (no API key, over budget, model down: src/answer/newsroom-offline.ts).
 */
export function createNewsroom(deps: NewsroomDeps): Newsroom {
  const room: Room = {
    ...deps,
    logger: deps.logger ?? silentLogger,
    now: deps.now ?? (() => new Date()),
    inflight: new Map(),
    reportedRejections: new Set(),
  };
  return {
    summary: (request) => serve(room, summaryJob(room, request)),
    async *ask(request) {
      const question = validateQuestion(request.question);
      yield* serve(room, askJob(room, request, question));
    },
    async *followUp(request) {
      const question = validateQuestion(request.question);
      yield* serve(room, followUpJob(room, request, question));
    },
  };
}

function summaryJob(room: Room, request: SummaryRequest): Job {
  return {
    context: request.context,
    resolve: () => resolveArticle(room.store, request.article),
    identity: (article) => ({
      kind: 'summary',
      article: articleKey(article),
      language: request.language,
      length: request.length,
    }),
    run: (answerer, article) =>
      answerer.summarize(article, { length: request.length, language: request.language }),
    ttlMs: room.settings.summaryTtlMs,
    signal: request.signal,
  };
}

function askJob(room: Room, request: AskRequest, question: string): Job {
  return {
    context: request.context,
    resolve: () => resolveArticle(room.store, request.article, question),
    identity: (article) => ({
      kind: 'answer',
      article: articleKey(article),
      language: request.language,
      question,
    }),
    run: (answerer, article) => answerer.answer(article, question, { language: request.language }),
    ttlMs: room.settings.answerTtlMs,
    signal: request.signal,
  };
}

const articleKey = (article: Article) => ({ id: article.id, hash: article.hash });

async function* serve(room: Room, job: Job): AsyncGenerator<ReplyEvent> {
  const { article, pickedBy, changedSince } = await job.resolve();
  yield {
    type: 'article',
    article,
    disclaimer: article.disclaimer ?? room.settings.sourceDisclaimer,
    pickedBy,
    ...(changedSince ? { changedSince } : {}),
  };
  const model = room.model;
  if (!model) return yield* offlineReply(room, job, article, 'no-api-key');
  const identity = job.identity(article);
  const key = cacheKey({ ...identity, promptHash: room.promptHash(identity.kind), model: room.modelName });
  const cached = await room.cache.get(key);
  if (cached) return yield* cachedReply(room, job.context, cached);
  if (!room.inflight.has(key) && (await overBudget(room, job.context)))
    return yield* offlineReply(room, job, article, 'over-budget');
  yield* modelReply(room, job, article, key, model);
}

async function* cachedReply(
  room: Room,
  context: RequestContext,
  cached: AnswerResult,
): AsyncGenerator<ReplyEvent> {
  await bookkeep(room, room.usage.recordCachedReply(context.guildId));
  yield { type: 'text', text: cached.text };
  for (const citation of cached.citations) yield { type: 'citation', citation };
  yield { type: 'done', result: { ...cached, cached: true } };
}
