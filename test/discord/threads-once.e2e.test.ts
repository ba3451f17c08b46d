import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONVERSATIONS_NAMESPACE } from '../../src/answer/conversations.ts';
import { createAnswerRecords, RECORDS_NAMESPACE } from '../../src/answer/records.ts';
import { type BotHarness, startHarness } from './support/harness.ts';
import {
  buttonIds,
  conversationOf,
  linkedThread,
  press,
  publicAnswer,
  TRAM,
  waitForPosts,
} from './support/threads.ts';

let h: BotHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const recordIdOf = (ids: string[]) => ids.find((id) => id.startsWith('answer:discuss:'))?.split(':')[2] ?? '';

/** A private message of the bot's to press a button on (an answer shown only to the member). */
async function privateMessageId(): Promise<string | undefined> {
  const usage = await h.discord.command('usage', {});
  return (await usage.waitFor((v) => v.original !== null && !v.thinking)).original?.id;
}

describe('Discuss opens one thread per answer, in its own server, and a thread the bot answers in', () => {
  it('GIVEN a private answer WHEN Discuss is pressed again and again THEN one thread, and every press links to it', async () => {
    const { view } = await publicAnswer(h, 'ask', { question: 'Who voted against it?', article: TRAM });
    const recordId = recordIdOf(buttonIds(view.original));
    const onPrivate = await privateMessageId();
    const before = h.discord.threads().length;
    const links = [];
    for (let n = 0; n < 4; n++)
      links.push(linkedThread(await press(h.discord, `answer:discuss:${recordId}`, onPrivate)));
    expect(new Set(links).size).toBe(1);
    expect(h.discord.threads()).toHaveLength(before + 1);
  });

  it('GIVEN an answer given in another server WHEN its Discuss button is pressed here THEN refused, and no thread carries its question', async () => {
    const { view } = await publicAnswer(h, 'ask', {
      question: 'What did the opposition say?',
      article: TRAM,
    });
    const records = createAnswerRecords(await h.runtime.openKeyv(RECORDS_NAMESPACE));
    const own = await records.get(recordIdOf(buttonIds(view.original)));
    if (!own) throw new Error('the answer was not recorded');
    await records.save('199999999999999999', { ...own, guildId: '299999999999999999' });
    const before = h.discord.threads().length;
    const refused = await press(h.discord, 'answer:discuss:199999999999999999', await privateMessageId());
    expect(refused.original?.content).toMatch(/no longer on record/);
    expect(h.discord.threads()).toHaveLength(before);
  });

  it('GIVEN a thread whose conversation the store lost WHEN Discuss is pressed again THEN the thread is mended and follow-ups there are answered', async () => {
    const { message, discuss } = await publicAnswer(h, 'ask', {
      question: 'How long is the line?',
      article: TRAM,
    });
    const thread = linkedThread(await press(h.discord, discuss, message.id));
    await (await h.runtime.openKeyv(CONVERSATIONS_NAMESPACE)).delete(thread);
    expect(await conversationOf(h, thread)).toBeUndefined();
    expect(linkedThread(await press(h.discord, discuss, message.id))).toBe(thread);
    expect((await conversationOf(h, thread))?.article.id).toBe(TRAM);
    await h.discord.memberMessage(thread, `<@${h.discord.botUserId}> when will it open?`);
    const [, answer] = await waitForPosts(h.discord, thread, 2);
    expect(answer?.embeds[0]?.footer?.text).toBeTruthy();
  });

  it('GIVEN /ask run inside a thread THEN its answer carries Report but no Discuss (a thread cannot hold a thread)', async () => {
    const { message, discuss } = await publicAnswer(h, 'ask', {
      question: 'Who pays for it?',
      article: TRAM,
    });
    const thread = linkedThread(await press(h.discord, discuss, message.id));
    const asked = await h.discord.command(
      'ask',
      { question: 'When will it open?', article: TRAM },
      { channelId: thread },
    );
    const view = await asked.waitFor((v) => !v.thinking && v.original !== null);
    const ids = buttonIds(view.original);
    expect(ids.some((id) => id.startsWith('answer:report:'))).toBe(true);
    expect(ids.some((id) => id.startsWith('answer:discuss:'))).toBe(false);
  });
});
