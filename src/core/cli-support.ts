import { type Config, ConfigError, loadConfig } from './config.ts';
import { UserFacingError } from './errors.ts';
import { createLogger, type Logger, redactSecrets, secretsOf } from './log.ts';

/**
 * Runs a command-line entry with a loaded config and a stderr logger. Operator mistakes (bad config, a
 * UserFacingError) print one clear line to stderr and exit 1; anything else propagates with its stack.
 */
export async function runWithConfig(
  body: (config: Config, logger: Logger) => Promise<number>,
  load: () => Config = () => loadConfig(),
): Promise<number> {
  let config: Config;
  try {
    config = load();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const secrets = secretsOf(config);
  const logger = createLogger(config.logLevel, 2, secrets);
  try {
    return await body(config, logger);
  } catch (error) {
    if (error instanceof UserFacingError) {
      console.error(redactSecrets(error.message, secrets));
      return 1;
    }
    throw error;
  }
}

/** Resolves with the first SIGINT or SIGTERM: long-running commands stop cleanly on either. */
export function nextShutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}
