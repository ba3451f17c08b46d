import { collectReply } from '../../../src/answer/collect.ts';
import type { Conversation, ConversationTurn } from '../../../src/answer/conversations.ts';
import type { ReplyEvent } from '../../../src/answer/newsroom-types.ts';
import type { NewsroomRuntime } from '../../../src/app/runtime.ts';
import type { StoredArticle } from '../../../src/articles/article.ts';

export const GUILD = '200000000000000002';
export const context = { guildId: GUILD, userId: '400000000000000004' };

/** A conversation about the stored article as it is now, with these turns (what a thread would have saved). */
export function conversationAbout(
  article: StoredArticle,
  turns: readonly ConversationTurn[],
  id = '900000000000000009',
): Conversation {
  const { version, hash, title } = article;
  return { id, guildId: GUILD, article: { id: article.id, version, hash, title }, language: 'en', turns };
}

/** A follow-up read to its end: the events on the way, and the completed reply. */
export async function followUp(
  runtime: NewsroomRuntime,
  conversation: Conversation,
  question: string,
  language = 'en',
) {
  const events: ReplyEvent[] = [];
  const reply = await collectReply(
    runtime.newsroom.followUp({ conversation, question, language, context }),
    (event) => {
      events.push(event);
    },
  );
  return { reply, events, head: events.find((event) => event.type === 'article') };
}
