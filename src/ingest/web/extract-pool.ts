import type { WorkerPool } from '../../core/workers/pool.ts';
import { runWorkerJob } from '../../core/workers/run-job.ts';
import { processIngestPool } from '../worker-pool.ts';
import { type ExtractedPage, extractPage } from './extract.ts';

/** Page extraction as a worker job: Readability's cost on a stranger's page must never stall the event loop. */
export const EXTRACT_PAGE_JOB = 'extract-page';

export interface PageJob {
  readonly html: string;
  readonly url: string;
}

export function extractPageJob(job: PageJob): ExtractedPage {
  return extractPage(job.html, job.url);
}

export type PageExtractor = (html: string, url: string, signal?: AbortSignal) => Promise<ExtractedPage>;

/** The page could not be read within the caps; the message says why, and the page's URL. */
export class PageExtractionError extends Error {
  constructor(url: string, reason: string) {
    super(`${url}: ${reason}`);
    this.name = 'PageExtractionError';
  }
}

/** Extracts pages in `pool` (by default the process's page pool); a failure names the page and the reason. */
export function pooledPageExtractor(pool: () => WorkerPool = processIngestPool): PageExtractor {
  return (html, url, signal) =>
    runWorkerJob<ExtractedPage>(pool(), EXTRACT_PAGE_JOB, { html, url }, signal, (error) =>
      error.failure === 'aborted' ? undefined : new PageExtractionError(url, error.message),
    );
}
