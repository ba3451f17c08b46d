import { GatewayIntentBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { CONVERSATIONS_NAMESPACE } from '../../src/answer/conversations.ts';
import { startDiscordBot } from '../../src/app/discord-bot.ts';
import { type NewsroomRuntime, openNewsroom } from '../../src/app/runtime.ts';
import type { RunningBot } from '../../src/discord/bot.ts';
import { type BotHarness, type HarnessOptions, startHarness } from './support/harness.ts';
import { botPosts, conversationOf, linkedThread, press, TRAM, waitForPosts } from './support/threads.ts';

/** Regression tests for the fix round (review R2, R3, R5, R9; probe P1, P3, P4). */

let h: BotHarness | undefined;
let restarted: RunningBot | undefined;
afterEach(async () => {
  await restarted?.stop();
  restarted = undefined;
  await h?.close();
  h = undefined;
});

async function start(options: HarnessOptions = {}): Promise<BotHarness> {
  h = await startHarness(options);
  return h;
}

const mention = (harness: BotHarness) => `<@${harness.discord.botUserId}>`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Restarts the bot on a store whose conversation writes fail while `flaky.failing` is set (SQLite busy, Redis
 * away): the real store, with its `set` refusing, not a mock of discord.js.
 */
async function withFlakyConversations(harness: BotHarness) {
  await harness.bot.stop();
  const opened = await openNewsroom(harness.config, harness.logs.logger);
  const flaky = { failing: false };
  const runtime: NewsroomRuntime = {
    ...opened,
    async openKeyv(namespace) {
      const keyv = await opened.openKeyv(namespace);
      if (namespace !== CONVERSATIONS_NAMESPACE) return keyv;
      const set = keyv.set.bind(keyv);
      keyv.set = (async (...args: Parameters<typeof set>) => {
        if (flaky.failing) throw new Error('SQLITE_BUSY: database is locked');
        return set(...args);
      }) as typeof keyv.set;
      return keyv;
    },
  };
  restarted = await startDiscordBot({
    ...{ config: harness.config, logger: harness.logs.logger, runtime },
    ...{ client: harness.discord.clientOptions(), shutdownSignals: [] },
  });
  return { flaky, harness: { ...harness, runtime } };
}

describe('follow-ups with no words', () => {
  it('GIVEN Message Content WHEN a member posts only invisible characters, a mention of someone else, @everyone, an empty spoiler or punctuation THEN no model call, no answer, no turn', async () => {
    const harness = await start({
      env: { DISCORD_MESSAGE_CONTENT: 'true' },
      discord: { privilegedIntents: GatewayIntentBits.MessageContent },
    });
    const thread = linkedThread(await press(harness.discord, `thread:article:${TRAM}`));
    const wordless = ['\u200B', '\u200B\u200D\u2060', '\u202E\u202C', '@everyone', '@here'];
    for (const content of [...wordless, '<@123456789012345678>', '<@&42>', '||  ||', '``` ```', '.'])
      await harness.discord.memberMessage(thread, content);
    await pause(800);
    expect(harness.anthropic.requests).toHaveLength(0);
    expect(botPosts(harness.discord, thread)).toHaveLength(1); // the opening line only
    expect((await conversationOf(harness, thread))?.turns ?? []).toEqual([]);
  });

  it('GIVEN a mention of the bot with only invisible characters or @everyone THEN the member is told to ask a question, without a model call or a turn', async () => {
    const harness = await start();
    const thread = linkedThread(await press(harness.discord, `thread:article:${TRAM}`));
    await harness.discord.memberMessage(thread, `${mention(harness)} \u200B\u2060`);
    await harness.discord.memberMessage(thread, `${mention(harness)} @everyone`);
    const [, first, second] = await waitForPosts(harness.discord, thread, 3);
    expect(first?.content).toMatch(/Ask me a question about \*\*Harbor City/);
    expect(second?.content).toMatch(/Ask me a question about \*\*Harbor City/);
    expect(harness.anthropic.requests).toHaveLength(0);
    expect((await conversationOf(harness, thread))?.turns ?? []).toEqual([]);
  });

  it('GIVEN a follow-up of 300 emoji and a question (306 characters) THEN it is answered, not refused as over 500', async () => {
    const harness = await start();
    const thread = linkedThread(await press(harness.discord, `thread:article:${TRAM}`));
    await harness.discord.memberMessage(thread, `${mention(harness)} ${'😀'.repeat(300)} what?`);
    const [, answer] = await waitForPosts(harness.discord, thread, 2);
    expect(answer?.content ?? '').not.toMatch(/too long/);
    expect(answer?.embeds[0]?.title).toBeTruthy();
    expect(harness.anthropic.requests).toHaveLength(1);
  });
});

describe('a follow-up when the store refuses its turn', () => {
  it('GIVEN the store fails after the model answered THEN the member still gets the answer, the failure is logged, and the ask use is not handed back', async () => {
    const started = await start({ env: { ASK_COOLDOWN_PER_MINUTE: '1' } });
    const { flaky, harness } = await withFlakyConversations(started);
    const thread = linkedThread(await press(harness.discord, `thread:article:${TRAM}`));
    flaky.failing = true;
    await harness.discord.memberMessage(thread, `${mention(harness)} How did the councillors vote?`);
    const [, answer] = await waitForPosts(harness.discord, thread, 2);
    expect(answer?.embeds[0]?.description).toMatch(/31 to 12/);
    await pause(200);
    const texts = botPosts(harness.discord, thread).map((post) => post.content ?? '');
    expect(texts.join('\n')).not.toMatch(/store|went wrong/);
    expect(harness.logs.lines.some((line) => /follow-up turn/.test(String(line.msg)))).toBe(true);
    flaky.failing = false;
    await harness.discord.memberMessage(thread, `${mention(harness)} What will it cost?`);
    const [, , notice] = await waitForPosts(harness.discord, thread, 3);
    expect(notice?.content).toMatch(/You can .* again/);
    expect(harness.anthropic.requests).toHaveLength(1);
  });
});
