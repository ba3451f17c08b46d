import { WorkerJobError, type WorkerPool } from './pool.ts';

/**
 * What a caller makes of a job that did not produce a result: the domain error to throw instead (naming the page,
 * the feed, what the member can do), or undefined to let the WorkerJobError through as it is.
 */
export type WorkerFailureMapping = (error: WorkerJobError) => Error | undefined;

/** Runs one job in `pool`; a WorkerJobError becomes what `explain` makes of it, any other error passes unchanged. */
export async function runWorkerJob<T>(
  pool: WorkerPool,
  kind: string,
  input: unknown,
  signal: AbortSignal | undefined,
  explain: WorkerFailureMapping,
): Promise<T> {
  try {
    return await pool.run<T>(kind, input, { signal });
  } catch (error) {
    throw (error instanceof WorkerJobError ? explain(error) : undefined) ?? error;
  }
}
