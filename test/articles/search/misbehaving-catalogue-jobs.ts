import type { CatalogueSource } from '../../../src/articles/search/catalogue.ts';
import { CATALOGUE_JOB, catalogueJobHandler } from '../../../src/articles/search/catalogue-pool.ts';
import { serveJobs } from '../../../src/core/workers/serve.ts';

/**
 * A catalogue worker that misbehaves on cue, for the store's fallback tests: it answers the start-up check and
 * ordinary batches like the real one, but a batch holding an article titled "CRASH…" kills the worker thread
 * mid-job, and one titled "STALL…" spins until the pool stops it for running over its budget.
 */
const analyse = catalogueJobHandler();

serveJobs({
  [CATALOGUE_JOB]: (sources: readonly CatalogueSource[]) => {
    if (sources.some((source) => source.title.startsWith('CRASH'))) process.exit(3);
    if (sources.some((source) => source.title.startsWith('STALL'))) for (;;);
    return analyse(sources);
  },
});
