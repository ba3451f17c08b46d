import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { proxyRequests } from '@discordjs/proxy';
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE_DISCLAIMER } from '../../src/core/config.ts';
import { shardOfGuild } from '../../src/core/shards.ts';
import { type FakeAnthropic, startFakeAnthropic } from '../fakes/anthropic.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/index.ts';
import { envWithSamples, type NewsdeskProcess, startNewsdesk } from '../support/subprocess.ts';

/**
 * The README's REST proxy layout, run for real: discord.js's own `@discordjs/proxy` in front of the fake Discord,
 * two shard processes pointed at it through DISCORD_API_URL, so Discord's rate limits are kept in one place.
 */
describe('npm start with 2 shards behind @discordjs/proxy (DISCORD_API_URL)', () => {
  let discord: FakeDiscord;
  let anthropic: FakeAnthropic;
  let proxy: Server;
  let dir: string;
  let bot: NewsdeskProcess;
  const proxied: string[] = [];

  beforeAll(async () => {
    discord = await startFakeDiscord({ shards: 2 });
    anthropic = await startFakeAnthropic();
    const rest = new REST({ api: discord.restApi, retries: 0 }).setToken('fake.bot.token');
    const forward = proxyRequests(rest);
    proxy = createServer((req, res) => {
      const route = new URL(req.url ?? '/', 'http://proxy').pathname.replace(/^\/api(\/v\d+)?/, '');
      proxied.push(`${req.method} ${decodeURIComponent(route)}`);
      Promise.resolve(forward(req, res)).catch(() => res.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyApi = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/api`;
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-rest-proxy-'));
    const { env } = await envWithSamples(dir, proxyApi, anthropic.url);
    bot = startNewsdesk({ ...env, SHARD_COUNT: '2', SHARDS_PER_PROCESS: '1', SHARD_SPAWN_DELAY_MS: '100' });
    await discord.waitUntil(() => bot.logs('bot ready').length === 2, 60_000);
  }, 90_000);

  afterAll(async () => {
    if (bot.child.exitCode === null) {
      bot.child.kill('SIGTERM');
      await bot.exited;
    }
    await new Promise((resolve) => proxy.close(resolve));
    await discord.close();
    await anthropic.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN a guild on each shard THEN /summary is answered in both, and every call to Discord went through the proxy', async () => {
    let other = discord.addGuild({ name: 'Second town' });
    while (shardOfGuild(other.guildId, 2) === shardOfGuild(discord.guildId, 2))
      other = discord.addGuild({ name: 'Another town' });
    // Guilds added after start reach their shard as GUILD_CREATE; give both shards a moment to take theirs.
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const where of [{ guildId: discord.guildId, channelId: discord.channelId }, other]) {
      const interaction = await discord.command('summary', { article: '001_tram_line_vote' }, where);
      const view = await interaction.waitFor((v) => !v.thinking && v.original !== null, 20_000);
      expect(view.original?.embeds[0]?.footer?.text).toBe(SITE_DISCLAIMER);
    }
    const reached = discord.requests.map((request) => `${request.method} ${request.path}`);
    expect(reached.length).toBeGreaterThan(4);
    const unmatched = [...proxied];
    for (const request of reached) {
      const at = unmatched.indexOf(request);
      expect(at, `${request} reached Discord without the proxy`).toBeGreaterThanOrEqual(0);
      unmatched.splice(at, 1);
    }
    expect(reached.filter((r) => r.startsWith('POST /interactions/'))).toHaveLength(2);
  }, 60_000);
});
