import { Worker } from 'node:worker_threads';
import { type JobMessage, READY_MESSAGE, type ReplyMessage } from './protocol.ts';

/**
 * A small bounded pool of worker threads for CPU-heavy work on untrusted input (page extraction, offline
 * answers): the event loop that acknowledges Discord interactions never runs it. Each job has a time budget; a
 * job over it has its worker terminated (the only way to stop synchronous work) and fails with a reason. A worker
 * that crashes or runs out of memory fails its job and is replaced on the next one. Written on node:worker_threads
 * rather than tinypool/piscina: neither terminates a job over a time budget, and this is all the pool we need.
 */

const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url);
/** Loading tsx and the entry's modules; generous because 9 processes may share 2 cores. */
const WORKER_START_BUDGET_MS = 30_000;

export type WorkerJobFailure = 'over-budget' | 'crashed' | 'queue-full' | 'closed' | 'aborted' | 'failed';

/** A job that did not produce a result; `reason` says why in words an operator understands. */
export class WorkerJobError extends Error {
  constructor(
    readonly failure: WorkerJobFailure,
    message: string,
  ) {
    super(message);
    this.name = 'WorkerJobError';
  }
}

export interface WorkerPoolOptions {
  /** Name in error messages, e.g. "page extraction". */
  readonly name: string;
  /** A TypeScript module that calls serveJobs(). */
  readonly entry: URL;
  readonly size: number;
  readonly jobBudgetMs: number;
  /** Jobs waiting for a worker beyond this are refused at once (queue-full) instead of piling up. */
  readonly maxQueuedJobs: number;
  /** A worker with nothing to do for this long exits; the next job starts a new one. */
  readonly idleMs: number;
  /** V8 old-space limit per worker: a job that needs more fails (crashed) instead of growing the process. */
  readonly maxHeapMb: number;
}

/** A worker idle for a minute exits; starting one again costs about 0.3 s. */
export const WORKER_IDLE_MS = 60_000;
/** A 5 MB page parses into ~150 MB of DOM; 512 MB leaves room and still bounds a hostile one. */
export const WORKER_MAX_HEAP_MB = 512;

export interface RunOptions {
  readonly budgetMs?: number;
  readonly signal?: AbortSignal | undefined;
}

export interface WorkerPool {
  run<T>(kind: string, input: unknown, options?: RunOptions): Promise<T>;
  /** Workers alive now (for tests and the bench). */
  size(): number;
  /** Refuses new jobs, fails waiting and running ones ('closed'), and ends every worker. */
  close(): Promise<void>;
}

interface Job {
  readonly message: JobMessage;
  readonly budgetMs: number;
  readonly resolve: (output: unknown) => void;
  readonly reject: (error: WorkerJobError) => void;
}

/** A worker thread and the job it is running, if any. */
interface Slot {
  readonly worker: Worker;
  ready: boolean;
  job: Job | null;
  /** Start-up, job budget or idle timer, whichever applies now. */
  timer: NodeJS.Timeout | undefined;
}

class BoundedWorkerPool implements WorkerPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {}

  run<T>(kind: string, input: unknown, runOptions: RunOptions = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // One abort listener per job, removed when the job settles: callers pass long-lived signals (one per
      // ingestion run), which must not keep every finished job — and its megabytes of input — alive.
      const onAbort = () => this.abort(job);
      const detach = () => runOptions.signal?.removeEventListener('abort', onAbort);
      const job: Job = {
        message: { id: this.nextId++, kind, input },
        budgetMs: runOptions.budgetMs ?? this.options.jobBudgetMs,
        resolve: (output) => {
          detach();
          resolve(output as T);
        },
        reject: (error) => {
          detach();
          reject(error);
        },
      };
      if (this.closed) return this.fail(job, 'closed', 'shut down');
      if (runOptions.signal?.aborted) return this.fail(job, 'aborted', 'cancelled');
      if (this.queue.length >= this.options.maxQueuedJobs) {
        return this.fail(job, 'queue-full', `${this.queue.length} jobs already waiting; try again shortly`);
      }
      this.queue.push(job);
      runOptions.signal?.addEventListener('abort', onAbort, { once: true });
      this.dispatch();
    });
  }

  size(): number {
    return this.slots.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.fail(job, 'closed', 'shut down');
    const workers = [...this.slots].map((slot) => slot.worker);
    for (const slot of [...this.slots]) this.retire(slot, 'closed', 'shut down');
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private fail(job: Job, failure: WorkerJobFailure, message: string): void {
    job.reject(new WorkerJobError(failure, `${this.options.name}: ${message}`));
  }

  private dispatch(): void {
    while (!this.closed && this.queue.length > 0) {
      const free = [...this.slots].find((slot) => slot.job === null);
      const slot = free ?? (this.slots.size < this.options.size ? this.spawn() : null);
      const job = slot && this.queue.shift();
      if (!slot || !job) return;
      this.start(slot, job);
    }
  }

  /** A cancelled job leaves the queue, or has its worker stopped if it is running. */
  private abort(job: Job): void {
    const index = this.queue.indexOf(job);
    if (index !== -1) {
      this.queue.splice(index, 1);
      this.fail(job, 'aborted', 'cancelled');
      return;
    }
    const slot = [...this.slots].find((candidate) => candidate.job === job);
    if (slot) this.retire(slot, 'aborted', 'cancelled');
  }

  private spawn(): Slot {
    const worker = new Worker(BOOTSTRAP, {
      workerData: { entry: this.options.entry.href },
      // The bootstrap registers tsx itself; flags of the parent (a test runner's, a profiler's) stay out.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb },
      name: `newsdesk ${this.options.name}`,
    });
    const slot: Slot = { worker, ready: false, job: null, timer: undefined };
    slot.timer = setTimeout(
      () => this.retire(slot, 'crashed', `worker did not start within ${WORKER_START_BUDGET_MS} ms`),
      WORKER_START_BUDGET_MS,
    );
    worker.on('message', (message: ReplyMessage | typeof READY_MESSAGE) => this.onMessage(slot, message));
    worker.on('error', (error) => this.retire(slot, 'crashed', `worker crashed: ${error.message}`));
    worker.on('exit', (code) => this.retire(slot, 'crashed', `worker exited with code ${code}`));
    // An idle pool never keeps a process alive. After the listeners: adding a 'message' listener refs the worker
    // again (Node 20), and then every process that used the pool lived on until the worker's idle timeout.
    worker.unref();
    this.slots.add(slot);
    return slot;
  }

  /** Gives the slot its job; a worker still starting gets it posted once it says it is ready. */
  private start(slot: Slot, job: Job): void {
    slot.job = job;
    if (!slot.ready) return;
    clearTimeout(slot.timer);
    // Kept referenced: a process awaiting a job stays alive until the job ends or its budget runs out.
    slot.timer = setTimeout(
      () => this.retire(slot, 'over-budget', `stopped after ${job.budgetMs} ms (over its time budget)`),
      job.budgetMs,
    );
    slot.worker.postMessage(job.message);
  }

  private onMessage(slot: Slot, message: ReplyMessage | typeof READY_MESSAGE): void {
    if (message === READY_MESSAGE) {
      slot.ready = true;
      if (slot.job) this.start(slot, slot.job);
      else this.idle(slot);
      return;
    }
    const job = slot.job;
    if (!job || job.message.id !== message.id) return;
    // A job's own error is in its own words (why a page was refused); only the pool's failures carry its name.
    if (message.ok) job.resolve(message.output);
    else job.reject(new WorkerJobError('failed', message.message));
    this.idle(slot);
  }

  private idle(slot: Slot): void {
    slot.job = null;
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => this.retire(slot, 'closed', 'idle'), this.options.idleMs).unref();
    this.dispatch();
  }

  /** Ends the slot's worker; its job, if any, fails with the reason. */
  private retire(slot: Slot, failure: WorkerJobFailure, message: string): void {
    if (!this.slots.delete(slot)) return;
    clearTimeout(slot.timer);
    if (slot.job) this.fail(slot.job, failure, message);
    slot.job = null;
    void slot.worker.terminate();
    this.dispatch();
  }
}

export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  return new BoundedWorkerPool(options);
}

/**
 * One pool per process, made on first use by `create` (for jobs asked deep inside code that is passed no pool).
 * Its workers are unreferenced, so it never keeps a process alive; the runtime closes it on shutdown.
 */
export function processWidePool(create: () => WorkerPool): { get(): WorkerPool; close(): Promise<void> } {
  let shared: WorkerPool | undefined;
  return {
    get: () => {
      shared ??= create();
      return shared;
    },
    close: async () => {
      const pool = shared;
      shared = undefined;
      await pool?.close();
    },
  };
}
