import { availableParallelism } from 'node:os';
import type { Article } from '../articles/article.ts';
import { UserFacingError } from '../core/errors.ts';
import {
  createWorkerPool,
  WORKER_IDLE_MS,
  WORKER_MAX_HEAP_MB,
  type WorkerJobError,
  type WorkerPool,
  type WorkerPoolOptions,
} from '../core/workers/pool.ts';
import { runWorkerJob } from '../core/workers/run-job.ts';
import { readableParagraphs } from './extractive/document.ts';
import { createExtractiveAnswerer } from './extractive/index.ts';
import type { AnswerEvent, Answerer, AnswerOptions, SummarizeOptions } from './types.ts';

/**
 * The offline (extractive) answerer behind the Answerer interface, run in the worker pool: scoring a long article
 * is the one piece of answering whose CPU grows with text a stranger wrote, and it must never hold up the event
 * loop that acknowledges interactions. The worker computes the whole reply; its events are replayed here.
 */

type OfflineJob =
  | { readonly kind: 'summarize'; readonly article: Article; readonly options: SummarizeOptions }
  | {
      readonly kind: 'answer';
      readonly article: Article;
      readonly question: string;
      readonly options: AnswerOptions;
    };

export const OFFLINE_JOB = 'offline-answer';

const OFFLINE_JOBS_ENTRY = new URL('./offline-jobs.ts', import.meta.url);
/** A backstop: within the document caps (extractive/document.ts) an answer costs well under 2 s of CPU. */
export const OFFLINE_JOB_BUDGET_MS = 10_000;

/** Up to two workers serve offline answers, leaving a core to the event loop. */
export function createOfflinePool(overrides: Partial<WorkerPoolOptions> = {}): WorkerPool {
  return createWorkerPool({
    name: 'offline answer',
    entry: OFFLINE_JOBS_ENTRY,
    size: Math.max(1, Math.min(2, availableParallelism() - 1)),
    jobBudgetMs: OFFLINE_JOB_BUDGET_MS,
    maxQueuedJobs: 200,
    idleMs: WORKER_IDLE_MS,
    maxHeapMb: WORKER_MAX_HEAP_MB,
    ...overrides,
  });
}

/**
 * Only what the answerer reads crosses to the worker (document.ts bounds it): paragraphs past the document limit
 * stay behind, and a paragraph past the per-paragraph limit goes one character longer than read, so the worker
 * still sees that it was cut.
 */
function readablePart(article: Article): Article {
  const paragraphs = readableParagraphs(article.paragraphs, 1);
  return paragraphs.length === article.paragraphs.length &&
    paragraphs.every((p, i) => p === article.paragraphs[i])
    ? article
    : { ...article, paragraphs };
}

/** Errors a member sees: what happened and what to do. */
function explain(error: WorkerJobError): Error | undefined {
  if (error.failure === 'over-budget' || error.failure === 'crashed') {
    return new UserFacingError(
      'This article is too much for the offline answer (it was stopped after its time limit). Try a shorter article.',
      'offline-over-budget',
    );
  }
  if (error.failure === 'queue-full') {
    return new UserFacingError(
      'The offline answerer is busy right now. Try again in a minute.',
      'offline-busy',
    );
  }
  return undefined;
}

async function* replay(pool: WorkerPool, job: OfflineJob, signal?: AbortSignal): AsyncGenerator<AnswerEvent> {
  const { options, ...rest } = job;
  // An AbortSignal cannot cross to the worker; the pool ends the job (and its worker) when it fires.
  const { signal: _omitted, ...plainOptions } = options;
  const input = { ...rest, article: readablePart(job.article), options: plainOptions };
  yield* await runWorkerJob<AnswerEvent[]>(pool, OFFLINE_JOB, input, signal, explain);
}

export function createPooledOfflineAnswerer(pool: WorkerPool): Answerer {
  return {
    name: 'extractive',
    summarize: (article, options) => replay(pool, { kind: 'summarize', article, options }, options.signal),
    answer: (article, question, options) =>
      replay(pool, { kind: 'answer', article, question, options }, options.signal),
  };
}

/** The worker side: one extractive answerer per worker thread, so its document cache and WordNet stay warm. */
export function offlineJobHandler(): (job: OfflineJob) => Promise<AnswerEvent[]> {
  const answerer = createExtractiveAnswerer();
  return async (job) => {
    const events: AnswerEvent[] = [];
    const stream =
      job.kind === 'summarize'
        ? answerer.summarize(job.article, job.options)
        : answerer.answer(job.article, job.question, job.options);
    for await (const event of stream) events.push(event);
    return events;
  };
}
