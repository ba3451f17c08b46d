import { describe, expect, it } from 'vitest';
import { WorkerJobError, type WorkerPool } from '../../../src/core/workers/pool.ts';
import { runWorkerJob } from '../../../src/core/workers/run-job.ts';

/** A pool whose every job fails with `error` (or returns `output`), recording the options it was given. */
function poolThat(outcome: { error?: unknown; output?: unknown }) {
  const calls: unknown[] = [];
  const pool: WorkerPool = {
    async run<T>(kind: string, input: unknown, options?: unknown): Promise<T> {
      calls.push({ kind, input, options });
      if ('error' in outcome) throw outcome.error;
      return outcome.output as T;
    },
    size: () => 0,
    close: async () => {},
  };
  return { pool, calls };
}

class DomainError extends Error {}

describe('runWorkerJob', () => {
  it('GIVEN a job that succeeds THEN returns its output, the signal handed to the pool', async () => {
    const { pool, calls } = poolThat({ output: 42 });
    const signal = new AbortController().signal;
    expect(await runWorkerJob(pool, 'count', { n: 1 }, signal, () => undefined)).toBe(42);
    expect(calls).toEqual([{ kind: 'count', input: { n: 1 }, options: { signal } }]);
  });

  it('GIVEN a WorkerJobError the mapping names THEN the domain error is thrown instead', async () => {
    const { pool } = poolThat({ error: new WorkerJobError('over-budget', 'pages: stopped') });
    const run = runWorkerJob(
      pool,
      'page',
      {},
      undefined,
      (error) => new DomainError(`page: ${error.message}`),
    );
    await expect(run).rejects.toBeInstanceOf(DomainError);
    await expect(run).rejects.toThrow('page: pages: stopped');
  });

  it('GIVEN a WorkerJobError the mapping leaves alone THEN it passes unchanged', async () => {
    const aborted = new WorkerJobError('aborted', 'cancelled');
    const { pool } = poolThat({ error: aborted });
    await expect(runWorkerJob(pool, 'page', {}, undefined, () => undefined)).rejects.toBe(aborted);
  });

  it('GIVEN any other error THEN it passes unchanged and the mapping is not asked', async () => {
    const other = new TypeError('not a worker failure');
    const { pool } = poolThat({ error: other });
    const asked: unknown[] = [];
    const run = runWorkerJob(pool, 'page', {}, undefined, (error) => {
      asked.push(error);
      return new DomainError();
    });
    await expect(run).rejects.toBe(other);
    expect(asked).toEqual([]);
  });
});
