import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE_DISCLAIMER } from '../../src/core/config.ts';
import { ALL_PERMISSIONS } from '../fakes/discord/index.ts';
import { type BotHarness, startHarness } from './support/harness.ts';
import {
  botPosts,
  buttonIds,
  conversationOf,
  linkedThread,
  press,
  publicAnswer,
  TRAM,
  TRAM_TITLE,
  waitForPosts,
} from './support/threads.ts';

let h: BotHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const mention = () => `<@${h.discord.botUserId}>`;
/** A thread's turns once it has `count` (a turn is saved just after its answer is shown). */
async function turnsOnceSaved(thread: string, count: number) {
  for (let tries = 0; tries < 100; tries += 1) {
    const turns = (await conversationOf(h, thread))?.turns ?? [];
    if (turns.length >= count) return turns;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return (await conversationOf(h, thread))?.turns ?? [];
}
const noPings = { everyone: false, users: [], roles: [] };

describe('Discuss in a thread, from an answer', () => {
  it('GIVEN an /ask answer WHEN the member presses Discuss THEN a thread named after the article hangs on the answer, says how to ask, and the member gets a private link', async () => {
    const { message, discuss } = await publicAnswer(h, 'ask', {
      question: 'How did the councillors vote?',
      article: TRAM,
    });
    const view = await press(h.discord, discuss, message.id);
    expect(view.ephemeral).toBe(true);
    expect(linkedThread(view)).toBe(message.id);
    expect(h.discord.thread(message.id)).toMatchObject({ name: TRAM_TITLE, parentId: h.discord.channelId });
    const [opening] = botPosts(h.discord, message.id);
    expect(opening?.content).toContain(`**${TRAM_TITLE}**`);
    expect(opening?.content).toContain(`mention ${mention()}`);
    expect(opening?.pings).toEqual(noPings);
    const conversation = await conversationOf(h, message.id);
    expect(conversation?.article.id).toBe(TRAM);
    expect(conversation?.turns).toEqual([
      { question: 'How did the councillors vote?', answer: expect.stringMatching(/31/) },
    ]);
  });

  it('GIVEN that thread WHEN a member mentions the bot with a question THEN the answer comes in the thread from the article, with quotes and disclaimer, without a Discuss button, and becomes a turn', async () => {
    const { message, discuss } = await publicAnswer(h, 'ask', {
      question: 'When was the tram approved?',
      article: TRAM,
    });
    const thread = linkedThread(await press(h.discord, discuss, message.id));
    await h.discord.memberMessage(thread, `${mention()} how did the councillors vote on it?`);
    const posts = await waitForPosts(h.discord, thread, 2);
    const answer = posts[1];
    const embed = answer?.embeds[0];
    expect(embed?.title).toBe(TRAM_TITLE);
    expect(embed?.description).toMatch(/31 to 12/);
    expect(embed?.fields?.[0]?.value).toMatch(/^> /m);
    expect(embed?.footer?.text).toBe(SITE_DISCLAIMER);
    expect(buttonIds(answer).some((id) => id.startsWith('answer:discuss:'))).toBe(false);
    expect(answer?.pings).toEqual(noPings);
    // The turn is saved just after the answer is shown.
    const turns = await turnsOnceSaved(thread, 2);
    expect(turns).toHaveLength(2);
    expect(turns[1]?.question).toBe('how did the councillors vote on it?');
  });

  it('GIVEN no Message Content WHEN a member writes in the thread without mentioning the bot THEN it is not answered; a later mention is', async () => {
    const { message, discuss } = await publicAnswer(h, 'ask', {
      question: 'What will the tram cost?',
      article: TRAM,
    });
    const thread = linkedThread(await press(h.discord, discuss, message.id));
    const calls = h.anthropic.requests.length;
    await h.discord.memberMessage(thread, 'and who voted for it?');
    await h.discord.memberMessage(thread, `${mention()} where will the line run?`);
    const posts = await waitForPosts(h.discord, thread, 2);
    expect(posts).toHaveLength(2);
    expect(h.anthropic.requests.length).toBe(calls + 1);
    // The turn is saved just after the answer is shown.
    const turns = await turnsOnceSaved(thread, 2);
    expect(turns.map((turn) => turn.question)).toEqual([
      'What will the tram cost?',
      'where will the line run?',
    ]);
  });

  it('GIVEN a bare mention or an over-long question THEN the bot says what to do, without a model call', async () => {
    const { message, discuss } = await publicAnswer(h, 'ask', {
      question: 'Who proposed the tram?',
      article: TRAM,
    });
    const thread = linkedThread(await press(h.discord, discuss, message.id));
    const calls = h.anthropic.requests.length;
    await h.discord.memberMessage(thread, mention());
    const [, empty] = await waitForPosts(h.discord, thread, 2);
    expect(empty?.content).toMatch(/Ask me a question about \*\*Harbor City/);
    await h.discord.memberMessage(thread, `${mention()} ${'why '.repeat(200)}`);
    const [, , long] = await waitForPosts(h.discord, thread, 3);
    expect(long?.content).toMatch(/too long: at most 500 characters/);
    expect(h.anthropic.requests.length).toBe(calls);
  });

  it('GIVEN a thread for an answer WHEN Discuss is pressed again THEN the member is sent to the same thread', async () => {
    const { message, discuss } = await publicAnswer(h, 'ask', {
      question: 'Is the tram line long?',
      article: TRAM,
    });
    const first = linkedThread(await press(h.discord, discuss, message.id));
    const again = await press(h.discord, discuss, message.id);
    expect(again.original?.content).toMatch(/already a thread/);
    expect(linkedThread(again)).toBe(first);
    expect(h.discord.threads().filter((t) => t.id === first)).toHaveLength(1);
  });

  it('GIVEN a /summary WHEN Discuss is pressed THEN the thread starts with the summary as its first turn', async () => {
    const { message, discuss } = await publicAnswer(h, 'summary', { article: '002_grain_exports' });
    const thread = linkedThread(await press(h.discord, discuss, message.id));
    const conversation = await conversationOf(h, thread);
    expect(conversation?.turns[0]?.question).toBeNull(); // a summary turn: nothing was asked
    expect(conversation?.turns[0]?.answer.length).toBeGreaterThan(20);
  });

  it('GIVEN a German member WHEN they press Discuss THEN the link and the thread speak German', async () => {
    const interaction = await h.discord.command(
      'ask',
      { question: 'Wie wurde abgestimmt?', article: TRAM },
      { locale: 'de' },
    );
    const view = await interaction.waitFor((v) => !v.thinking && v.original !== null);
    const discuss = buttonIds(view.original).find((id) => id.startsWith('answer:discuss:')) ?? '';
    const rows = (view.original?.components ?? []) as { components: { label: string }[] }[];
    const button = rows[0]?.components[0];
    expect(button?.label).toBe('In einem Thread besprechen');
    const pressed = await h.discord.button(discuss, { messageId: view.original?.id ?? '', locale: 'de' });
    const reply = await pressed.waitFor((v) => !v.thinking && v.original !== null);
    expect(reply.original?.content).toMatch(/^Thread gestartet/);
    expect(botPosts(h.discord, linkedThread(reply))[0]?.content).toMatch(/^Stelle hier Folgefragen/);
  });
});

describe('Discuss in a thread, from a digest item or a private answer', () => {
  it('GIVEN a digest item WHEN Discuss is pressed THEN a thread without a message opens about the article, and a second press finds it', async () => {
    const view = await press(h.discord, `thread:article:${TRAM}`);
    const thread = linkedThread(view);
    expect(thread).not.toBe(h.discord.channelId);
    expect(h.discord.thread(thread)).toMatchObject({ name: TRAM_TITLE, type: 11 });
    expect((await conversationOf(h, thread))?.turns).toEqual([]);
    const again = await press(h.discord, `thread:article:${TRAM}`);
    expect(linkedThread(again)).toBe(thread);
    await h.discord.memberMessage(thread, `${mention()} how long is the line?`);
    const [, answer] = await waitForPosts(h.discord, thread, 2);
    expect(answer?.embeds[0]?.title).toBe(TRAM_TITLE);
  });

  it('GIVEN a private answer with a Discuss button THEN the thread has no starter message and its opening line repeats the question', async () => {
    const { message, view } = await publicAnswer(h, 'ask', {
      question: 'Why did it take so long?',
      article: TRAM,
    });
    const recordId =
      buttonIds(view.original)
        .find((id) => id.startsWith('answer:discuss:'))
        ?.split(':')[2] ?? '';
    const usage = await h.discord.command('usage', {});
    const privateReply = await usage.waitFor((v) => v.original !== null && !v.thinking);
    const pressed = await press(h.discord, `answer:discuss:${recordId}`, privateReply.original?.id);
    const thread = linkedThread(pressed);
    expect(thread).not.toBe(message.id);
    expect(botPosts(h.discord, thread)[0]?.content).toMatch(
      /Started from the question: Why did it take so long\?/,
    );
  });

  it('GIVEN an unknown article or an expired answer THEN the member is told privately and no thread opens', async () => {
    const before = h.discord.threads().length;
    const gone = await press(h.discord, 'thread:article:no-such-article');
    expect(gone.original?.content).toMatch(/no longer stored/);
    const expired = await press(h.discord, 'answer:discuss:123456789012345678');
    expect(expired.original?.content).toMatch(/no longer on record/);
    expect(h.discord.threads()).toHaveLength(before);
  });

  it('GIVEN the bot may not create threads here THEN the member learns which permissions an admin must give', async () => {
    h.discord.setChannelPermissions(
      h.discord.channelId,
      ALL_PERMISSIONS & ~PermissionFlagsBits.CreatePublicThreads,
    );
    try {
      const before = h.discord.threads().length;
      // An article with no thread here yet (one that has a thread is simply linked to it).
      const view = await h.discord
        .button('thread:article:002_grain_exports')
        .then((i) => i.waitFor((v) => !v.thinking && v.original !== null));
      expect(view.original?.content).toMatch(/Create Public Threads and Send Messages in Threads/);
      expect(h.discord.threads()).toHaveLength(before);
    } finally {
      h.discord.setChannelPermissions(h.discord.channelId, ALL_PERMISSIONS);
    }
  });

  it('GIVEN an article whose title carries Markdown, a mention and @everyone THEN the thread name is plain, the opening line escaped, and nobody is pinged', async () => {
    const stored = await h.runtime.store.get(TRAM);
    if (!stored) throw new Error('the tram article is not stored');
    const title = `**Win** <@${h.discord.userId}> @everyone [prize](https://evil.example)\n# now`;
    await h.runtime.store.upsert({ ...stored, id: 'hostile-title', title, hash: 'hostile' });
    const thread = linkedThread(await press(h.discord, 'thread:article:hostile-title'));
    expect(h.discord.thread(thread)?.name).toBe(title.replace(/\s+/g, ' '));
    const [opening] = botPosts(h.discord, thread);
    expect(opening?.pings).toEqual(noPings);
    expect(opening?.content).toContain('\\*\\*Win\\*\\*');
    expect(opening?.content).toContain('\\@everyone');
    expect(opening?.content).not.toContain('[prize](https');
    await h.discord.memberMessage(thread, `${mention()} @everyone **what** happened?`);
    const [, answer] = await waitForPosts(h.discord, thread, 2);
    expect(answer?.pings).toEqual(noPings);
  });
});
