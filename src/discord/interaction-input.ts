import {
  ApplicationCommandOptionType,
  type ChatInputCommandInteraction,
  type CommandInteraction,
  type CommandInteractionOption,
  PermissionFlagsBits,
} from 'discord.js';
import type { CommandRequest, RawOptions } from '../../commands/types.ts';

type Values = Record<string, string | number | boolean | undefined>;

function valuesOf(options: readonly CommandInteractionOption[]): Values {
  return Object.fromEntries(options.map((option) => [option.name, option.value ?? undefined]));
}

/** What the member typed, as the commands read it: option values by name (a channel as its id). */
export function rawOptionsOf(interaction: ChatInputCommandInteraction): RawOptions {
  const [first] = interaction.options.data;
  if (first?.type === ApplicationCommandOptionType.Subcommand)
    return { subcommand: first.name, values: valuesOf(first.options ?? []) };
  return { values: valuesOf(interaction.options.data) };
}

/** Who asks, where, in what language, and whether they may manage the server. */
export function commandRequestOf(interaction: CommandInteraction, signal: AbortSignal): CommandRequest {
  return {
    guildId: interaction.guildId,
    userId: interaction.user.id,
    locale: interaction.locale,
    guildLocale: interaction.guildLocale,
    // Missing permissions (a DM has none) mean no.
    mayManageServer: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) === true,
    signal,
  };
}
