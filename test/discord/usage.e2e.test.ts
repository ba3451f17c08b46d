import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usage } from '../../commands/usage.ts';
import { estimateCostUsd } from '../../src/answer/anthropic/pricing.ts';
import type { TokenUsage } from '../../src/answer/types.ts';
import { DISCORD_COMMANDS, discordCommand } from '../../src/discord/adapter.ts';
import { faults } from '../fakes/anthropic.ts';
import type { UserView } from '../fakes/discord/index.ts';
import { type BotHarness, startHarness } from './support/harness.ts';

const TRAM = '001_tram_line_vote';
const MODEL = 'claude-haiku-5-5';

/** What the (fake) API billed, read from the streams the bot received: independent of the bot's own ledger. */
const billed: TokenUsage[] = [];

function tally(stream: string): void {
  let usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
  for (const line of stream.split('\n')) {
    if (!line.startsWith('data: ')) continue;
    const event = JSON.parse(line.slice(6)) as {
      type: string;
      message?: { usage: Record<string, number> };
      usage?: { output_tokens: number };
    };
    if (event.type === 'message_start' && event.message) {
      const u = event.message.usage;
      usage = {
        inputTokens: u.input_tokens ?? 0,
        outputTokens: 0,
        cacheReadTokens: u.cache_read_input_tokens ?? 0,
        cacheWriteTokens: u.cache_creation_input_tokens ?? 0,
      };
    }
    if (event.type === 'message_delta' && event.usage) usage.outputTokens = event.usage.output_tokens;
    if (event.type === 'message_stop') billed.push(usage);
  }
}

const recordingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  if (response.headers.get('content-type')?.includes('text/event-stream')) {
    void response.clone().text().then(tally);
  }
  return response;
};

let h: BotHarness;
beforeAll(async () => {
  // A low caching threshold, so the second call reads the article from the prompt cache.
  h = await startHarness({
    commands: [...DISCORD_COMMANDS, discordCommand(usage)],
    fetch: recordingFetch,
    anthropic: { minCacheablePrefixTokens: 100 },
  });
});
afterAll(async () => {
  await h?.close();
});

const answered = (v: UserView) => !v.thinking && (v.original !== null || v.followUps.length > 0);
const ask = async (question: string) =>
  (await h.discord.command('ask', { question, article: TRAM })).waitFor(answered);
const usageAs = async (memberPermissions: bigint) =>
  (await h.discord.command('usage', {}, { memberPermissions })).waitFor((v) => v.original !== null);

const sum = (pick: (u: TokenUsage) => number) => billed.reduce((total, u) => total + pick(u), 0);
const n = (value: number) => new Intl.NumberFormat('en-US').format(value);

describe('/usage', () => {
  it('GIVEN model calls, a cache hit and an offline reply THEN the numbers match the calls made', async () => {
    await ask('How did the councillors vote?');
    await ask('When will the tram line open?');
    await ask('How did the councillors vote?');
    h.anthropic.injectFaults(faults.overloaded());
    await ask('Who voted against the tram?');
    expect(billed).toHaveLength(2);

    const view = await usageAs(PermissionFlagsBits.ManageGuild);
    expect(view.ackType).toBe(4);
    expect(view.ephemeral).toBe(true);
    const [today, week] = view.original?.embeds[0]?.fields ?? [];
    expect(today?.name).toBe('Today (UTC)');
    expect(week?.name).toBe('Last 7 days');
    const input = sum((u) => u.inputTokens);
    const output = sum((u) => u.outputTokens);
    const cacheRead = sum((u) => u.cacheReadTokens);
    const cacheWrite = sum((u) => u.cacheWriteTokens);
    const prompt = input + cacheRead + cacheWrite;
    const cost = billed.reduce((total, u) => total + estimateCostUsd(MODEL, u), 0);
    const usd = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: 'USD',
      maximumFractionDigits: 4,
    });
    const pct = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
    expect(today?.value.split('\n')).toEqual([
      'Model calls: 2',
      `Tokens: ${n(prompt + output)} (input ${n(input)} · output ${n(output)} · cache read ${n(cacheRead)} · cache write ${n(cacheWrite)})`,
      'Answer cache hits: 25% (1 of 4 replies)',
      `Prompt cache reads: ${prompt > 0 ? pct.format(cacheRead / prompt) : '—'} of input tokens`,
      'Offline replies: 1',
      `Estimated cost: ${usd.format(cost)}`,
    ]);
    expect(cacheRead).toBeGreaterThan(0);
    expect(week?.value).toBe(today?.value);
    expect(view.original?.embeds[0]?.description).toBe('Daily token budget: unlimited');
  });

  it('GIVEN a member without Manage Server THEN refused, privately, with no numbers', async () => {
    const view = await usageAs(PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel);
    expect(view.ephemeral).toBe(true);
    expect(view.original?.content).toBe('Only members who can manage this server can see its AI use.');
    expect(view.original?.embeds).toEqual([]);
  });
});
