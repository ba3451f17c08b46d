import { type Logger, silentLogger } from '../log.ts';
import { WORKER_IDLE_MS, WorkerJobError, type WorkerPool } from './pool.ts';

export interface JobBatchesOptions<I, O> {
  /** The pool to use, or null to do every item in the process. */
  readonly pool: (() => WorkerPool) | null;
  /** The job the worker runs: it takes an array of inputs and answers an array of outputs, in the same order. */
  readonly job: string;
  /** The same work in this process (while the worker starts, and after it failed): same input, same output. */
  readonly inProcess: (input: I) => O | Promise<O>;
  /** Items per job: enough to pay one message for many, few enough that a job stays short. */
  readonly maxItems: number;
  /** What an item weighs (characters, say) and the most a job carries beyond its first item. */
  readonly weigh?: (input: I) => number;
  readonly maxWeight?: number;
  /** After the worker failed, items are done in the process this long before a worker is tried again. */
  readonly retryMs: number;
  /**
   * For work whose input is not bounded: when a job runs over its budget or crashes the worker, each of its items
   * is tried again alone in the worker, and the one that fails alone gets this output — it is never redone in the
   * process, on the thread that must stay responsive, with no heap limit. Without it, the job's items are done in
   * the process (fine for inputs the caller has already bounded).
   */
  readonly failedAlone?: (input: I, error: WorkerJobError) => O;
  /** The warning logged when the worker fails: what it was and what is done instead. */
  readonly failureWarning: string;
  readonly logger?: Logger;
  readonly now?: () => number;
}

interface Waiting<I, O> {
  readonly input: I;
  readonly weight: number;
  readonly resolve: (output: O) => void;
  readonly reject: (error: unknown) => void;
}

type WorkerState = 'cold' | 'starting' | 'ready';

/** A job that ran the worker past its budget or out of memory: its input may be what did it. */
const costly = (error: WorkerJobError) => error.failure === 'over-budget' || error.failure === 'crashed';

/** One job the worker runs and one queued behind it, so it never waits for the event loop between batches. */
const JOBS_IN_FLIGHT = 2;

/**
 * Runs items through a worker job in batches: while the worker does one batch, the next one gathers (at most
 * maxItems items and maxWeight), and leaves when the worker is free.
 *
 * An item is never lost or held up by the worker: while the worker starts, and for retryMs after it crashed, ran
 * over its budget or was closed, items are done in the process with `inProcess` — the same function on the same
 * input, so the output is the same either way.
 */
export class JobBatches<I, O> {
  private readonly waiting: Waiting<I, O>[] = [];
  /** Jobs sent and not yet answered, to call back when the worker fails (a new worker would only delay them). */
  private readonly inFlight = new Set<AbortController>();
  private sendScheduled = false;
  private worker: WorkerState = 'cold';
  private retryAt = 0;
  private answeredAt = 0;
  private readonly now: () => number;

  constructor(private readonly options: JobBatchesOptions<I, O>) {
    this.now = options.now ?? (() => performance.now());
  }

  run(input: I): Promise<O> {
    if (!this.workerReady()) return this.inProcess(input);
    return new Promise((resolve, reject) => {
      this.waiting.push({ input, weight: this.options.weigh?.(input) ?? 0, resolve, reject });
      this.scheduleSend();
    });
  }

  /** Once per turn of callers (they reach here together), not once per item. */
  private scheduleSend(): void {
    if (this.sendScheduled || this.inFlight.size >= JOBS_IN_FLIGHT || this.waiting.length === 0) return;
    this.sendScheduled = true;
    setImmediate(() => {
      this.sendScheduled = false;
      this.sendNext();
    });
  }

  private async inProcess(input: I): Promise<O> {
    return this.options.inProcess(input);
  }

  /** Whether items go to the worker now; starts one (answering an empty batch) when it is time to try. */
  private workerReady(): boolean {
    // An idle pool ends its worker; starting a new one must not hold up the items that find it gone.
    if (this.worker === 'ready' && this.now() - this.answeredAt > WORKER_IDLE_MS / 2) this.worker = 'cold';
    if (this.worker !== 'cold' || !this.options.pool || this.now() < this.retryAt)
      return this.worker === 'ready';
    this.worker = 'starting';
    this.options
      .pool()
      .run<O[]>(this.options.job, [])
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
    const pool = this.options.pool;
    const batch = this.nextBatch();
    if (batch.length === 0 || !pool) return;
    const job = new AbortController();
    this.inFlight.add(job);
    pool()
      .run<O[]>(
        this.options.job,
        batch.map((waiting) => waiting.input),
        { signal: job.signal },
      )
      .then(
        (outputs) => this.settle(batch, outputs),
        (error: unknown) => this.settle(batch, error),
      )
      .finally(() => {
        this.inFlight.delete(job);
        this.scheduleSend();
      });
    this.scheduleSend();
  }

  private settle(batch: readonly Waiting<I, O>[], answer: O[] | unknown): void {
    if (Array.isArray(answer) && answer.length === batch.length) {
      this.answeredAt = this.now();
      for (const [i, waiting] of batch.entries()) waiting.resolve(answer[i] as O);
      return;
    }
    const { pool, failedAlone } = this.options;
    if (pool && failedAlone && answer instanceof WorkerJobError && costly(answer)) {
      this.workerFailed(answer);
      for (const waiting of batch) this.alone(waiting, pool, failedAlone);
      return;
    }
    const calledBack = answer instanceof WorkerJobError && answer.failure === 'aborted';
    if (!calledBack) {
      this.workerFailed(
        Array.isArray(answer) ? new Error(`${answer.length} results for ${batch.length} items`) : answer,
      );
    }
    this.doHere(batch);
  }

  /**
   * A worker with nothing to do gets half of what waits, the other half follows as the next job: the event loop
   * then has results to use while the worker does the next ones, instead of the two taking turns.
   */
  private nextBatch(): Waiting<I, O>[] {
    const share = this.inFlight.size === 0 ? Math.ceil(this.waiting.length / 2) : this.waiting.length;
    const most = Math.min(share, this.options.maxItems);
    const maxWeight = this.options.maxWeight ?? Number.POSITIVE_INFINITY;
    let weight = 0;
    let count = 0;
    for (const waiting of this.waiting) {
      if (count === most || (count > 0 && weight + waiting.weight > maxWeight)) break;
      weight += waiting.weight;
      count++;
    }
    return this.waiting.splice(0, count);
  }

  /** Items the worker did not do, and those still waiting for it, are done here (the worker is out for now). */
  private workerFailed(error: unknown): void {
    const { logger = silentLogger, retryMs, failureWarning } = this.options;
    logger.warn({ err: error, retryInMs: retryMs }, failureWarning);
    this.worker = 'cold';
    this.retryAt = this.now() + retryMs;
    for (const job of this.inFlight) job.abort();
    this.doHere(this.waiting.splice(0));
  }

  /** One item of a job that failed, tried in a job of its own (see failedAlone). */
  private alone(
    waiting: Waiting<I, O>,
    pool: () => WorkerPool,
    failedAlone: (input: I, error: WorkerJobError) => O,
  ): void {
    pool()
      .run<O[]>(this.options.job, [waiting.input])
      .then(
        (outputs) => {
          if (outputs.length === 1) waiting.resolve(outputs[0] as O);
          else this.doHere([waiting]);
        },
        (error: unknown) => {
          if (error instanceof WorkerJobError && costly(error))
            waiting.resolve(failedAlone(waiting.input, error));
          else this.doHere([waiting]);
        },
      );
  }

  private doHere(batch: readonly Waiting<I, O>[]): void {
    for (const waiting of batch) this.inProcess(waiting.input).then(waiting.resolve, waiting.reject);
  }
}
