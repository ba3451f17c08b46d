import type { AnyThreadChannel, Client, Message } from 'discord.js';
import { QUESTION_MAX_CHARS } from '../../../commands/limits.ts';
import { collectReply } from '../../answer/collect.ts';
import type { Conversation } from '../../answer/conversations.ts';
import type { Newsroom } from '../../answer/newsroom-types.ts';
import { type AnswerRecords, recordOf } from '../../answer/records.ts';
import { translate } from '../../core/i18n/index.ts';
import type { Logger } from '../../core/log.ts';
import { type AnswerAction, withAnswerActions } from '../answer-actions.ts';
import { type Cooldowns, type CooldownTicket, cooldownText } from '../cooldowns.ts';
import { classifyFailure } from '../errors.ts';
import {
  DISCORD_LIMITS,
  localizeUnresolved,
  type RenderedMessage,
  renderNotice,
  renderReply,
} from '../render.ts';
import { madeModelCall } from '../reply.ts';
import { escapeWithin, oneLine, truncate } from '../text.ts';
import { createLiveMessage, replyTo } from './live-message.ts';
import type { ThreadServices } from './start.ts';

/**
 * Follow-ups in a thread the bot opened: a member's message that mentions the bot (the mention stripped), or any
 * member message when Message Content is on, is a question about the thread's article version, answered by
 * newsroom.followUp with the thread's turns, streamed, with quotes, disclaimer and the answer's buttons (no
 * Discuss: this is the thread). Counted in the `ask` cooldown; budget and usage are the newsroom's (the request
 * context names the server). Bots, webhooks, other channels and threads the bot did not open are ignored before
 * the store is read.
 */

export interface FollowUpDeps extends ThreadServices {
  readonly newsroom: Newsroom;
  readonly records: AnswerRecords;
  readonly answerActions: readonly AnswerAction[];
  readonly logger: Logger;
  readonly cooldowns: Cooldowns | undefined;
  readonly editIntervalMs: number;
}

const COOLDOWN_COMMAND = 'ask';
/** Members told about their cooldown, so a burst gets one notice, not one per message. */
const MAX_NOTIFIED = 1_000;
const TITLE_MAX_CHARS = 200;

/** Mentions of others (members, roles, @everyone/@here) and format characters (zero-width, bidi): not words. */
const NOT_WORDS = /<@[!&]?\d{1,20}>|@(?:everyone|here)\b|\p{Cf}/gu;
const A_WORD = /[\p{L}\p{N}]/u;

/** True when the text has no letter or digit once mentions and invisible characters are gone. */
export function hasNoWords(text: string): boolean {
  return !A_WORD.test(text.replace(NOT_WORDS, ''));
}

/**
 * The message's text without the bot's mentions; '' when it has no words (only invisible characters, mentions,
 * spoilers of nothing, punctuation); null when it is not for the bot.
 */
export function questionOf(message: Message, botId: string, messageContent: boolean): string | null {
  const mentioned = message.mentions.users.has(botId);
  if (!mentioned && !messageContent) return null;
  const question = message.content.replace(new RegExp(`<@!?${botId}>`, 'g'), ' ').trim();
  return hasNoWords(question) ? '' : question;
}

function isOurThread(message: Message, botId: string): message is Message & { channel: AnyThreadChannel } {
  if (message.author.bot || message.webhookId || message.system) return false;
  return message.channel.isThread() && message.channel.ownerId === botId;
}

async function say(message: Message, thread: AnyThreadChannel, text: string, logger: Logger) {
  await thread.send(replyTo(message, renderNotice(text))).catch((error: unknown) => {
    logger.warn({ err: error, thread: thread.id }, 'could not post in a thread');
  });
}

function failureText(error: unknown, language: string, logger: Logger, thread: string): string {
  const failure = classifyFailure(error);
  if (failure.kind === 'user') return failure.message;
  logger.error({ err: error, thread }, 'follow-up failed');
  if (failure.kind !== 'store-unavailable') return translate(language, 'error.unexpected');
  return translate(language, failure.outage ? 'error.store-unavailable' : 'error.store-broken');
}

function withChangedNotice(parts: RenderedMessage[], notice: string | undefined): RenderedMessage[] {
  const [first, ...rest] = parts;
  if (!first || !notice) return parts;
  const content = truncate([notice, first.content].filter(Boolean).join('\n'), DISCORD_LIMITS.contentChars);
  return [{ ...first, content }, ...rest];
}

async function answer(
  message: Message,
  thread: AnyThreadChannel,
  conversation: Conversation,
  question: string,
  deps: FollowUpDeps & { ticket: FollowUpTicket },
): Promise<void> {
  const { language } = conversation;
  void thread.sendTyping().catch(() => {});
  const live = createLiveMessage(message, thread, { language, ...deps });
  let changed: string | undefined;
  const context = { guildId: message.guildId, userId: message.author.id };
  const events = deps.newsroom.followUp({ conversation, question, language, context });
  const reply = await collectReply(events, (event) => {
    if (event.type === 'article' && event.changedSince)
      changed = translate(language, 'thread.changed', { version: event.article.version });
    live.onEvent(event);
  })
    .catch((error: unknown) => {
      throw localizeUnresolved(error, language);
    })
    .finally(() => live.finish());
  if (madeModelCall(reply.result)) deps.ticket.charge();
  else deps.ticket.refund();
  const record = recordOf(reply, { kind: 'follow-up', question, language, guildId: message.guildId });
  const recorded = { ...deps, actions: deps.answerActions, recordId: message.id, record };
  const parts = withChangedNotice(renderReply(reply, language), changed);
  // The answer first: it is what the member waits for (and was paid for); a lost turn costs only context.
  await live.deliver(await withAnswerActions(parts, recorded));
  await deps.conversations
    .append(thread.id, { question, answer: reply.result.text })
    .catch((error: unknown) =>
      deps.logger.warn({ err: error, thread: thread.id }, 'could not save a follow-up turn'),
    );
}

/** The ask use a follow-up took: handed back on failure only while no model call was made. */
interface FollowUpTicket extends CooldownTicket {
  /** A model call was made: the use stays taken whatever happens next. */
  charge(): void;
}

function followUpTicket(ticket: CooldownTicket): FollowUpTicket {
  let charged = false;
  return {
    charge: () => {
      charged = true;
    },
    refund: async () => {
      if (!charged) await ticket.refund();
    },
  };
}

/** Tells a member once per cooldown window when they may ask again (a burst gets one notice). */
function cooldownNotifier(logger: Logger) {
  const notified = new Map<string, number>();
  return async (
    message: Message,
    thread: AnyThreadChannel,
    language: string,
    retryAt: number,
    limit: number,
  ) => {
    if (notified.get(message.author.id) === retryAt) return;
    notified.delete(message.author.id);
    if (notified.size >= MAX_NOTIFIED) notified.delete(notified.keys().next().value ?? '');
    notified.set(message.author.id, retryAt);
    await say(message, thread, cooldownText(language, COOLDOWN_COMMAND, retryAt, limit), logger);
  };
}

type Refuse = ReturnType<typeof cooldownNotifier>;

async function serve(
  message: Message,
  thread: AnyThreadChannel,
  conversation: Conversation,
  question: string,
  deps: FollowUpDeps & { readonly refuse: Refuse },
): Promise<void> {
  const { language } = conversation;
  const botId = message.client.user.id;
  if (!question) {
    if (!message.mentions.users.has(botId)) return;
    const title = escapeWithin(oneLine(conversation.article.title), TITLE_MAX_CHARS);
    return say(message, thread, translate(language, 'thread.empty-question', { title }), deps.logger);
  }
  // Characters as Discord counts them (code points), not UTF-16 units: an emoji is one.
  if ([...question].length > QUESTION_MAX_CHARS) {
    const text = translate(language, 'thread.too-long', { max: QUESTION_MAX_CHARS });
    return say(message, thread, text, deps.logger);
  }
  const verdict = await deps.cooldowns?.take(COOLDOWN_COMMAND, message.author.id);
  if (verdict && !verdict.allowed)
    return deps.refuse(message, thread, language, verdict.retryAt, verdict.limit);
  const ticket = followUpTicket(verdict?.ticket ?? { refund() {} });
  await answer(message, thread, conversation, question, { ...deps, ticket }).catch((error: unknown) => {
    ticket.refund();
    throw error;
  });
}

/** The MESSAGE_CREATE listener. Never throws: a failure is logged and said in the thread. */
export function createFollowUpHandler(
  client: Client,
  deps: FollowUpDeps,
): (message: Message) => Promise<void> {
  const refuse = cooldownNotifier(deps.logger);
  return async (message) => {
    const botId = client.user?.id ?? '';
    if (!isOurThread(message, botId)) return;
    const question = questionOf(message, botId, deps.messageContent);
    if (question === null) return;
    const thread = message.channel;
    // Read once: the failure notice below speaks the conversation's language too (English when it could not be read).
    let language = 'en';
    try {
      const conversation = await deps.conversations.get(thread.id);
      if (!conversation) return;
      language = conversation.language;
      await serve(message, thread, conversation, question, { ...deps, refuse });
    } catch (error) {
      await say(message, thread, failureText(error, language, deps.logger, thread.id), deps.logger);
    }
  };
}
