import { type Logger, silentLogger } from '../../core/log.ts';
import { WORKER_IDLE_MS, WorkerJobError, type WorkerPool } from '../../core/workers/pool.ts';
import type { TermAnalyzer } from '../../text/analyzer.ts';
import { analysedPart, type CatalogueEntry, type CatalogueSource, toCatalogueEntry } from './catalogue.ts';
import { CATALOGUE_JOB, processCataloguePool } from './catalogue-pool.ts';

/** Articles per worker job: enough to pay one message for many, few enough that a job stays short. */
export const CATALOGUE_BATCH_ARTICLES = 64;
/** Characters per job (beyond its first article): a batch of long articles splits rather than make one big message. */
export const CATALOGUE_BATCH_CHARS = 1_000_000;
/** After the worker failed, entries are analysed in the process this long before a worker is tried again. */
export const CATALOGUE_WORKER_RETRY_MS = 5_000;
/** One job the worker runs and one queued behind it, so it never waits for the event loop between batches. */
const JOBS_IN_FLIGHT = 2;

interface Waiting {
  readonly source: CatalogueSource;
  readonly chars: number;
  readonly resolve: (entry: CatalogueEntry) => void;
  readonly reject: (error: unknown) => void;
}

type WorkerState = 'cold' | 'starting' | 'ready';

function sourceChars(source: CatalogueSource): number {
  let chars = source.title.length;
  for (const paragraph of source.paragraphs) chars += paragraph.length + 1;
  return chars;
}

/**
 * Makes catalogue entries in a worker, batched: while the worker analyses one batch, the next one gathers (at most
 * CATALOGUE_BATCH_ARTICLES articles and CATALOGUE_BATCH_CHARS characters), and leaves when the worker is free.
 * Each article crosses as only the part its entry is made from (analysedPart), never its whole body.
 *
 * An entry is never lost or held up by the worker: while the worker starts, and for CATALOGUE_WORKER_RETRY_MS after
 * it crashed, ran over its budget or was closed, entries are analysed in the process with `analyzer` — the same
 * function on the same text, so the entry is the same either way.
 */
export class CatalogueBatches {
  private readonly waiting: Waiting[] = [];
  /** Jobs sent and not yet answered, to call back when the worker fails (a new worker would only delay them). */
  private readonly inFlight = new Set<AbortController>();
  private sendScheduled = false;
  private worker: WorkerState = 'cold';
  private retryAt = 0;
  private answeredAt = 0;

  constructor(
    /** The pool to use, or null to analyse every entry in the process. */
    private readonly pool: (() => WorkerPool) | null,
    private readonly analyzer: TermAnalyzer,
    private readonly logger: Logger = silentLogger,
    private readonly now: () => number = () => performance.now(),
  ) {}

  entryFor(article: CatalogueSource): Promise<CatalogueEntry> {
    if (!this.workerReady()) return this.inProcess(article);
    return new Promise((resolve, reject) => {
      const source = analysedPart(article);
      this.waiting.push({ source, chars: sourceChars(source), resolve, reject });
      this.scheduleSend();
    });
  }

  /** Once per turn of upserts (they reach here together), not once per article. */
  private scheduleSend(): void {
    if (this.sendScheduled || this.inFlight.size >= JOBS_IN_FLIGHT || this.waiting.length === 0) return;
    this.sendScheduled = true;
    setImmediate(() => {
      this.sendScheduled = false;
      this.sendNext();
    });
  }

  private async inProcess(article: CatalogueSource): Promise<CatalogueEntry> {
    return toCatalogueEntry(article, this.analyzer);
  }

  /** Whether entries go to the worker now; starts one (answering an empty batch) when it is time to try. */
  private workerReady(): boolean {
    // An idle pool ends its worker; starting a new one must not hold up the entries that find it gone.
    if (this.worker === 'ready' && this.now() - this.answeredAt > WORKER_IDLE_MS / 2) this.worker = 'cold';
    if (this.worker !== 'cold' || !this.pool || this.now() < this.retryAt) return this.worker === 'ready';
    this.worker = 'starting';
    this.pool()
      .run<CatalogueEntry[]>(CATALOGUE_JOB, [])
      .then(
        () => {
          if (this.worker !== 'starting') return;
          this.worker = 'ready';
          this.answeredAt = this.now();
        },
        (error: unknown) => this.workerFailed(error),
      );
    return false;
  }

  private sendNext(): void {
    const pool = this.pool;
    const batch = this.nextBatch();
    if (batch.length === 0 || !pool) return;
    const job = new AbortController();
    this.inFlight.add(job);
    pool()
      .run<CatalogueEntry[]>(
        CATALOGUE_JOB,
        batch.map((waiting) => waiting.source),
        { signal: job.signal },
      )
      .then(
        (entries) => this.settle(batch, entries),
        (error: unknown) => this.settle(batch, error),
      )
      .finally(() => {
        this.inFlight.delete(job);
        this.scheduleSend();
      });
    this.scheduleSend();
  }

  private settle(batch: readonly Waiting[], answer: CatalogueEntry[] | unknown): void {
    if (Array.isArray(answer) && answer.length === batch.length) {
      this.answeredAt = this.now();
      for (const [i, waiting] of batch.entries()) waiting.resolve(answer[i] as CatalogueEntry);
      return;
    }
    const calledBack = answer instanceof WorkerJobError && answer.failure === 'aborted';
    if (!calledBack) {
      this.workerFailed(
        Array.isArray(answer) ? new Error(`${answer.length} entries for ${batch.length}`) : answer,
      );
    }
    this.analyseHere(batch);
  }

  /**
   * A worker with nothing to do gets half of what waits, the other half follows as the next job: the event loop
   * then has entries to write while the worker makes the next ones, instead of the two taking turns.
   */
  private nextBatch(): Waiting[] {
    const share = this.inFlight.size === 0 ? Math.ceil(this.waiting.length / 2) : this.waiting.length;
    const most = Math.min(share, CATALOGUE_BATCH_ARTICLES);
    let chars = 0;
    let count = 0;
    for (const waiting of this.waiting) {
      if (count === most || (count > 0 && chars + waiting.chars > CATALOGUE_BATCH_CHARS)) break;
      chars += waiting.chars;
      count++;
    }
    return this.waiting.splice(0, count);
  }

  /** Entries the worker did not make, and those still waiting for it, are made here (the worker is out for now). */
  private workerFailed(error: unknown): void {
    this.logger.warn(
      { err: error, retryInMs: CATALOGUE_WORKER_RETRY_MS },
      'catalogue worker failed: analysing catalogue entries in this process for now',
    );
    this.worker = 'cold';
    this.retryAt = this.now() + CATALOGUE_WORKER_RETRY_MS;
    for (const job of this.inFlight) job.abort();
    this.analyseHere(this.waiting.splice(0));
  }

  private analyseHere(batch: readonly Waiting[]): void {
    for (const waiting of batch) this.inProcess(waiting.source).then(waiting.resolve, waiting.reject);
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
