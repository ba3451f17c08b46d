import type { Logger } from '../core/log.ts';

/** At most one line per kind of store problem per this long; the ones in between are counted in the next. */
export const STORE_ERROR_LOG_INTERVAL_MS = 10_000;

/**
 * Decides which of a stream of identical problems gets a log line: the first at once, later ones at most every
 * `intervalMs`, each with how many were left out since the previous line (an outage under load fails hundreds of
 * operations a second; the log should say so, not repeat it).
 */
export function logThrottle(
  intervalMs = STORE_ERROR_LOG_INTERVAL_MS,
  now: () => number = Date.now,
): () => { readonly log: boolean; readonly leftOut: number } {
  let lastLoggedAt = Number.NEGATIVE_INFINITY;
  let leftOut = 0;
  return () => {
    const at = now();
    if (at - lastLoggedAt < intervalMs) {
      leftOut++;
      return { log: false, leftOut };
    }
    const decision = { log: true, leftOut };
    lastLoggedAt = at;
    leftOut = 0;
    return decision;
  };
}

/** Keyv's 'error' events for one namespace, logged through a logThrottle. */
export function throttledErrorLog(
  logger: Logger,
  context: Record<string, unknown>,
  now: () => number = Date.now,
): (error: unknown) => void {
  const next = logThrottle(STORE_ERROR_LOG_INTERVAL_MS, now);
  return (error) => {
    const { log, leftOut } = next();
    if (!log) return;
    logger.warn(
      { err: error, ...context, ...(leftOut > 0 ? { alsoSinceLastLine: leftOut } : {}) },
      'store error',
    );
  };
}
