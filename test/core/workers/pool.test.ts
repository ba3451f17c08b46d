import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkerPool, type WorkerPool, type WorkerPoolOptions } from '../../../src/core/workers/pool.ts';
import { PROJECT_ROOT } from '../../support/subprocess.ts';

const ENTRY = new URL('./test-jobs.ts', import.meta.url);
const pools: WorkerPool[] = [];

function pool(overrides: Partial<WorkerPoolOptions> = {}): WorkerPool {
  const created = createWorkerPool({
    name: 'test jobs',
    entry: ENTRY,
    size: 1,
    jobBudgetMs: 5_000,
    maxQueuedJobs: 10,
    idleMs: 60_000,
    maxHeapMb: 64,
    ...overrides,
  });
  pools.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((created) => created.close()));
});

describe('the worker pool', () => {
  it('GIVEN a job THEN a worker thread (TypeScript through tsx) runs it and returns its result', async () => {
    await expect(pool().run('echo', 'hello')).resolves.toBe('hello');
  });

  it('GIVEN a job over its time budget THEN it fails as over-budget, and the next job still runs', async () => {
    const jobs = pool();
    await jobs.run('echo', 'warm'); // start-up is not part of a job's budget
    const started = Date.now();
    await expect(jobs.run('spin', 60_000, { budgetMs: 300 })).rejects.toMatchObject({
      failure: 'over-budget',
      message: 'test jobs: stopped after 300 ms (over its time budget)',
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect(jobs.run('echo', 'after')).resolves.toBe('after');
  });

  it('GIVEN a worker that exits or runs out of memory THEN its job fails as crashed and the pool carries on', async () => {
    const jobs = pool();
    await expect(jobs.run('exit', null)).rejects.toMatchObject({ failure: 'crashed' });
    await expect(jobs.run('hog', null)).rejects.toMatchObject({ failure: 'crashed' });
    await expect(jobs.run('echo', 'still here')).resolves.toBe('still here');
  }, 30_000);

  it('GIVEN a job that throws THEN it fails with the job’s own message', async () => {
    await expect(pool().run('fail', null)).rejects.toMatchObject({
      failure: 'failed',
      message: 'the input was not valid',
    });
  });

  it('GIVEN more jobs than workers plus queue THEN at most `size` workers run and the excess is refused', async () => {
    const jobs = pool({ size: 2, maxQueuedJobs: 1 });
    const accepted = Array.from({ length: 3 }, (_, index) => jobs.run('spin', 200 + index));
    await expect(jobs.run('echo', 'one too many')).rejects.toMatchObject({ failure: 'queue-full' });
    await expect(Promise.all(accepted)).resolves.toEqual(['finished', 'finished', 'finished']);
    expect(jobs.size()).toBe(2);
  });

  it('GIVEN close() with work running and waiting THEN both fail as closed and no worker is left', async () => {
    const jobs = pool();
    const running = expect(jobs.run('spin', 60_000)).rejects.toMatchObject({ failure: 'closed' });
    const waiting = expect(jobs.run('echo', 'never')).rejects.toMatchObject({ failure: 'closed' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await jobs.close();
    await running;
    await waiting;
    expect(jobs.size()).toBe(0);
    await expect(jobs.run('echo', 'late')).rejects.toMatchObject({ failure: 'closed' });
  });

  it('GIVEN a cancelled request THEN its running job is stopped', async () => {
    const jobs = pool();
    await jobs.run('echo', 'warm');
    const controller = new AbortController();
    const running = jobs.run('spin', 60_000, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(running).rejects.toMatchObject({ failure: 'aborted' });
    await expect(jobs.run('echo', 'next')).resolves.toBe('next');
  });

  it('GIVEN a process whose pool ran a job THEN it ends when its work is done, not when the idle worker times out', async () => {
    const script = path.join(import.meta.dirname, 'run-one-job.ts');
    const started = Date.now();
    const { stdout } = await promisify(execFile)(path.join(PROJECT_ROOT, 'node_modules/.bin/tsx'), [script], {
      timeout: 50_000,
    });
    expect(stdout.trim()).toBe('done');
    expect(Date.now() - started).toBeLessThan(30_000); // the worker's idle timeout is 60 s
  }, 60_000);
});
