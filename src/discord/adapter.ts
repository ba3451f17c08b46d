import { type ChatInputCommandInteraction, MessageFlags } from 'discord.js';
import { refuseUnlessAllowed } from '../../commands/access.ts';
import { COMMANDS } from '../../commands/index.ts';
import type { Acknowledgement, Command, CommandData } from '../../commands/types.ts';
import { autocompleteFromData } from './autocomplete.ts';
import type { CommandContext, CommandDeps, SlashCommand } from './command.ts';
import { commandRequestOf, rawOptionsOf } from './interaction-input.ts';
import { executeMessageCommand, type MessageCommand } from './message-command.ts';
import { presentReply } from './present.ts';
import { messageRegistrationOf, registrationOf } from './registration.ts';

/**
 * The Discord side of commands/: registration from the data, the interaction read into raw options, the
 * run-time Manage Server check, the deferral each (sub)command asks for, autocomplete, and the reply rendered.
 * The guild-only check and the public deferral happen in the router, which reads them off the SlashCommand.
 */

function acknowledgementOf(data: CommandData, interaction: ChatInputCommandInteraction): Acknowledgement {
  const subcommand = interaction.options.getSubcommand(false);
  return data.subcommands.find((sub) => sub.name === subcommand)?.acknowledgement ?? data.acknowledgement;
}

async function execute(
  command: Command<CommandDeps>,
  interaction: ChatInputCommandInteraction,
  context: CommandContext,
): Promise<void> {
  const { data } = command;
  const request = commandRequestOf(interaction, context.signal);
  // Checked when run as well as registered: a server may open a Manage Server command to anyone.
  refuseUnlessAllowed(data, request);
  const raw = rawOptionsOf(interaction);
  if (acknowledgementOf(data, interaction) === 'private-before-work')
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const reply = await command.execute(raw, { ...context, request });
  await presentReply(interaction, reply, context);
}

/** One command of commands/ as the router serves it. */
export function discordCommand(command: Command<CommandDeps>): SlashCommand {
  return {
    data: registrationOf(command.data),
    // Model-backed: the router sends the deferral before anything else, and the work runs while it is in flight.
    defer: command.data.acknowledgement === 'public-at-once',
    execute: (interaction, context) => execute(command, interaction, context),
    autocomplete: (interaction, deps) => autocompleteFromData(command.data, interaction, deps),
  };
}

/** One message command of commands/ (data.type.kind 'message') as the router serves it. */
export function discordMessageCommand(command: Command<CommandDeps>): MessageCommand {
  const { type } = command.data;
  if (typeof type !== 'object') throw new Error(`${command.data.name} is not a message command`);
  return {
    data: messageRegistrationOf(command.data, type.label),
    defer: command.data.acknowledgement === 'public-at-once',
    countsAs: type.countsAs,
    execute: (interaction, context) => executeMessageCommand(command, interaction, context),
  };
}

const isMessageCommand = (command: Command<CommandDeps>) => typeof command.data.type === 'object';

/** The bot's slash commands: the explicit list of commands/, each once, as Discord serves and registers them. */
export const DISCORD_COMMANDS: readonly SlashCommand[] = COMMANDS.filter((c) => !isMessageCommand(c)).map(
  discordCommand,
);

/** The bot's message commands (a message's Apps menu), from the same list. */
export const DISCORD_MESSAGE_COMMANDS: readonly MessageCommand[] =
  COMMANDS.filter(isMessageCommand).map(discordMessageCommand);
