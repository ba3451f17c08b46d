import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DiscordBot, startDiscordBot } from '../../src/app/discord-bot.ts';
import { createDiscordClient } from '../../src/discord/client.ts';
import { type FakeAnthropic, startFakeAnthropic } from '../fakes/anthropic.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/index.ts';
import { captureLogs, testConfig } from './support/harness.ts';

const SHARDS = 2;
/** Discord's is 5 s; the fake and the bot both use a shorter one here. */
const IDENTIFY_INTERVAL_MS = 700;

/**
 * Shard processes pace their identifies through the store. Without it, two processes identifying in the same
 * bucket at once are refused (op 9) and wait to try again, as the control case shows against the same fake.
 */
describe('identifies paced across shard processes', () => {
  let dir = '';
  let discord: FakeDiscord;
  let anthropic: FakeAnthropic;
  const bots: DiscordBot[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-identify-'));
    discord = await startFakeDiscord({ shards: SHARDS, identifyIntervalMs: IDENTIFY_INTERVAL_MS });
    anthropic = await startFakeAnthropic();
  });
  afterEach(async () => {
    for (const bot of bots.splice(0)) await bot.stop();
    await Promise.all([discord.close(), anthropic.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN two shard processes starting at the same moment THEN they identify one interval apart and Discord refuses neither', async () => {
    const config = testConfig(discord, anthropic, dir);
    const { logger } = captureLogs('silent');
    const client = { ...discord.clientOptions(), identifyIntervalMs: IDENTIFY_INTERVAL_MS };
    const started = await Promise.all(
      [0, 1].map((shard) =>
        startDiscordBot({
          config,
          logger,
          client,
          placement: { count: SHARDS, ids: [shard] },
          shutdownSignals: [],
        }),
      ),
    );
    bots.push(...started);
    const attempts = discord.identifyAttempts();
    expect(attempts.map((attempt) => attempt.refusal)).toEqual([null, null]);
    const [first, second] = attempts.map((attempt) => attempt.at);
    expect(Math.abs((second ?? 0) - (first ?? 0))).toBeGreaterThanOrEqual(IDENTIFY_INTERVAL_MS);
  }, 30_000);

  it('GIVEN two clients pacing only themselves (the control) THEN the fake refuses one of them with op 9', async () => {
    const config = testConfig(discord, anthropic, dir);
    const clients = [0, 1].map((shard) =>
      createDiscordClient(config.discord, discord.clientOptions(), { count: SHARDS, ids: [shard] }),
    );
    try {
      await Promise.all(clients.map((client) => client.login('fake.bot.token')));
      await discord.waitUntil(() => discord.identifyAttempts().length >= 2, 10_000);
      expect(discord.identifyAttempts().map((attempt) => attempt.refusal)).toContain('invalid-session');
    } finally {
      await Promise.all(clients.map((client) => client.destroy()));
    }
  }, 30_000);
});
