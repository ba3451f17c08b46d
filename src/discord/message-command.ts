import type {
  MessageContextMenuCommandInteraction,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import { refuseUnlessAllowed } from '../../commands/access.ts';
import type { Command, CommandReply, RawOptions } from '../../commands/types.ts';
import type { UserFacingError } from '../core/errors.ts';
import type { Logger } from '../core/log.ts';
import { type CommandContext, type CommandDeps, guildOnlyRefusal, isGuildOnly } from './command.ts';
import { commandRequestOf } from './interaction-input.ts';
import { presentAnswer, presentNotice } from './present.ts';
import { unavailableCommand } from './unavailable.ts';

/**
 * Message commands (type 3: a message's Apps menu) as the router serves them. The target message arrives in the
 * interaction (`resolved.messages`, with its content whatever the bot's intents) and is read as the option
 * `message`: its text, then the links of its embeds (a digest post or a link preview), cut to a bound.
 */

/** What is read of the target message: commands/ reads less (MESSAGE_SCAN_MAX_CHARS); this only bounds the copy. */
const TARGET_MAX_CHARS = 16_000;
const MAX_EMBED_LINKS = 10;

export interface MessageCommand {
  readonly data: RESTPostAPIContextMenuApplicationCommandsJSONBody;
  /** Model-backed: the router acknowledges with a public deferral, unless the reply is ready first. */
  readonly defer: boolean;
  /** Whose cooldown a use counts against (the command it does the work of). */
  readonly countsAs: string;
  execute(interaction: MessageContextMenuCommandInteraction, context: CommandContext): Promise<void>;
}

/** The target message's text and the links of its embeds, as commands/ reads them. */
export function targetOptions(interaction: MessageContextMenuCommandInteraction): RawOptions {
  const message = interaction.targetMessage;
  const links = message.embeds
    .slice(0, MAX_EMBED_LINKS)
    .map((embed) => embed.url)
    .filter((url): url is string => typeof url === 'string');
  const text = [message.content.slice(0, TARGET_MAX_CHARS), ...links].join('\n');
  return { values: { message: text } };
}

/**
 * An answer is shown as every answer is (live, with the answer's buttons); a notice privately when it is ready
 * before the deferral, else in the deferred reply.
 */
async function present(
  interaction: MessageContextMenuCommandInteraction,
  reply: CommandReply,
  context: CommandContext,
): Promise<void> {
  if (reply.kind === 'answer') return presentAnswer(interaction, reply, context);
  if (reply.kind !== 'notice') throw new Error(`a message command replied with a ${reply.kind}`);
  await presentNotice(interaction, reply.text, context);
}

export async function executeMessageCommand(
  command: Command<CommandDeps>,
  interaction: MessageContextMenuCommandInteraction,
  context: CommandContext,
): Promise<void> {
  const request = commandRequestOf(interaction, context.signal);
  refuseUnlessAllowed(command.data, request);
  const reply = await command.execute(targetOptions(interaction), { ...context, request });
  await present(interaction, reply, context);
}

/** The command, if it may run here: an unknown (stale) one, or a guild-only one outside a server, is refused. */
export function messageCommandFor(
  byName: ReadonlyMap<string, MessageCommand>,
  logger: Logger,
  interaction: MessageContextMenuCommandInteraction,
): MessageCommand | UserFacingError {
  const command = byName.get(interaction.commandName);
  if (!command) return unavailableCommand(logger, interaction);
  if (isGuildOnly(command.data) && !interaction.inGuild())
    return guildOnlyRefusal(interaction, command.data.name);
  return command;
}
