import { availableParallelism } from 'node:os';
import { createWorkerPool, type WorkerPool, type WorkerPoolOptions } from './pool.ts';

/**
 * The pools a newsdesk process runs, sized for the 2-core machine the bot is meant for: one worker parses feeds and
 * extracts pages (ingest is background work; one at a time leaves a core to the bot), and up to two serve offline
 * answers.
 * Budgets are wall-clock backstops: within the input caps (src/ingest/web/limits.ts, document.ts) a job costs
 * under 2 s of CPU, so a job still running at its budget is one the caps did not foresee.
 */
const JOBS_ENTRY = new URL('./jobs.ts', import.meta.url);

export const INGEST_JOB_BUDGET_MS = 10_000;
export const OFFLINE_JOB_BUDGET_MS = 10_000;
/** A worker idle for a minute exits; starting one again costs about 0.3 s. */
const WORKER_IDLE_MS = 60_000;
/** A 5 MB page parses into ~150 MB of DOM; 512 MB leaves room and still bounds a hostile one. */
const WORKER_MAX_HEAP_MB = 512;

/** Pages and feeds: what a publisher wrote, parsed. */
export function createIngestPool(overrides: Partial<WorkerPoolOptions> = {}): WorkerPool {
  return createWorkerPool({
    name: 'ingest worker',
    entry: JOBS_ENTRY,
    size: 1,
    jobBudgetMs: INGEST_JOB_BUDGET_MS,
    maxQueuedJobs: 1_000,
    idleMs: WORKER_IDLE_MS,
    maxHeapMb: WORKER_MAX_HEAP_MB,
    ...overrides,
  });
}

export function createOfflinePool(overrides: Partial<WorkerPoolOptions> = {}): WorkerPool {
  return createWorkerPool({
    name: 'offline answer',
    entry: JOBS_ENTRY,
    size: Math.max(1, Math.min(2, availableParallelism() - 1)),
    jobBudgetMs: OFFLINE_JOB_BUDGET_MS,
    maxQueuedJobs: 200,
    idleMs: WORKER_IDLE_MS,
    maxHeapMb: WORKER_MAX_HEAP_MB,
    ...overrides,
  });
}

/**
 * One ingest pool per process, created on the first feed or page: they are parsed deep inside feed polling, whose
 * callers (poller, item reader) pass no pool. Its workers are unreferenced, so it never keeps a process alive;
 * the bot's runtime closes it on shutdown.
 */
let sharedIngestPool: WorkerPool | undefined;

export function processIngestPool(): WorkerPool {
  sharedIngestPool ??= createIngestPool();
  return sharedIngestPool;
}

export async function closeProcessIngestPool(): Promise<void> {
  const pool = sharedIngestPool;
  sharedIngestPool = undefined;
  await pool?.close();
}
