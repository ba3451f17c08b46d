import {
  createWorkerPool,
  processWidePool,
  WORKER_IDLE_MS,
  WORKER_MAX_HEAP_MB,
  type WorkerPool,
  type WorkerPoolOptions,
} from '../core/workers/pool.ts';

/**
 * The ingest pool: one worker parses feeds and extracts pages (ingest is background work; one at a time leaves a
 * core to the bot on the 2-core machine it is meant for). Its entry loads only ingest code.
 * The budget is a wall-clock backstop: within the input caps (src/ingest/web/limits.ts) a job costs under 2 s of
 * CPU, so a job still running at its budget is one the caps did not foresee.
 */
const INGEST_JOBS_ENTRY = new URL('./worker-jobs.ts', import.meta.url);

export const INGEST_JOB_BUDGET_MS = 10_000;

/** Pages and feeds: what a publisher wrote, parsed. */
export function createIngestPool(overrides: Partial<WorkerPoolOptions> = {}): WorkerPool {
  return createWorkerPool({
    name: 'ingest worker',
    entry: INGEST_JOBS_ENTRY,
    size: 1,
    jobBudgetMs: INGEST_JOB_BUDGET_MS,
    maxQueuedJobs: 1_000,
    idleMs: WORKER_IDLE_MS,
    maxHeapMb: WORKER_MAX_HEAP_MB,
    ...overrides,
  });
}

/**
 * The ingest pool of this process, made on the first feed or page: they are parsed deep inside feed polling, whose
 * callers (poller, item reader) pass no pool.
 */
const ingestPools = processWidePool(createIngestPool);

export const processIngestPool = (): WorkerPool => ingestPools.get();
export const closeProcessIngestPool = (): Promise<void> => ingestPools.close();
