import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  CommandInteractionOption,
  MessageContextMenuCommandInteraction,
  ModalSubmitInteraction,
  RepliableInteraction,
} from 'discord.js';
import {
  catalogueEntry,
  DEFAULT_LOCALE,
  isMessageKey,
  primaryLanguage,
  translate,
} from '../core/i18n/index.ts';
import type { Logger } from '../core/log.ts';
import { logThrottle } from '../store/error-log.ts';
import { classifyFailure, type FailureKind } from './errors.ts';
import { ephemeral, renderNotice } from './render.ts';

/** What the router reports failures of: commands, buttons and modals. */
export type ReportedInteraction =
  | ChatInputCommandInteraction
  | ButtonInteraction
  | ModalSubmitInteraction
  | MessageContextMenuCommandInteraction;

/** A user-caused problem in the asker's language when the catalogue has it (`error.<code>`), else as thrown. */
function userMessage(locale: string, failure: Extract<FailureKind, { kind: 'user' }>): string {
  if (failure.inLocale) return failure.inLocale(locale);
  const key = `error.${failure.code}`;
  const language = primaryLanguage(locale);
  if (language === DEFAULT_LOCALE || !isMessageKey(key) || !catalogueEntry(language, key))
    return failure.message;
  return translate(language, key, failure.params);
}

/** An outage fails every command at once: one log line per kind of store problem every 10 s, with the count. */
function storeProblemLogger(logger: Logger) {
  const throttles = new Map<string, ReturnType<typeof logThrottle>>();
  return (command: string, failure: { readonly code: string; readonly message: string }) => {
    const throttle = throttles.get(failure.code) ?? logThrottle();
    throttles.set(failure.code, throttle);
    const { log, leftOut } = throttle();
    if (log)
      logger.error({ command, code: failure.code, problem: failure.message, leftOut }, 'store unavailable');
  };
}

function genericMessageKey(failure: FailureKind) {
  if (failure.kind !== 'store-unavailable') return 'error.unexpected';
  return failure.outage ? 'error.store-unavailable' : 'error.store-broken';
}

/** The options as typed, for the log line of an unexpected failure (subcommands flattened one level). */
export function describeOptions(interaction: ChatInputCommandInteraction | AutocompleteInteraction) {
  const flatten = (options: readonly CommandInteractionOption[]): CommandInteractionOption[] =>
    options.flatMap((option) => (option.options ? [option, ...flatten(option.options)] : [option]));
  return Object.fromEntries(flatten(interaction.options.data).map((option) => [option.name, option.value]));
}

/**
 * Tells the person who ran the command what went wrong, privately. A public "thinking…" reply cannot turn
 * ephemeral, so it is first finished with the notice (nothing stays thinking even if the rest fails), the notice
 * is sent ephemerally, and the public copy removed.
 */
async function sendNotice(interaction: RepliableInteraction, text: string): Promise<void> {
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

/** What the log names: the command, or the button/modal custom id. */
export const labelOf = (interaction: ReportedInteraction) =>
  interaction.isCommand() ? interaction.commandName : interaction.customId;

/** Logs a failure by what it means and tells the person who ran the command, privately. Never throws. */
export type FailureReporter = (interaction: ReportedInteraction, error: unknown) => Promise<void>;

export function createFailureReporter(logger: Logger): FailureReporter {
  const logStoreProblem = storeProblemLogger(logger);
  return async (interaction, error) => {
    const command = labelOf(interaction);
    const failure = classifyFailure(error);
    if (failure.kind === 'interaction-gone') {
      logger.warn({ command, reason: failure.reason }, 'interaction no longer accepts replies');
      return;
    }
    if (failure.kind === 'user') logger.info({ command, code: failure.code }, 'user-facing problem');
    else if (failure.kind === 'store-unavailable') logStoreProblem(command, failure);
    else {
      const options = interaction.isChatInputCommand() ? describeOptions(interaction) : {};
      logger.error({ err: error, command, options }, 'command failed');
    }
    const text =
      failure.kind === 'user'
        ? userMessage(interaction.locale, failure)
        : translate(interaction.locale, genericMessageKey(failure));
    try {
      await sendNotice(interaction, text);
    } catch (noticeError) {
      logger.warn({ err: noticeError, command }, 'could not tell the user about a failure');
    }
  };
}
