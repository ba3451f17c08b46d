import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  CommandInteractionOption,
  Interaction,
} from 'discord.js';
import { UserFacingError } from '../errors.ts';
import { translate } from '../i18n/index.ts';
import type { Logger } from '../log.ts';
import type { CommandDeps, SlashCommand } from './command.ts';
import { classifyFailure } from './errors.ts';
import { ephemeral, renderNotice } from './render.ts';

export interface Router {
  /** Serves one interaction; never throws (every failure is answered or logged). */
  handle(interaction: Interaction): Promise<void>;
}

export interface RouterOptions {
  readonly commands: readonly SlashCommand[];
  readonly deps: CommandDeps;
  readonly logger: Logger;
}

/** The options as typed, for the log line of an unexpected failure (subcommands flattened one level). */
function describeOptions(interaction: ChatInputCommandInteraction | AutocompleteInteraction) {
  const flatten = (options: readonly CommandInteractionOption[]): CommandInteractionOption[] =>
    options.flatMap((option) => (option.options ? [option, ...flatten(option.options)] : [option]));
  return Object.fromEntries(flatten(interaction.options.data).map((option) => [option.name, option.value]));
}

/**
 * Tells the person who ran the command what went wrong, privately. A public "thinking…" reply cannot turn
 * ephemeral, so it is first finished with the notice (nothing stays thinking even if the rest fails), the notice
 * is sent ephemerally, and the public copy removed.
 */
async function sendNotice(interaction: ChatInputCommandInteraction, text: string): Promise<void> {
  const notice = renderNotice(text);
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply(ephemeral(notice));
    return;
  }
  if (interaction.replied) {
    await interaction.followUp(ephemeral(notice));
    return;
  }
  await interaction.editReply(notice);
  if (interaction.ephemeral) return;
  await interaction.followUp(ephemeral(notice));
  await interaction.deleteReply();
}

export function createRouter({ commands, deps, logger }: RouterOptions): Router {
  const byName = new Map(commands.map((command) => [command.data.name, command]));

  async function reportFailure(interaction: ChatInputCommandInteraction, error: unknown): Promise<void> {
    const command = interaction.commandName;
    const failure = classifyFailure(error);
    if (failure.kind === 'interaction-gone') {
      logger.warn({ command, reason: failure.reason }, 'interaction no longer accepts replies');
      return;
    }
    if (failure.kind === 'user') logger.info({ command, code: failure.code }, 'user-facing problem');
    else logger.error({ err: error, command, options: describeOptions(interaction) }, 'command failed');
    const text =
      failure.kind === 'user' ? failure.message : translate(interaction.locale, 'error.unexpected');
    try {
      await sendNotice(interaction, text);
    } catch (noticeError) {
      logger.warn({ err: noticeError, command }, 'could not tell the user about a failure');
    }
  }

  async function runCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const command = byName.get(interaction.commandName);
    if (!command) {
      const message = translate(interaction.locale, 'error.unknown-command');
      await reportFailure(interaction, new UserFacingError(message, 'unknown-command'));
      return;
    }
    // Model-backed: the deferral goes out before anything else, and the work runs while it is in flight.
    const acknowledged = command.defer ? interaction.deferReply().then(() => {}) : Promise.resolve();
    const abort = new AbortController();
    acknowledged.catch(() => abort.abort());
    try {
      await command.execute(interaction, { ...deps, acknowledged, signal: abort.signal });
      await acknowledged;
      if (!interaction.replied) throw new Error(`/${interaction.commandName} finished without replying`);
    } catch (error) {
      // Settle the deferral first: its refusal (too late, already answered) explains everything after it.
      const refused = await acknowledged.then(
        () => undefined,
        (ackError: unknown) => ackError,
      );
      await reportFailure(interaction, refused ?? error);
    }
  }

  async function runAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
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

  return {
    async handle(interaction) {
      if (interaction.isChatInputCommand()) await runCommand(interaction);
      else if (interaction.isAutocomplete()) await runAutocomplete(interaction);
    },
  };
}
