import type { CommandInteraction } from 'discord.js';
import { UserFacingError } from '../core/errors.ts';
import { translate } from '../core/i18n/index.ts';
import type { Logger } from '../core/log.ts';
import { DISCORD_LIMITS, escapeWithin } from './render.ts';

/** Discord's cap on a command's name. */

/**
 * A command Discord still shows but this bot does not serve (a registration newer or older than this process):
 * the member reads that it is not available yet; the fix is the operator's, so the hint goes to the log.
 */
export function unavailableCommand(logger: Logger, interaction: CommandInteraction): UserFacingError {
  const command = interaction.commandName;
  logger.warn(
    { command, hint: 'npm run deploy-commands' },
    'a command this bot does not serve was used: the registration is stale; run `npm run deploy-commands`',
  );
  // The name comes from the interaction: shown as plain text, at most a command name's 32 characters.
  const shown = escapeWithin(command, DISCORD_LIMITS.commandNameChars);
  return new UserFacingError(
    translate(interaction.locale, 'news.unavailable', { command: shown }),
    'command-unavailable',
  );
}
