import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config.ts';
import { createDiscordClient, createStreamRest } from '../../src/discord/client.ts';
import { type BotHarness, startHarness } from '../discord/support/harness.ts';

/**
 * Found by the system benchmark's soak (issue 9): the bot's heap after a full GC grew ~1.5 KB per interaction,
 * without end. Heap snapshots showed two causes: discord.js caching every user and member who ever interacts, for
 * the life of the process; and @discordjs/rest keeping one request queue per interaction token (a webhook's
 * rate-limit key includes the token) until its hourly sweep, in both the client's REST and the live-edit REST.
 */

const DISTINCT_USERS = 1_100;
const USERS_KEPT_AT_MOST = 1_000;
const SWEEP_AT_MOST_MS = 60_000;
const CONCURRENT = 25;

const userId = (n: number) => String(500_000_000_000_000_000n + BigInt(n));

describe('the bot process memory under a stream of new people', () => {
  let harness: BotHarness | undefined;

  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('GIVEN 1,100 different people using autocomplete THEN at most 1,000 users and members stay cached, the bot itself among them', async () => {
    harness = await startHarness({ logLevel: 'silent' });
    const { discord, bot } = harness;
    let next = 0;
    const worker = async () => {
      while (next < DISTINCT_USERS) {
        const interaction = await discord.autocomplete('summary', { article: 'tram' }, 'article', {
          userId: userId(next++),
        });
        await interaction.waitFor((view) => view.choices !== null, 5_000);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENT }, worker));

    const guild = bot.client.guilds.cache.get(discord.guildId);
    expect(bot.client.users.cache.size).toBeLessThanOrEqual(USERS_KEPT_AT_MOST);
    expect(guild?.members.cache.size ?? 0).toBeLessThanOrEqual(USERS_KEPT_AT_MOST);
    expect(bot.client.users.cache.has(bot.client.user?.id ?? '')).toBe(true);
    expect(guild?.members.me).toBeTruthy();
  }, 60_000);

  it('GIVEN the REST clients the bot answers through THEN idle per-interaction queues are dropped within a minute', () => {
    const config = parseConfig({ DISCORD_TOKEN: 'fake.bot.token', LOG_LEVEL: 'silent' });
    const client = createDiscordClient(config.discord);
    const stream = createStreamRest(config.discord);
    try {
      expect(client.rest.options.handlerSweepInterval).toBeLessThanOrEqual(SWEEP_AT_MOST_MS);
      expect(stream.options.handlerSweepInterval).toBeLessThanOrEqual(SWEEP_AT_MOST_MS);
    } finally {
      client.rest.clearHandlerSweeper();
      client.rest.clearHashSweeper();
      stream.clearHandlerSweeper();
      stream.clearHashSweeper();
      void client.destroy();
    }
  });
});
