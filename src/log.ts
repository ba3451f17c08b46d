import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Logs go to stderr (fd 2) as JSON lines, so stdout stays clean for `--json` output and the console.
 * Synchronous writes: a crash or process.exit must not lose the line that explains it.
 */
export function createLogger(level: string, destination: number = 2): Logger {
  return pino({ level, base: null }, pino.destination({ fd: destination, sync: true }));
}

/** A logger that drops everything, for tests and library callers that pass none. */
export const silentLogger: Logger = pino({ level: 'silent' });
