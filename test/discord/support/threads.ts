import { CONVERSATIONS_NAMESPACE, createConversationStore } from '../../../src/answer/conversations.ts';
import type { FakeDiscord, RecordedMessage, UserView } from '../../fakes/discord/index.ts';
import type { BotHarness } from './harness.ts';

/** Helpers for the thread tests: what a member does and what they then see. */

export const TRAM = '001_tram_line_vote';
export const TRAM_TITLE = 'Harbor City council approves long-delayed tram line to the airport';

export const settled = (view: UserView) =>
  !view.thinking && (view.original !== null || view.followUps.length > 0);

/** The custom ids of the buttons on a message. */
export function buttonIds(message: { components: unknown[] } | null | undefined): string[] {
  const rows = (message?.components ?? []) as { components?: { custom_id?: string }[] }[];
  return rows.flatMap((row) => (row.components ?? []).map((button) => button.custom_id ?? ''));
}

/** Runs /ask (or /summary) publicly and returns the answer message and its Discuss button's id. */
export async function publicAnswer(
  h: BotHarness,
  command: 'ask' | 'summary',
  options: Record<string, string>,
) {
  const interaction = await h.discord.command(command, options);
  const view = await interaction.waitFor(settled);
  const message = view.original;
  const discuss = buttonIds(message).find((id) => id.startsWith('answer:discuss:'));
  if (!message || !discuss) throw new Error(`no Discuss button on the answer: ${JSON.stringify(view)}`);
  return { message, discuss, view };
}

/** Presses a button and waits for the private reply it gets. */
export async function press(discord: FakeDiscord, customId: string, messageId?: string): Promise<UserView> {
  const interaction = await discord.button(customId, messageId ? { messageId } : {});
  return interaction.waitFor((view) => !view.thinking && view.original !== null && view.ackType === 5);
}

/** The thread id a "Thread started: <#id>" (or "already a thread") reply links to. */
export function linkedThread(view: UserView): string {
  const id = /<#(\d+)>/.exec(view.original?.content ?? '')?.[1];
  if (!id) throw new Error(`no thread link in ${view.original?.content}`);
  return id;
}

/** The bot's messages in a thread (the opening line first). */
export function botPosts(discord: FakeDiscord, threadId: string): RecordedMessage[] {
  return discord.channelMessages(threadId).filter((message) => message.authorId === undefined);
}

/** Waits until the bot has posted `count` messages in the thread and the last one is final (not "writing…"). */
export function waitForPosts(
  discord: FakeDiscord,
  threadId: string,
  count: number,
): Promise<RecordedMessage[]> {
  return discord.waitUntil(() => {
    const posts = botPosts(discord, threadId);
    const last = posts.at(-1);
    const writing = last?.embeds.some((embed) => /writing/i.test(embed.footer?.text ?? ''));
    return posts.length >= count && !writing ? posts : undefined;
  }, 10_000);
}

export async function conversationOf(h: BotHarness, threadId: string) {
  const store = createConversationStore(await h.runtime.openKeyv(CONVERSATIONS_NAMESPACE));
  return store.get(threadId);
}
