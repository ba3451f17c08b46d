import { runWithConfig } from './cli-support.ts';
import { UserFacingError } from './errors.ts';

export const NO_TOKEN_NO_TERMINAL =
  'DISCORD_TOKEN is not set and there is no terminal: set DISCORD_TOKEN (see .env.example) to run the bot, or run `npm run console` in a terminal to try newsdesk locally.';

function waitForShutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

/** discord.js names a rejected token with a code; turn it into what the operator should do. */
function explainLoginFailure(error: unknown): never {
  if (error instanceof Error && 'code' in error && error.code === 'TokenInvalid') {
    throw new UserFacingError(
      'Discord rejected DISCORD_TOKEN. Copy the bot token again from the Developer Portal (Bot → Reset Token) into .env.',
      'token-invalid',
    );
  }
  throw error;
}

/**
 * `npm start`: the Discord bot when a token is configured; otherwise, in a terminal, the local console on the
 * bundled articles, so a newcomer sees it work in two commands; otherwise one clear line and exit 1.
 */
export function run(argv: readonly string[]): Promise<number> {
  return runWithConfig(async (config, logger) => {
    if (config.discord.token) {
      const { startBot } = await import('./discord/bot.ts');
      const bot = await startBot({ config, logger, shutdownSignals: [] }).catch(explainLoginFailure);
      const signal = await waitForShutdownSignal();
      logger.info({ signal }, 'shutting down');
      await bot.stop();
      return 0;
    }
    if (!process.stdin.isTTY || !process.stdout.isTTY) {
      console.error(NO_TOKEN_NO_TERMINAL);
      return 1;
    }
    const { runConsole } = await import('./console/main.ts');
    return runConsole(config, logger, { argv, reason: 'no-token' });
  });
}
