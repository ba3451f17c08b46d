import { consoleFlags, runConsole } from '../console/main.ts';
import { runWithConfig } from '../core/cli-support.ts';
import type { Config } from '../core/config.ts';
import type { Logger } from '../core/log.ts';
import { openNewsroom } from './runtime.ts';

/** The console over a newsroom opened from the config; the flags are read before anything is opened. */
export async function startConsole(
  config: Config,
  logger: Logger,
  options: { readonly argv: readonly string[]; readonly reason?: string },
): Promise<number> {
  const flags = consoleFlags(options.argv);
  const runtime = await openNewsroom(config, logger);
  try {
    const services = {
      newsroom: runtime.newsroom,
      store: runtime.store,
      logger,
      sourceDisclaimer: config.sourceDisclaimer,
    };
    return await runConsole(config, services, { flags, reason: options.reason, provider: runtime.provider });
  } finally {
    await runtime.close();
  }
}

/** `npm run console [-- --eval "/summary" …]` */
export function run(argv: readonly string[]): Promise<number> {
  return runWithConfig((config, logger) => startConsole(config, logger, { argv }));
}
