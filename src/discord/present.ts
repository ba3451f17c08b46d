import { type ChatInputCommandInteraction, MessageFlags, type RepliableInteraction } from 'discord.js';
import { helpTopics } from '../../commands/help.ts';
import { COMMANDS } from '../../commands/index.ts';
import type { AnswerReply, CommandReply, DigestReply } from '../../commands/types.ts';
import type { CommandContext } from './command.ts';
import { type DigestMessage, digestMessages } from './digest/layout.ts';
import { renderArticleList, renderHelp } from './news-list.ts';
import { type EphemeralMessage, ephemeral, renderNotice } from './render.ts';
import { answerFromStream } from './reply.ts';
import { renderReportPage } from './report/list.ts';
import { renderUsage } from './usage-report.ts';

/** How each reply model of commands/ looks in Discord. Every reply but an answer is private. */

/** The preview is laid out exactly as the post would be at the moment it was composed. */
function previewMessages(reply: DigestReply): readonly DigestMessage[] {
  return digestMessages(reply.composed, reply.config, reply.composed.windowEnd);
}

async function showPrivately(interaction: ChatInputCommandInteraction, messages: readonly DigestMessage[]) {
  const [first, ...rest] = messages;
  if (!first) return;
  await interaction.editReply({ ...first, allowedMentions: { parse: [] } });
  for (const message of rest) {
    await interaction.followUp({ ...message, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
  }
}

/** A private reply, or the edit of a private deferral. */
async function replyPrivately(interaction: ChatInputCommandInteraction, message: EphemeralMessage) {
  const { flags: _ephemeral, ...edit } = message;
  // An edit keeps the deferral's own flag.
  if (interaction.deferred) await interaction.editReply(edit);
  else await interaction.reply(message);
}

/** An answer, shown live as it is written, kept on record with the buttons under it (every command that answers). */
export async function presentAnswer(
  interaction: RepliableInteraction,
  reply: AnswerReply,
  context: CommandContext,
): Promise<void> {
  await answerFromStream(interaction, reply.events, {
    ...context,
    language: reply.language,
    recording: { records: context.records, actions: context.answerActions, asked: reply.asked },
  });
}

/** A notice privately when nothing was sent yet, else in the (held or own) deferral: every command's notices. */
export async function presentNotice(
  interaction: RepliableInteraction,
  text: string,
  { firstResponse }: Pick<CommandContext, 'firstResponse'>,
): Promise<void> {
  if (firstResponse.claim()) return void (await interaction.reply(ephemeral(renderNotice(text))));
  await firstResponse.acknowledged;
  await interaction.editReply(renderNotice(text));
}

/** Puts a command's reply model in front of the member who ran it. */
export async function presentReply(
  interaction: ChatInputCommandInteraction,
  reply: CommandReply,
  context: CommandContext,
): Promise<void> {
  switch (reply.kind) {
    case 'answer':
      await presentAnswer(interaction, reply, context);
      return;
    case 'notice':
      await presentNotice(interaction, reply.text, context);
      return;
    case 'usage':
      await interaction.reply(renderUsage(reply.days, reply));
      return;
    case 'digest':
      await showPrivately(interaction, previewMessages(reply));
      return;
    case 'articles':
      await replyPrivately(interaction, renderArticleList(reply));
      return;
    case 'help':
      // The commands this bot registers, explained from their own data.
      await replyPrivately(
        interaction,
        renderHelp(
          helpTopics(
            COMMANDS.map((command) => command.data),
            reply.locale,
          ),
          reply.locale,
        ),
      );
      return;
    case 'reports':
      await replyPrivately(interaction, ephemeral(renderReportPage(reply.page, reply.locale)));
  }
}
