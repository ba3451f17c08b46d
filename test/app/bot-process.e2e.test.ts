import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE_DISCLAIMER } from '../../src/core/config.ts';
import { type FakeAnthropic, startFakeAnthropic } from '../fakes/anthropic.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/index.ts';
import { type NewsdeskProcess, PROJECT_ROOT, runNewsdesk, startNewsdesk } from '../support/subprocess.ts';

/**
 * `npm start` as a user runs it: a separate process with DISCORD_TOKEN, reaching the fake Discord through
 * DISCORD_API_URL and the fake Anthropic through ANTHROPIC_BASE_URL, on a fresh SQLite store filled by ingest.
 */
describe('the bot process (npm start with a token)', () => {
  let discord: FakeDiscord;
  let anthropic: FakeAnthropic;
  let dir: string;
  let bot: NewsdeskProcess;

  beforeAll(async () => {
    discord = await startFakeDiscord();
    anthropic = await startFakeAnthropic();
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-bot-'));
    const env = {
      STORE_URL: `sqlite://${path.join(dir, 'store.sqlite')}`,
      DISCORD_TOKEN: 'fake.bot.token',
      DISCORD_API_URL: discord.restApi,
      ANTHROPIC_API_KEY: 'sk-test',
      ANTHROPIC_BASE_URL: anthropic.url,
      LOG_LEVEL: 'info',
    };
    const ingest = await runNewsdesk(['ingest', path.join(PROJECT_ROOT, 'data/samples')], env);
    expect(ingest.stdout).toBe('7 new, 0 updated, 0 unchanged, 0 failed\n');
    bot = startNewsdesk(env);
    await discord.waitUntil(() => bot.stderr().includes('bot ready'), 20_000);
  }, 60_000);

  afterAll(async () => {
    if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
    await discord.close();
    await anthropic.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN the bot started THEN it registered its commands and answers /summary with the disclaimer', async () => {
    expect(discord.registeredCommands().map((command) => (command as { name: string }).name)).toContain(
      'summary',
    );
    const interaction = await discord.command('summary', { article: '001_tram_line_vote' });
    const view = await interaction.waitFor((v) => !v.thinking && v.original !== null, 15_000);
    expect(view.original?.embeds[0]?.footer?.text).toBe(SITE_DISCLAIMER);
    expect(anthropic.requests).toHaveLength(1);
  });

  it('GIVEN SIGTERM THEN it closes the gateway and exits 0', async () => {
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.stderr()).toContain('shutting down');
  });
});

describe('the bot process when Discord cannot be reached', () => {
  it('GIVEN nothing listening at DISCORD_API_URL THEN one line says so and what to check, exit 1', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const apiUrl = `http://127.0.0.1:${port}/api`;
    const result = await runNewsdesk(['start'], {
      STORE_URL: 'memory://',
      DISCORD_TOKEN: 'fake.bot.token',
      DISCORD_API_URL: apiUrl,
      LOG_LEVEL: 'silent',
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `Could not reach Discord at ${apiUrl} (ECONNREFUSED). Check the network, and DISCORD_API_URL, then start again.`,
    );
  });
});
