import {
  InteractionContextType,
  type MessageContextMenuCommandInteraction,
  PermissionFlagsBits,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import { refuseUnlessAllowed } from '../../commands/access.ts';
import type { Command, CommandReply, CommandRequest, RawOptions } from '../../commands/types.ts';
import { UserFacingError } from '../core/errors.ts';
import { translate } from '../core/i18n/index.ts';
import type { Logger } from '../core/log.ts';
import { type CommandContext, type CommandDeps, guildOnlyRefusal } from './command.ts';
import type { CooldownVerdict } from './cooldowns.ts';
import { renderNotice } from './render.ts';
import { answerFromStream } from './reply.ts';
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
  /** Model-backed: the router sends a public deferral before `execute` runs. */
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

export function messageRequestOf(
  interaction: MessageContextMenuCommandInteraction,
  signal: AbortSignal,
): CommandRequest {
  return {
    guildId: interaction.guildId,
    userId: interaction.user.id,
    locale: interaction.locale,
    guildLocale: interaction.guildLocale,
    mayManageServer: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) === true,
    signal,
  };
}

/** An answer is shown as every answer is (live, with the answer's buttons); a notice in the deferred reply. */
async function present(
  interaction: MessageContextMenuCommandInteraction,
  reply: CommandReply,
  context: CommandContext,
): Promise<void> {
  if (reply.kind === 'answer') {
    await answerFromStream(interaction, reply.events, {
      ...context,
      language: reply.language,
      recording: { records: context.records, actions: context.answerActions, asked: reply.asked },
    });
    return;
  }
  if (reply.kind !== 'notice') throw new Error(`a message command replied with a ${reply.kind}`);
  await context.acknowledged;
  await interaction.editReply(renderNotice(reply.text));
}

export async function executeMessageCommand(
  command: Command<CommandDeps>,
  interaction: MessageContextMenuCommandInteraction,
  context: CommandContext,
): Promise<void> {
  const request = messageRequestOf(interaction, context.signal);
  refuseUnlessAllowed(command.data, request);
  const reply = await command.execute(targetOptions(interaction), { ...context, request });
  await present(interaction, reply, context);
}

/** What serving a message command uses of the router: the services, its cooldown check and failure reporting. */
export interface MessageCommandRouting {
  readonly byName: ReadonlyMap<string, MessageCommand>;
  readonly deps: CommandDeps;
  readonly logger: Logger;
  /** Takes one use of `name`'s window, telling the member when none is left. */
  take(name: string): Promise<CooldownVerdict>;
  report(error: unknown): Promise<void>;
}

/** The command, if it may run here: an unknown (stale) one, or a guild-only one outside a server, is refused. */
function messageCommandFor(
  routing: MessageCommandRouting,
  interaction: MessageContextMenuCommandInteraction,
): MessageCommand | UserFacingError {
  const command = routing.byName.get(interaction.commandName);
  if (!command) return unavailableCommand(routing.logger, interaction);
  const guildOnly = command.data.contexts?.every((where) => where === InteractionContextType.Guild) ?? false;
  if (guildOnly && !interaction.inGuild()) return guildOnlyRefusal(interaction, command.data.name);
  return command;
}

/** Serves one message command as the router serves slash commands: cooldown, deferral, work, failure report. */
export async function runMessageCommand(
  routing: MessageCommandRouting,
  interaction: MessageContextMenuCommandInteraction,
): Promise<void> {
  const command = messageCommandFor(routing, interaction);
  if (command instanceof UserFacingError) return routing.report(command);
  const verdict = await routing.take(command.countsAs);
  if (!verdict.allowed) return;
  const acknowledged = command.defer ? interaction.deferReply().then(() => {}) : Promise.resolve();
  const abort = new AbortController();
  acknowledged.catch(() => abort.abort());
  const cooldown = verdict.ticket;
  try {
    await command.execute(interaction, { ...routing.deps, acknowledged, signal: abort.signal, cooldown });
    await acknowledged;
    if (!interaction.replied) throw new Error(`"${interaction.commandName}" finished without replying`);
  } catch (error) {
    cooldown.refund();
    const refused = await acknowledged.then(
      () => undefined,
      (ackError: unknown) => ackError,
    );
    await routing.report(refused ?? error);
  }
}
