import {
  type ButtonInteraction,
  ChannelType,
  DiscordAPIError,
  type Interaction,
  MessageFlags,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  type TextChannel,
} from 'discord.js';
import type { Conversation, ConversationStore, ConversationTurn } from '../../answer/conversations.ts';
import { UserFacingError } from '../../core/errors.ts';
import { type MessageKey, translate } from '../../core/i18n/index.ts';
import { type CommandDeps, guildOnlyRefusal, replyLanguage } from '../command.ts';
import { DISCORD_LIMITS } from '../render.ts';
import type { ComponentInteraction, ComponentRoute } from '../router.ts';
import { escapeWithin, oneLine, truncate } from '../text.ts';
import { discussRecordId, parseThreadArticleCustomId, threadName } from './buttons.ts';

/**
 * The Discuss buttons: a thread named after the article, a Conversation saved under the thread's id (the first
 * turn is the answer's question and answer, a summary's has no question (null) and the summary; a digest
 * item's thread starts with none), an opening line saying how to ask, and a private link to the thread. From a
 * public answer the thread hangs on the answer message (its id is the message's, so a second press finds it); from
 * a private answer or a digest item it is a thread without a message, in the same channel.
 */

export interface ThreadServices {
  readonly conversations: ConversationStore;
  /** DISCORD_MESSAGE_CONTENT: members may just type in the thread (else they mention the bot). */
  readonly messageContent: boolean;
}

/** What a thread is about, read from the button. */
interface Subject {
  readonly article: Conversation['article'];
  readonly language: string;
  readonly turns: readonly ConversationTurn[];
  readonly question: string | null;
  /** Start the thread from the message the button sits on (a public answer). */
  readonly fromMessage: boolean;
  /** What a thread without a message is opened for (the answer, or the article in this channel): one thread each. */
  readonly key: string;
}

const TITLE_IN_TEXT_MAX_CHARS = 200;
const QUESTION_IN_TEXT_MAX_CHARS = 300;
const NEEDED = [PermissionFlagsBits.CreatePublicThreads, PermissionFlagsBits.SendMessagesInThreads];
const DENIED: ReadonlySet<number> = new Set([
  RESTJSONErrorCodes.MissingPermissions,
  RESTJSONErrorCodes.MissingAccess,
]);

function refusal(locale: string, key: MessageKey, code: string): UserFacingError {
  return new UserFacingError(translate(locale, key), code);
}

async function subjectOf(interaction: ButtonInteraction, deps: CommandDeps): Promise<Subject> {
  const recordId = discussRecordId(interaction.customId);
  if (recordId) {
    const record = await deps.records.get(recordId);
    // Another server's answer is not this server's to discuss (a forged or copied button): as if it were gone.
    if (!record || record.guildId !== interaction.guildId)
      throw refusal(interaction.locale, 'thread.record-gone', 'thread-record-gone');
    const { id, version, hash, title } = record.article;
    const { question } = record;
    const fromMessage = !interaction.message.flags.has(MessageFlags.Ephemeral);
    const turns = [{ question, answer: record.answer }];
    const { language } = record;
    return { article: { id, version, hash, title }, language, turns, question, fromMessage, key: recordId };
  }
  const article = await deps.store.get(parseThreadArticleCustomId(interaction.customId) ?? '');
  if (!article) throw refusal(interaction.locale, 'thread.article-gone', 'thread-article-gone');
  const { id, version, hash, title } = article;
  const language = replyLanguage(interaction);
  const key = `article:${id}:${interaction.channelId}`;
  return {
    article: { id, version, hash, title },
    language,
    turns: [],
    question: null,
    fromMessage: false,
    key,
  };
}

/** A text channel the bot may open a public thread in and talk there; else what the member should know. */
function threadParent(interaction: ButtonInteraction): TextChannel {
  const { channel, locale } = interaction;
  if (channel?.isThread()) throw refusal(locale, 'thread.in-thread', 'thread-in-thread');
  if (channel?.type !== ChannelType.GuildText) throw refusal(locale, 'thread.channel-type', 'thread-channel');
  if (!interaction.appPermissions.has(NEEDED))
    throw refusal(locale, 'thread.no-permission', 'thread-no-permission');
  return channel;
}

/**
 * The thread this button already has, while the bot still holds its conversation: the answer message's own, or
 * the one opened before for the same answer or the same article in this channel (so pressing again, or pressing
 * Discuss on the same private answer fifty times, opens one thread).
 */
async function existingThread(
  interaction: ButtonInteraction,
  subject: Subject,
  services: ThreadServices,
): Promise<string | undefined> {
  const id = subject.fromMessage
    ? interaction.message.id
    : await services.conversations.openedFor(subject.key);
  if (id === undefined) return undefined;
  return (await services.conversations.get(id)) ? id : undefined;
}

async function createThread(parent: TextChannel, interaction: ButtonInteraction, subject: Subject) {
  const name = threadName(subject.article.title, subject.article.id);
  try {
    const thread = subject.fromMessage
      ? await parent.threads.create({ name, startMessage: interaction.message.id })
      : await parent.threads.create({ name, type: ChannelType.PublicThread });
    return { thread, existing: undefined };
  } catch (error) {
    if (!(error instanceof DiscordAPIError)) throw error;
    if (error.code === RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage)
      return { thread: undefined, existing: interaction.message.id };
    if (typeof error.code === 'number' && DENIED.has(error.code))
      throw refusal(interaction.locale, 'thread.no-permission', 'thread-no-permission');
    throw error;
  }
}

/** How to ask here, in the thread's language; the title and question as plain text. */
export function openingLine(subject: Subject, botId: string, messageContent: boolean): string {
  const title = escapeWithin(oneLine(subject.article.title) || subject.article.id, TITLE_IN_TEXT_MAX_CHARS);
  const how = messageContent ? 'thread.opening-content' : 'thread.opening-mention';
  const lines = [translate(subject.language, how, { title, bot: `<@${botId}>` })];
  if (!subject.fromMessage && subject.question) {
    const question = escapeWithin(oneLine(subject.question), QUESTION_IN_TEXT_MAX_CHARS);
    lines.push(translate(subject.language, 'thread.opening-question', { question }));
  }
  return truncate(lines.join('\n'), DISCORD_LIMITS.contentChars);
}

const privateNotice = (content: string) => ({ content, allowedMentions: { parse: [] as [] } });

async function startDiscussion(interaction: ButtonInteraction, deps: CommandDeps, services: ThreadServices) {
  if (!interaction.inGuild()) throw guildOnlyRefusal(interaction, 'discuss');
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const parent = threadParent(interaction);
  const subject = await subjectOf(interaction, deps);
  const link = (id: string) => ({ thread: `<#${id}>` });
  const already = await existingThread(interaction, subject, services);
  if (already)
    return void (await interaction.editReply(
      privateNotice(translate(interaction.locale, 'thread.exists', link(already))),
    ));
  const { thread, existing } = await createThread(parent, interaction, subject);
  const { article, language, turns } = subject;
  const conversation = { guildId: interaction.guildId, article, language, turns };
  if (!thread) {
    // The message has a thread but the bot holds no conversation for it (its save failed): mend it, so the
    // thread it links to is one where the bot answers.
    await services.conversations.start({ id: existing, ...conversation });
    return void (await interaction.editReply(
      privateNotice(translate(interaction.locale, 'thread.exists', link(existing))),
    ));
  }
  await services.conversations.start({ id: thread.id, ...conversation });
  if (!subject.fromMessage) await services.conversations.rememberOpened(subject.key, thread.id);
  const opening = openingLine(subject, interaction.client.user.id, services.messageContent);
  await thread.send({ content: opening, allowedMentions: { parse: [] } }).catch((error: unknown) => {
    deps.logger.warn({ err: error, thread: thread.id }, 'could not post the opening line of a thread');
  });
  await interaction.editReply(
    privateNotice(translate(interaction.locale, 'thread.started', link(thread.id))),
  );
}

function isDiscussButton(interaction: Interaction): interaction is ComponentInteraction {
  if (!interaction.isButton()) return false;
  const { customId } = interaction;
  return discussRecordId(customId) !== null || parseThreadArticleCustomId(customId) !== null;
}

/** The Discuss buttons as a route of the bot's router (no cooldown: starting a thread calls no model). */
export function createThreadRoute(services: ThreadServices): ComponentRoute {
  return {
    matches: isDiscussButton,
    handle: (interaction, deps) => startDiscussion(interaction as ButtonInteraction, deps, services),
  };
}
