import type { CatalogueEntry, CatalogueSource } from '../../../src/articles/search/catalogue.ts';
import { WorkerJobError, type WorkerPool } from '../../../src/core/workers/pool.ts';

export interface RecordedJob {
  readonly articles: number;
  /** Characters of title and paragraphs that crossed to the worker. */
  readonly chars: number;
  readonly paragraphs: number;
  ended?: 'answered' | string;
  entries?: CatalogueEntry[];
}

/** The real pool, remembering what crossed to its worker and how each job ended (what an operator would trace). */
export function recording(pool: WorkerPool): WorkerPool & { readonly jobs: RecordedJob[] } {
  const jobs: RecordedJob[] = [];
  return {
    jobs,
    async run<T>(kind: string, input: unknown, options?: Parameters<WorkerPool['run']>[2]): Promise<T> {
      const sources = input as CatalogueSource[];
      const job: RecordedJob = {
        articles: sources.length,
        chars: sources.reduce((sum, s) => sum + s.title.length + s.paragraphs.join('').length, 0),
        paragraphs: sources.reduce((sum, s) => sum + s.paragraphs.length, 0),
      };
      jobs.push(job);
      try {
        const output = await pool.run<T>(kind, input, options);
        job.ended = 'answered';
        job.entries = output as CatalogueEntry[];
        return output;
      } catch (error) {
        job.ended = error instanceof WorkerJobError ? error.failure : 'failed';
        throw error;
      }
    },
    size: () => pool.size(),
    close: () => pool.close(),
  };
}
