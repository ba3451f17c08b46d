import { createWorkerPool } from '../../../src/core/workers/pool.ts';

/** Runs one job in a pool whose worker would idle for a minute, then lets the process end (if the pool lets it). */
const pool = createWorkerPool({
  name: 'test jobs',
  entry: new URL('./test-jobs.ts', import.meta.url),
  size: 1,
  jobBudgetMs: 5_000,
  maxQueuedJobs: 10,
  idleMs: 60_000,
  maxHeapMb: 64,
});
console.log(await pool.run('echo', 'done'));
