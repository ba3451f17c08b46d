import type { AutocompleteInteraction } from 'discord.js';
import type { Logger } from '../core/log.ts';
import type { CommandDeps, SlashCommand } from './command.ts';
import { describeOptions } from './failure-report.ts';

/** An autocomplete, routed to its command; a failure is logged and answered with no choices, never left to time out. */
export async function runAutocomplete(
  byName: ReadonlyMap<string, SlashCommand>,
  deps: CommandDeps,
  logger: Logger,
  interaction: AutocompleteInteraction,
): Promise<void> {
  try {
    const command = byName.get(interaction.commandName);
    if (command?.autocomplete) await command.autocomplete(interaction, deps);
    else await interaction.respond([]);
  } catch (error) {
    logger.warn(
      { err: error, command: interaction.commandName, options: describeOptions(interaction) },
      'autocomplete failed',
    );
    if (interaction.responded) return;
    await interaction.respond([]).catch((respondError: unknown) => {
      logger.warn({ err: respondError, command: interaction.commandName }, 'could not answer autocomplete');
    });
  }
}
