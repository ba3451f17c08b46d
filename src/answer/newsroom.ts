import type { Article, ArticleStore } from '../articles/article.ts';
import { nextMidnight } from '../core/calendar.ts';
import { errorMessage } from '../core/errors.ts';
import { type Logger, silentLogger } from '../core/log.ts';
import { Broadcast } from './broadcast.ts';
import { type AnswerCache, type CacheIdentity, cacheKey } from './cache.ts';
import { isUncited, withheldReply } from './newsroom-grounding.ts';
import type {
  AskRequest,
  Newsroom,
  ReplyEvent,
  ReplyResult,
  RequestContext,
  SummaryRequest,
} from './newsroom-types.ts';
import { type ResolvedArticle, resolveArticle, validateQuestion } from './resolve.ts';
import type { AnswerEvent, Answerer, AnswerResult, FallbackReason } from './types.ts';
import { budgetTokens, type UsageLedger } from './usage.ts';

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
}

/** One request, reduced to what differs between /summary and /ask. */
interface Job {
  readonly context: RequestContext;
  readonly resolve: () => Promise<ResolvedArticle>;
  readonly identity: (article: Article) => Omit<CacheIdentity, 'promptHash' | 'model'>;
  readonly run: (answerer: Answerer, article: Article) => AsyncIterable<AnswerEvent>;
  readonly ttlMs: number;
}

export function createNewsroom(deps: NewsroomDeps): Newsroom {
  const logger = deps.logger ?? silentLogger;
  const now = deps.now ?? (() => new Date());
  /** In-flight model calls by cache key; an entry lives only while its call runs, so the map stays small. */
  const inflight = new Map<string, Broadcast<ReplyEvent>>();
  const reportedRejections = new Set<string>();

  async function overBudget(context: RequestContext): Promise<boolean> {
    const budget = deps.settings.guildDailyTokenBudget;
    if (budget <= 0 || context.guildId === null) return false;
    // A store hiccup must not turn into a refused answer: unknown usage counts as within budget.
    const days = await deps.usage.days(context.guildId, 1).catch((error: unknown) => {
      logger.warn({ err: error }, 'usage unreadable; budget not checked');
      return [];
    });
    const today = days[0];
    return today !== undefined && budgetTokens(today) >= budget;
  }

  /** When the guild's budget comes back: its next local midnight (UTC if its zone cannot be read). */
  const budgetResets = (guildId: string | null) =>
    deps.usage.accountingDay(guildId).then(
      ({ zone, endsAt }) => ({ zone, resetsAt: endsAt.toISOString() }),
      () => ({ zone: 'UTC', resetsAt: nextMidnight(now(), 'UTC').toISOString() }),
    );

  /** Usage accounting never fails a reply: a write that fails is logged and the reply goes on. */
  const bookkeep = (write: Promise<void>) =>
    write.catch((error: unknown) => logger.warn({ err: error }, 'usage not saved'));

  function warnOperator(reason: FallbackReason, error: unknown): void {
    if (reason !== 'rejected') {
      logger.warn({ reason, err: errorMessage(error) }, 'model unavailable; serving the offline answer');
      return;
    }
    const message = errorMessage(error);
    if (reportedRejections.size < 100 && !reportedRejections.has(message)) {
      reportedRejections.add(message);
      logger.error(
        { err: message },
        'The Anthropic API rejected the request (check ANTHROPIC_API_KEY, ANTHROPIC_MODEL and account access); serving offline answers',
      );
    }
  }

  async function* offlineReply(
    job: Job,
    article: Article,
    reason: FallbackReason,
  ): AsyncGenerator<ReplyEvent> {
    for await (const event of job.run(deps.offline, article)) {
      if (event.type !== 'done') {
        yield event;
        continue;
      }
      await bookkeep(deps.usage.recordOfflineReply(job.context.guildId));
      let result: ReplyResult = { ...event.result, fallbackReason: reason, cached: false };
      const firstNoticeToday =
        reason === 'over-budget' &&
        (await deps.usage.claimBudgetNotice(job.context.guildId).catch(() => false));
      if (firstNoticeToday) result = { ...result, budgetNotice: await budgetResets(job.context.guildId) };
      yield { type: 'done', result };
    }
  }

  function withhold(job: Job, article: Article, uncited: AnswerResult): Promise<AnswerResult> {
    const { kind, language } = job.identity(article);
    logger.info({ kind, article: article.id }, 'model reply cited nothing; not shown as the answer');
    const offline = () => job.run(deps.offline, article);
    const onError = (error: unknown) => logger.warn({ err: error }, 'offline sentences unavailable');
    return withheldReply(uncited, kind, language, offline, onError);
  }

  async function produce(
    flight: Broadcast<ReplyEvent>,
    job: Job,
    article: Article,
    key: string,
    model: Answerer,
  ) {
    let streamed = false;
    try {
      let result: AnswerResult | undefined;
      for await (const event of job.run(model, article)) {
        if (event.type === 'done') result = event.result;
        else {
          if (!streamed) flight.push({ type: 'writing' });
          streamed = true;
          flight.push(event);
        }
      }
      if (!result) throw new Error('the model stream ended without a result');
      if (isUncited(result)) result = await withhold(job, article, result);
      // The reply goes out first; the bookkeeping follows. The flight stays registered until the cache entry is
      // written, so an identical request arriving meanwhile joins it instead of calling the model again.
      flight.push({ type: 'done', result: { ...result, cached: false } });
      flight.finish();
      await Promise.all([
        bookkeep(deps.usage.recordModelCall(job.context.guildId, result.model, result.usage)),
        deps.cache.set(key, result, job.ttlMs),
      ]);
      return;
    } catch (error) {
      const known = deps.classifyError(error);
      if (known === null) logger.error({ err: error }, 'unexpected model failure');
      const reason = known ?? 'server-error';
      warnOperator(reason, error);
      if (streamed) flight.push({ type: 'restart', reason });
      try {
        for await (const event of offlineReply(job, article, reason)) flight.push(event);
      } catch (offlineError) {
        flight.fail(offlineError);
        return;
      }
    }
    flight.finish();
  }

  async function* serve(job: Job): AsyncGenerator<ReplyEvent> {
    const { article, pickedBy } = await job.resolve();
    yield {
      type: 'article',
      article,
      disclaimer: article.disclaimer ?? deps.settings.sourceDisclaimer,
      pickedBy,
    };
    const model = deps.model;
    if (!model) return yield* offlineReply(job, article, 'no-api-key');
    const identity = job.identity(article);
    const key = cacheKey({ ...identity, promptHash: deps.promptHash(identity.kind), model: deps.modelName });
    const cached = await deps.cache.get(key);
    if (cached) {
      await bookkeep(deps.usage.recordCachedReply(job.context.guildId));
      yield { type: 'text', text: cached.text };
      for (const citation of cached.citations) yield { type: 'citation', citation };
      return yield { type: 'done', result: { ...cached, cached: true } };
    }
    if (!inflight.has(key) && (await overBudget(job.context)))
      return yield* offlineReply(job, article, 'over-budget');
    // From here to set() nothing awaits, so concurrent identical requests cannot both start a model call.
    const running = inflight.get(key);
    if (running) return yield* joinFlight(running, job.context);
    const flight = new Broadcast<ReplyEvent>();
    inflight.set(key, flight);
    void produce(flight, job, article, key, model).finally(() => inflight.delete(key));
    yield* flight.subscribe();
  }

  /**
   * A request that shares another's model call costs nothing: it is reported (and counted) as cached. When that
   * call failed over to the offline answer, the shared reply is an offline one and is counted as such, so every
   * reply shown is in the ledger once.
   */
  async function* joinFlight(
    flight: Broadcast<ReplyEvent>,
    context: RequestContext,
  ): AsyncGenerator<ReplyEvent> {
    for await (const event of flight.subscribe()) {
      if (event.type !== 'done') {
        yield event;
        continue;
      }
      if (event.result.provider !== 'anthropic') {
        await bookkeep(deps.usage.recordOfflineReply(context.guildId));
        yield event;
        continue;
      }
      await bookkeep(deps.usage.recordCachedReply(context.guildId));
      yield { type: 'done', result: { ...event.result, cached: true } };
    }
  }

  return {
    summary(request: SummaryRequest) {
      return serve({
        context: request.context,
        resolve: () => resolveArticle(deps.store, request.article),
        identity: (article) => ({
          kind: 'summary',
          article: articleKey(article),
          language: request.language,
          length: request.length,
        }),
        run: (answerer, article) =>
          answerer.summarize(article, { length: request.length, language: request.language }),
        ttlMs: deps.settings.summaryTtlMs,
      });
    },
    async *ask(request: AskRequest) {
      const question = validateQuestion(request.question);
      yield* serve({
        context: request.context,
        resolve: () => resolveArticle(deps.store, request.article, question),
        identity: (article) => ({
          kind: 'answer',
          article: articleKey(article),
          language: request.language,
          question,
        }),
        run: (answerer, article) => answerer.answer(article, question, { language: request.language }),
        ttlMs: deps.settings.answerTtlMs,
      });
    },
  };
}

const articleKey = (article: Article) => ({ id: article.id, hash: article.hash });
