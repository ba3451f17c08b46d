import { nextShutdownSignal, runWithConfig } from '../core/cli-support.ts';

export const NO_TOKEN_NO_TERMINAL =
  'DISCORD_TOKEN is not set and there is no terminal: set DISCORD_TOKEN (see .env.example) to run the bot, or run `npm run console` in a terminal to try newsdesk locally.';

/**
 * `npm start`: the Discord bot when a token is configured (one process, or a ShardingManager of this machine's
 * shards when SHARD_COUNT is above 1); otherwise, in a terminal, the local console on the bundled articles, so a
 * newcomer sees it work in two commands; otherwise one clear line and exit 1.
 */
export function run(argv: readonly string[]): Promise<number> {
  return runWithConfig(async (config, logger) => {
    if (config.discord.token) {
      // Listen before starting: a SIGTERM during start-up must still end in a clean stop, not a kill.
      const shutdown = nextShutdownSignal();
      const { launchBot } = await import('./shards/launch.ts');
      const bot = await launchBot(config, logger);
      const signal = await Promise.race([shutdown, bot.ended]);
      logger.info({ signal }, 'shutting down');
      await bot.stop();
      return 0;
    }
    if (!process.stdin.isTTY || !process.stdout.isTTY) {
      console.error(NO_TOKEN_NO_TERMINAL);
      return 1;
    }
    const { startConsole } = await import('./console.ts');
    return startConsole(config, logger, { argv, reason: 'no-token' });
  });
}
