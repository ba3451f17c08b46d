import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GatewayIntentBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { Newsroom } from '../../src/answer/newsroom-types.ts';
import { startDiscordBot } from '../../src/app/discord-bot.ts';
import { openNewsroom } from '../../src/app/runtime.ts';
import { startFakeAnthropic, text } from '../fakes/anthropic.ts';
import { startFakeDiscord } from '../fakes/discord/index.ts';
import {
  type BotHarness,
  captureLogs,
  type HarnessOptions,
  startHarness,
  testConfig,
} from './support/harness.ts';
import { longProse } from './support/replies.ts';
import {
  botPosts,
  conversationOf,
  linkedThread,
  press,
  TRAM,
  TRAM_TITLE,
  waitForPosts,
} from './support/threads.ts';

const WRITING = '✍️ Writing…';
let h: BotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(options: HarnessOptions = {}): Promise<BotHarness> {
  h = await startHarness(options);
  return h;
}

/** A thread about the tram article, opened from a digest item's Discuss button. */
async function tramThread(harness: BotHarness): Promise<string> {
  return linkedThread(await press(harness.discord, `thread:article:${TRAM}`));
}

const mention = (harness: BotHarness) => `<@${harness.discord.botUserId}>`;

describe('follow-ups: Message Content', () => {
  it('GIVEN DISCORD_MESSAGE_CONTENT=true and the intent enabled WHEN a member just types in the thread THEN it is answered, and the bot never answers itself', async () => {
    const harness = await start({
      env: { DISCORD_MESSAGE_CONTENT: 'true' },
      discord: { privilegedIntents: GatewayIntentBits.MessageContent },
    });
    const thread = await tramThread(harness);
    expect(botPosts(harness.discord, thread)[0]?.content).toMatch(/just type your question/);
    await harness.discord.memberMessage(thread, 'How did the councillors vote?');
    const [, answer] = await waitForPosts(harness.discord, thread, 2);
    expect(answer?.embeds[0]?.description).toMatch(/31 to 12/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(botPosts(harness.discord, thread)).toHaveLength(2);
    expect((await conversationOf(harness, thread))?.turns).toHaveLength(1);
  });

  it('GIVEN DISCORD_MESSAGE_CONTENT=true but the intent not enabled in the portal THEN the bot refuses to start and says what to switch on', async () => {
    const discord = await startFakeDiscord();
    const anthropic = await startFakeAnthropic();
    const dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-intents-'));
    try {
      const config = testConfig(discord, anthropic, dir, { DISCORD_MESSAGE_CONTENT: 'true' });
      const logger = captureLogs().logger;
      const failed = await startDiscordBot({
        ...{ config, logger, client: discord.clientOptions(), shutdownSignals: [] },
      }).then(
        (bot) => bot.stop(),
        (error: unknown) => error,
      );
      expect(String(failed)).toMatch(
        /Privileged Gateway Intents → Message Content.*DISCORD_MESSAGE_CONTENT=false/,
      );
      expect(discord.gatewayEvents.filter((e) => e.t === 'READY')).toHaveLength(0);
    } finally {
      await Promise.all([discord.close(), anthropic.close()]);
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('follow-ups: fair use, streaming, offline, change, restart', () => {
  it('GIVEN an ask cooldown of 1 a minute WHEN a member asks three follow-ups THEN the first is answered, the second told when to ask again, the third ignored', async () => {
    const harness = await start({ env: { ASK_COOLDOWN_PER_MINUTE: '1' } });
    const thread = await tramThread(harness);
    await harness.discord.memberMessage(thread, `${mention(harness)} How did the councillors vote?`);
    await waitForPosts(harness.discord, thread, 2);
    await harness.discord.memberMessage(thread, `${mention(harness)} What will it cost?`);
    const [, , notice] = await waitForPosts(harness.discord, thread, 3);
    expect(notice?.content).toMatch(
      /You have used \/ask 1 times in the last minute\. You can use it again <t:\d+:R>/,
    );
    await harness.discord.memberMessage(thread, `${mention(harness)} Where will it run?`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(botPosts(harness.discord, thread)).toHaveLength(3);
    expect(harness.anthropic.requests).toHaveLength(1);
  });

  it('GIVEN a slow model WHEN a follow-up is answered THEN the reply is shown while written and then edited into the final answer', async () => {
    const harness = await start({ env: { STREAM_EDIT_INTERVAL_MS: '300' } });
    const answer = longProse(1_500);
    harness.anthropic.setResponder(() => ({ blocks: [text(answer, 1)] }));
    harness.anthropic.setTiming({ tokensPerSecond: 200, firstTokenDelayMs: 0 });
    const thread = await tramThread(harness);
    await harness.discord.memberMessage(thread, `${mention(harness)} Tell me everything, slowly`);
    const live = await harness.discord.waitUntil(
      () => botPosts(harness.discord, thread).find((m) => m.embeds[0]?.footer?.text === WRITING),
      10_000,
    );
    const [, final] = await waitForPosts(harness.discord, thread, 2);
    expect(final?.id).toBe(live.id);
    expect(final?.editCount).toBeGreaterThanOrEqual(1);
    expect(final?.embeds[0]?.description).toMatch(/^Sentence 1 says/);
  });

  it('GIVEN no API key WHEN a follow-up is asked THEN an extractive answer from the article, labelled offline', async () => {
    const harness = await start({ env: { ANTHROPIC_API_KEY: '' } });
    const thread = await tramThread(harness);
    await harness.discord.memberMessage(thread, `${mention(harness)} How did the councillors vote?`);
    const [, answer] = await waitForPosts(harness.discord, thread, 2);
    expect(answer?.content).toMatch(/Offline answer: no AI model is configured/);
    expect(answer?.embeds[0]?.description).toMatch(/31 to 12/);
    expect(harness.anthropic.requests).toHaveLength(0);
  });

  it('GIVEN the article changed since the thread began THEN the follow-up says so above the answer', async () => {
    // The newsroom's followUp marks a change (convo's part); this wrapper marks it by the contract's rule.
    const markChanges = (real: Newsroom): Newsroom => ({
      ...real,
      async *followUp(request) {
        for await (const event of real.followUp(request)) {
          const changed =
            event.type === 'article' && event.article.hash !== request.conversation.article.hash;
          yield changed
            ? { ...event, changedSince: { version: request.conversation.article.version } }
            : event;
        }
      },
    });
    const harness = await start({ newsroom: markChanges });
    const thread = await tramThread(harness);
    const stored = await harness.runtime.store.get(TRAM);
    if (!stored) throw new Error('the tram article is not stored');
    const paragraphs = [...stored.paragraphs, 'The council later added a second stop at the harbour.'];
    await harness.runtime.store.upsert({ ...stored, paragraphs, hash: 'a-changed-hash' });
    await harness.discord.memberMessage(thread, `${mention(harness)} How did the councillors vote?`);
    const [, answer] = await waitForPosts(harness.discord, thread, 2);
    expect(answer?.content).toMatch(
      /^The article has changed since this thread began \(it is now version 2\)/,
    );
    expect(answer?.embeds[0]?.title).toBe(TRAM_TITLE);
  });

  it('GIVEN a thread WHEN the bot restarts THEN a follow-up there is still answered with the thread remembered', async () => {
    const harness = await start();
    const thread = await tramThread(harness);
    await harness.discord.memberMessage(thread, `${mention(harness)} How did the councillors vote?`);
    await waitForPosts(harness.discord, thread, 2);
    // The turn is saved just after the answer is shown: let it land before the restart.
    for (let tries = 0; tries < 100 && !(await conversationOf(harness, thread))?.turns.length; tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await harness.bot.stop();
    const runtime = await openNewsroom(harness.config, harness.logs.logger);
    const again = await startDiscordBot({
      ...{ config: harness.config, logger: harness.logs.logger, runtime },
      ...{ client: harness.discord.clientOptions(), shutdownSignals: [] },
    });
    try {
      await harness.discord.memberMessage(thread, `${mention(harness)} What will it cost?`);
      const [, , answer] = await waitForPosts(harness.discord, thread, 3);
      expect(answer?.embeds[0]?.title).toBe(TRAM_TITLE);
      let turns = (await conversationOf({ ...harness, runtime }, thread))?.turns ?? [];
      for (let tries = 0; tries < 100 && turns.length < 2; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        turns = (await conversationOf({ ...harness, runtime }, thread))?.turns ?? [];
      }
      expect(turns.map((turn) => turn.question)).toEqual([
        'How did the councillors vote?',
        'What will it cost?',
      ]);
    } finally {
      await again.stop();
    }
  });
});
