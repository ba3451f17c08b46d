import { type Logger, silentLogger } from '../../core/log.ts';
import { JobBatches } from '../../core/workers/job-batches.ts';
import type { WorkerPool } from '../../core/workers/pool.ts';
import type { TermAnalyzer } from '../../text/analyzer.ts';
import { analysedPart, type CatalogueEntry, type CatalogueSource, toCatalogueEntry } from './catalogue.ts';
import { CATALOGUE_JOB, processCataloguePool } from './catalogue-pool.ts';

/** Articles per worker job: enough to pay one message for many, few enough that a job stays short. */
export const CATALOGUE_BATCH_ARTICLES = 64;
/** Characters per job (beyond its first article): a batch of long articles splits rather than make one big message. */
export const CATALOGUE_BATCH_CHARS = 1_000_000;
/** After the worker failed, entries are analysed in the process this long before a worker is tried again. */
export const CATALOGUE_WORKER_RETRY_MS = 5_000;

function sourceChars(source: CatalogueSource): number {
  let chars = source.title.length;
  for (const paragraph of source.paragraphs) chars += paragraph.length + 1;
  return chars;
}

/**
 * Makes catalogue entries in a worker, batched (src/core/workers/job-batches.ts). Each article crosses as only
 * the part its entry is made from (analysedPart), never its whole body. While the worker starts, and for a while
 * after it failed, entries are analysed in the process with `analyzer`: the same function on the same text, so
 * the entry is the same either way.
 */
export class CatalogueBatches {
  private readonly batches: JobBatches<CatalogueSource, CatalogueEntry>;

  constructor(
    /** The pool to use, or null to analyse every entry in the process. */
    pool: (() => WorkerPool) | null,
    analyzer: TermAnalyzer,
    logger: Logger = silentLogger,
    now: () => number = () => performance.now(),
  ) {
    this.batches = new JobBatches({
      pool,
      job: CATALOGUE_JOB,
      inProcess: (source) => toCatalogueEntry(source, analyzer),
      maxItems: CATALOGUE_BATCH_ARTICLES,
      weigh: sourceChars,
      maxWeight: CATALOGUE_BATCH_CHARS,
      retryMs: CATALOGUE_WORKER_RETRY_MS,
      failureWarning: 'catalogue worker failed: analysing catalogue entries in this process for now',
      logger,
      now,
    });
  }

  entryFor(article: CatalogueSource): Promise<CatalogueEntry> {
    return this.batches.run(analysedPart(article));
  }
}

/** A store's batches: through `workers`, by default the process's catalogue pool; null keeps them in the process. */
export function catalogueBatches(
  workers: WorkerPool | null | undefined,
  analyzer: TermAnalyzer,
  logger: Logger,
): CatalogueBatches {
  const pool = workers === undefined ? processCataloguePool : workers && (() => workers);
  return new CatalogueBatches(pool, analyzer, logger);
}
