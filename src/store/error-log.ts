import type { Logger } from '../log.ts';

/** At most one "store error" line per namespace per this long; the ones in between are counted in the next. */
export const STORE_ERROR_LOG_INTERVAL_MS = 10_000;

/**
 * Logs a namespace's storage errors without flooding: Keyv reports every failed operation, so a 10-second Redis
 * restart under load used to print hundreds of identical warnings. The first error is logged at once; later ones
 * at most every STORE_ERROR_LOG_INTERVAL_MS, with how many were left out since the last line.
 */
export function throttledErrorLog(
  logger: Logger,
  context: Record<string, unknown>,
  now: () => number = Date.now,
): (error: unknown) => void {
  let lastLoggedAt = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return (error) => {
    const at = now();
    if (at - lastLoggedAt < STORE_ERROR_LOG_INTERVAL_MS) {
      suppressed++;
      return;
    }
    logger.warn(
      { err: error, ...context, ...(suppressed > 0 ? { alsoSinceLastLine: suppressed } : {}) },
      'store error',
    );
    lastLoggedAt = at;
    suppressed = 0;
  };
}
