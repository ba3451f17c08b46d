import {
  createWorkerPool,
  processWidePool,
  WORKER_IDLE_MS,
  type WorkerPool,
  type WorkerPoolOptions,
} from '../../core/workers/pool.ts';
import { TermAnalyzer } from '../../text/analyzer.ts';
import { type CatalogueEntry, type CatalogueSource, toCatalogueEntry } from './catalogue.ts';

/**
 * Catalogue analysis (toCatalogueEntry: stems and salient terms) as a worker job: it is half of what an upsert
 * costs, so bulk ingest runs it beside the event loop instead of on it.
 *
 * A pool of its own, not the ingest pool: that one is a single worker whose first-come queue also holds Summarize's
 * page extraction, which has a wall-clock budget; a steady stream of catalogue batches ahead of it would eat that
 * budget. And the store sits below ingest in the data flow, so it must not import ingest's pool.
 */
export const CATALOGUE_JOB = 'catalogue-entries';

const CATALOGUE_JOBS_ENTRY = new URL('./catalogue-jobs.ts', import.meta.url);

/**
 * A backstop: a full batch (CATALOGUE_BATCH_ARTICLES of at most MAX_ANALYSED_CHARS each) costs well under 1 s of
 * CPU. Upserts waiting on a job over it get their entries analysed in the process instead.
 */
export const CATALOGUE_JOB_BUDGET_MS = 5_000;

/**
 * The worker's memos are those of one TermAnalyzer (bounded per language and in languages, src/text/analyzer.ts);
 * a worker that still outgrows this is ended (crashed) and its batch analysed in the process.
 */
const CATALOGUE_WORKER_MAX_HEAP_MB = 512;

export function createCataloguePool(overrides: Partial<WorkerPoolOptions> = {}): WorkerPool {
  return createWorkerPool({
    name: 'catalogue worker',
    entry: CATALOGUE_JOBS_ENTRY,
    // One: the other core is the event loop's, which writes the rows the worker's entries are for.
    size: 1,
    jobBudgetMs: CATALOGUE_JOB_BUDGET_MS,
    // Each store keeps at most one job in flight (CatalogueBatches); this only bounds many stores in one process.
    maxQueuedJobs: 64,
    idleMs: WORKER_IDLE_MS,
    maxHeapMb: CATALOGUE_WORKER_MAX_HEAP_MB,
    ...overrides,
  });
}

/** The worker side: one analyzer per worker thread, so its memos stay warm from batch to batch. */
export function catalogueJobHandler(): (sources: readonly CatalogueSource[]) => CatalogueEntry[] {
  const analyzer = new TermAnalyzer();
  return (sources) => sources.map((source) => toCatalogueEntry(source, analyzer));
}

/**
 * The catalogue pool of this process, made on the first upsert that needs an entry: every store of the process
 * shares its worker (and the worker's warm memos).
 */
const cataloguePools = processWidePool(createCataloguePool);

export const processCataloguePool = (): WorkerPool => cataloguePools.get();
export const closeProcessCataloguePool = (): Promise<void> => cataloguePools.close();
