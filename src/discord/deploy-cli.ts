import { parseArgs } from 'node:util';
import { runWithConfig } from '../core/cli-support.ts';
import { type Config, loadConfig } from '../core/config.ts';
import { UserFacingError } from '../core/errors.ts';
import { openKeyv } from '../store/keyv.ts';
import { DISCORD_COMMANDS, DISCORD_MESSAGE_COMMANDS } from './adapter.ts';
import { type ClientTuning, createDiscordRest } from './client.ts';
import { commandsBody, fetchApplicationId, putCommands, recordCommandsHash } from './deploy.ts';

const USAGE = 'Usage: npm run deploy-commands [-- --dry-run]';

export interface DeployCliDeps {
  readonly load?: () => Config;
  readonly rest?: ClientTuning['rest'];
}

/**
 * `npm run deploy-commands`: registers the whole command list, in DISCORD_GUILD_ID when set (instant, for
 * development), else globally. `--dry-run` prints the request body instead.
 */
export async function run(argv: readonly string[], deps: DeployCliDeps = {}): Promise<number> {
  let dryRun: boolean;
  try {
    dryRun =
      parseArgs({ args: [...argv], options: { 'dry-run': { type: 'boolean' } } }).values['dry-run'] ?? false;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const body = commandsBody([...DISCORD_COMMANDS, ...DISCORD_MESSAGE_COMMANDS]);
  if (dryRun) {
    process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    return 0;
  }
  return runWithConfig(
    async (config, logger) => {
      const token = config.discord.token;
      if (!token)
        throw new UserFacingError(
          'Set DISCORD_TOKEN in .env to register the slash commands.',
          'no-discord-token',
        );
      const rest = createDiscordRest(config.discord, token, deps.rest ? { rest: deps.rest } : {});
      const scope = { applicationId: await fetchApplicationId(rest), guildId: config.discord.guildId };
      await putCommands(rest, scope, body);
      // Remember what was registered, so the bot does not register the same list again at start.
      const meta = await openKeyv(config.storeUrl, { namespace: 'meta', logger });
      try {
        await recordCommandsHash(meta, scope, body);
      } finally {
        await meta.disconnect();
      }
      const where = scope.guildId ? `in guild ${scope.guildId}` : 'globally';
      console.error(
        `Registered ${body.length} commands ${where}: ${body.map((c) => (c.type === 3 ? `"${c.name}" (message menu)` : `/${c.name}`)).join(', ')}.`,
      );
      return 0;
    },
    deps.load ?? (() => loadConfig()),
  );
}
