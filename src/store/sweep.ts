import type { Logger } from '../core/log.ts';

/** How often expired entries are removed; with nothing expired a run is one index look-up (~0.1 ms on SQLite). */
export const SWEEP_INTERVAL_MS = 60_000;
/** Statements per sweep run: on SQLite ≤ 6,250 rows a run (375,000 an hour per namespace), each statement short. */
export const SWEEP_STATEMENTS_PER_RUN = 25;

/** One bounded step of a sweep: `done` once nothing is left to look at in this run. */
export type SweepStep = () => Promise<{ readonly done: boolean; readonly deleted: number }>;

export interface ExpirySweepOptions {
  readonly logger: Logger;
  readonly namespace: string;
  readonly intervalMs?: number | undefined;
  readonly statementsPerRun?: number;
}

/**
 * Runs one sweep: `step` until it is done or the run's budget of statements is spent. Each step is one short
 * statement and the loop awaits between them, so replies are served in between; what is left waits for the next
 * run. Resolves to the rows deleted.
 */
export async function sweepOnce(
  step: SweepStep,
  statementsPerRun = SWEEP_STATEMENTS_PER_RUN,
): Promise<number> {
  let deleted = 0;
  for (let n = 0; n < statementsPerRun; n++) {
    const result = await step();
    deleted += result.deleted;
    if (result.done) break;
  }
  return deleted;
}

/**
 * Removes a namespace's expired entries every `intervalMs`: keyv's SQL adapters only hide them (keyv #1804), so
 * without this the store grows forever. The timer never keeps the process alive; a failed run (a lock, a server
 * away) is logged and the next one tries again. Returns the stop function.
 */
export function startExpirySweep(step: SweepStep, options: ExpirySweepOptions): () => void {
  let running = false;
  const run = async () => {
    if (running) return; // A slow run is never overlapped by the next one.
    running = true;
    try {
      const deleted = await sweepOnce(step, options.statementsPerRun);
      if (deleted > 0)
        options.logger.debug({ namespace: options.namespace, deleted }, 'store: expired entries removed');
    } catch (error) {
      options.logger.warn(
        { err: error, namespace: options.namespace },
        'store: removing expired entries failed',
      );
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), options.intervalMs ?? SWEEP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
