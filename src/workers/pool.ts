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

export interface RunOptions {
  readonly budgetMs?: number;
  readonly signal?: AbortSignal;
}

export interface WorkerPool {
  run<T>(kind: string, input: unknown, options?: RunOptions): Promise<T>;
  /** Workers alive now (for tests and the bench). */
  readonly size: () => number;
  /** Refuses new jobs, fails waiting and running ones ('closed'), and ends every worker. */
  close(): Promise<void>;
}

interface Job {
  readonly message: JobMessage;
  readonly budgetMs: number;
  readonly signal: AbortSignal | undefined;
  readonly resolve: (output: unknown) => void;
  readonly reject: (error: WorkerJobError) => void;
}

interface Slot {
  readonly worker: Worker;
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | undefined;
}

export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const slots = new Set<Slot>();
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;

  const fail = (job: Job, failure: WorkerJobFailure, message: string) =>
    job.reject(new WorkerJobError(failure, `${options.name}: ${message}`));

  function retire(slot: Slot, failure: WorkerJobFailure, message: string): void {
    if (!slots.delete(slot)) return;
    clearTimeout(slot.timer);
    if (slot.job) fail(slot.job, failure, message);
    slot.job = null;
    void slot.worker.terminate();
    dispatch();
  }

  function start(slot: Slot, job: Job): void {
    slot.job = job;
    job.signal?.addEventListener('abort', () => slot.job === job && retire(slot, 'aborted', 'cancelled'), {
      once: true,
    });
    if (!slot.ready) return; // posted once the worker says it is ready
    clearTimeout(slot.timer);
    // Kept referenced: a process awaiting a job stays alive until the job ends or its budget runs out.
    slot.timer = setTimeout(
      () => retire(slot, 'over-budget', `stopped after ${job.budgetMs} ms (over its time budget)`),
      job.budgetMs,
    );
    slot.worker.postMessage(job.message);
  }

  function idle(slot: Slot): void {
    slot.job = null;
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => retire(slot, 'closed', 'idle'), options.idleMs).unref();
    dispatch();
  }

  function onMessage(slot: Slot, message: ReplyMessage | typeof READY_MESSAGE): void {
    if (message === READY_MESSAGE) {
      slot.ready = true;
      const waiting = slot.job;
      if (waiting) start(slot, waiting);
      else idle(slot);
      return;
    }
    const job = slot.job;
    if (!job || job.message.id !== message.id) return;
    if (message.ok) job.resolve(message.output);
    else job.reject(new WorkerJobError('failed', message.message)); // the job's own words, e.g. why a page was refused
    idle(slot);
  }

  function spawn(): Slot {
    const worker = new Worker(BOOTSTRAP, {
      workerData: { entry: options.entry.href },
      // The bootstrap registers tsx itself; flags of the parent (a test runner's, a profiler's) stay out.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb },
      name: `newsdesk ${options.name}`,
    });
    worker.unref(); // an idle pool never keeps a process alive
    const slot: Slot = { worker, ready: false, job: null, timer: undefined };
    slot.timer = setTimeout(
      () => retire(slot, 'crashed', `worker did not start within ${WORKER_START_BUDGET_MS} ms`),
      WORKER_START_BUDGET_MS,
    );
    worker.on('message', (message: ReplyMessage | typeof READY_MESSAGE) => onMessage(slot, message));
    worker.on('error', (error) => retire(slot, 'crashed', `worker crashed: ${error.message}`));
    worker.on('exit', (code) => retire(slot, 'crashed', `worker exited with code ${code}`));
    slots.add(slot);
    return slot;
  }

  function dispatch(): void {
    while (!closed && queue.length > 0) {
      const free = [...slots].find((slot) => slot.job === null);
      const slot = free ?? (slots.size < options.size ? spawn() : null);
      const job = slot && queue.shift();
      if (!slot || !job) return;
      start(slot, job);
    }
  }

  function run<T>(kind: string, input: unknown, runOptions: RunOptions = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const job: Job = {
        message: { id: nextId++, kind, input },
        budgetMs: runOptions.budgetMs ?? options.jobBudgetMs,
        signal: runOptions.signal,
        resolve: resolve as (output: unknown) => void,
        reject,
      };
      if (closed) return fail(job, 'closed', 'shut down');
      if (runOptions.signal?.aborted) return fail(job, 'aborted', 'cancelled');
      if (queue.length >= options.maxQueuedJobs) {
        return fail(job, 'queue-full', `${queue.length} jobs already waiting; try again shortly`);
      }
      queue.push(job);
      runOptions.signal?.addEventListener('abort', () => dropQueued(job), { once: true });
      dispatch();
    });
  }

  function dropQueued(job: Job): void {
    const index = queue.indexOf(job);
    if (index === -1) return;
    queue.splice(index, 1);
    fail(job, 'aborted', 'cancelled');
  }

  return {
    run,
    size: () => slots.size,
    async close() {
      closed = true;
      for (const job of queue.splice(0)) fail(job, 'closed', 'shut down');
      const workers = [...slots].map((slot) => slot.worker);
      for (const slot of [...slots]) retire(slot, 'closed', 'shut down');
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
