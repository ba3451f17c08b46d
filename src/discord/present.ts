import { type ChatInputCommandInteraction, MessageFlags } from 'discord.js';
import type { CommandReply, DigestReply } from '../../commands/types.ts';
import type { CommandContext } from './command.ts';
import { type DigestMessage, digestMessages } from './digest/layout.ts';
import { answerFromStream } from './reply.ts';
import { renderReportPage } from './report/list.ts';
import { renderUsage } from './usage-report.ts';

/** How each reply model of commands/ looks in Discord. Every reply but an answer is private. */

/** Plain text, no pings; `privately` adds the ephemeral flag for a first reply (edits keep the defer's flag). */
const notice = (content: string) => ({ content, allowedMentions: { parse: [] as [] } });
const privately = (content: string) => ({ ...notice(content), flags: MessageFlags.Ephemeral as const });

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

/** Puts a command's reply model in front of the member who ran it. */
export async function presentReply(
  interaction: ChatInputCommandInteraction,
  reply: CommandReply,
  context: CommandContext,
): Promise<void> {
  switch (reply.kind) {
    case 'answer':
      await answerFromStream(interaction, reply.events, {
        ...context,
        language: reply.language,
        recording: { records: context.records, actions: context.answerActions, asked: reply.asked },
      });
      return;
    case 'notice':
      if (interaction.deferred) await interaction.editReply(notice(reply.text));
      else await interaction.reply(privately(reply.text));
      return;
    case 'usage':
      await interaction.reply(renderUsage(reply.days, reply));
      return;
    case 'digest':
      await showPrivately(interaction, previewMessages(reply));
      return;
    case 'reports':
      await interaction.reply({
        ...renderReportPage(reply.page, reply.locale),
        flags: MessageFlags.Ephemeral,
      });
  }
}
