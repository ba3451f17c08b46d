import { randomUUID } from 'node:crypto';
import Keyv from 'keyv';
import { parseQuestion } from '../../commands/ask.ts';
import type { AnswerReply } from '../../commands/types.ts';
import type { CompletedReply } from '../answer/collect.ts';
import { type ConversationStore, createConversationStore } from '../answer/conversations.ts';
import type { Newsroom } from '../answer/newsroom-types.ts';
import { UserFacingError } from '../core/errors.ts';
import { translate } from '../core/i18n/index.ts';
import type { Output } from './print.ts';

/**
 * The console's follow-up prompt: after an answer or a summary, a line starting with `>` asks about the same
 * article, with the earlier questions and answers as context — the terminal's version of a Discord thread. `>`
 * reads like replying to what was just printed, needs no option syntax, and cannot be mistaken for a command
 * (every command starts with `/`). A new /ask or /summary starts a new conversation.
 *
 * The conversation lives in memory for the session by default: a terminal session has no thread to come back to,
 * so keeping it in the store would only leave rows to expire.
 */
export const FOLLOW_UP_MARK = '>';

export interface ConsoleConversation {
  readonly store: ConversationStore;
  /** This session's conversation id: one conversation at a time, replaced by each new answer. */
  readonly id: string;
  /** Whether the how-to-follow-up line was shown (once a session). */
  readonly hint: { shown: boolean };
}

export function inMemoryConversation(): ConsoleConversation {
  return {
    store: createConversationStore(new Keyv()),
    id: `console-${randomUUID()}`,
    hint: { shown: false },
  };
}

/** The question of a `> question` line; undefined for any other line. */
export function followUpText(line: string): string | undefined {
  const trimmed = line.trim();
  return trimmed.startsWith(FOLLOW_UP_MARK) ? trimmed.slice(FOLLOW_UP_MARK.length).trim() : undefined;
}

interface FollowUpDeps {
  readonly newsroom: Newsroom;
  readonly language: string;
  readonly conversation?: ConsoleConversation | undefined;
}

/** A `>` line before any answer of this session: nothing to follow up on yet. */
export class NoConversationError extends UserFacingError {
  constructor(language: string) {
    super(translate(language, 'conversation.console-none'), 'no-conversation');
    this.name = 'NoConversationError';
  }
}

/** A follow-up as a reply model the console prints like any answer; a problem is a UserFacingError. */
export async function followUpReply(deps: FollowUpDeps, typed: string): Promise<AnswerReply> {
  const question = parseQuestion(typed);
  const conversation = deps.conversation && (await deps.conversation.store.get(deps.conversation.id));
  if (!conversation) throw new NoConversationError(deps.language);
  const events = deps.newsroom.followUp({
    conversation,
    question,
    language: deps.language,
    context: { guildId: null, userId: null },
  });
  return { kind: 'answer', events, language: deps.language, asked: { kind: 'ask', question } };
}

/** Remembers what was shown: a fresh answer starts the conversation, a follow-up adds its turn. */
export async function rememberTurn(
  deps: FollowUpDeps,
  reply: AnswerReply,
  completed: CompletedReply,
  followedUp: boolean,
): Promise<void> {
  const conversation = deps.conversation;
  if (!conversation) return;
  const turn = { question: reply.asked.question, answer: completed.result.text };
  if (followedUp) {
    await conversation.store.append(conversation.id, turn);
    return;
  }
  const { id, version, hash, title } = completed.article;
  await conversation.store.start({
    id: conversation.id,
    guildId: null,
    article: { id, version, hash, title },
    language: deps.language,
    turns: [reply.asked.kind === 'summary' ? { ...turn, question: null } : turn],
  });
}

/** After the session's first answer, one line (on the chatter output, not among the answers) says how to follow up. */
export function hintOnce(deps: FollowUpDeps & { readonly notes?: Output | undefined }): void {
  const { conversation, notes } = deps;
  if (!conversation || !notes || conversation.hint.shown) return;
  conversation.hint.shown = true;
  notes.write(`${translate(deps.language, 'conversation.console-hint')}\n`);
}
