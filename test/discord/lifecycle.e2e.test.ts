import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordBot } from '../../src/app/discord-bot.ts';
import { openNewsroom } from '../../src/app/runtime.ts';
import { parseConfig } from '../../src/core/config.ts';
import { UserFacingError } from '../../src/core/errors.ts';
import { restApiBase } from '../../src/discord/client.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/index.ts';
import { captureLogs } from './support/harness.ts';

let discord: FakeDiscord;
let dir: string;
beforeAll(async () => {
  discord = await startFakeDiscord();
  dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-lifecycle-'));
});
afterAll(async () => {
  await discord?.close();
  await rm(dir, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}) =>
  parseConfig({
    DISCORD_TOKEN: 'fake.bot.token',
    DISCORD_API_URL: `${discord.restApi}/v10/`,
    STORE_URL: `sqlite://${path.join(dir, 'newsdesk.sqlite')}`,
    LOG_LEVEL: 'silent',
    ...extra,
  });

describe('startBot', () => {
  it('GIVEN a shutdown signal THEN disconnects from the gateway and closes the store', async () => {
    const logs = captureLogs();
    const config = env();
    const runtime = await openNewsroom(config, logs.logger);
    let storeClosed = false;
    const bot = await startDiscordBot({
      config,
      logger: logs.logger,
      runtime: {
        ...runtime,
        close: async () => {
          await runtime.close();
          storeClosed = true;
        },
      },
      client: { waitGuildTimeout: 1_000, rest: { offset: 0, retries: 0 } },
      shutdownSignals: ['SIGUSR2'],
    });
    expect(bot.client.isReady()).toBe(true);
    expect(bot.client.options.allowedMentions).toEqual({ parse: [] });
    process.emit('SIGUSR2', 'SIGUSR2');
    await discord.waitUntil(() => logs.lines.some((line) => line.msg === 'bot stopped'));
    expect(bot.client.isReady()).toBe(false);
    expect(storeClosed).toBe(true);
    expect(process.listenerCount('SIGUSR2')).toBe(0);
    await bot.stop();
  });

  it('GIVEN no DISCORD_TOKEN THEN refuses to start, saying what to set', async () => {
    const start = startDiscordBot({
      config: env({ DISCORD_TOKEN: '' }),
      logger: captureLogs().logger,
      shutdownSignals: [],
    });
    await expect(start).rejects.toThrow(UserFacingError);
    await expect(start).rejects.toThrow(/DISCORD_TOKEN/);
  });
});

describe('restApiBase', () => {
  it('GIVEN a proxy URL with or without the version and slash THEN the base discord.js expects', () => {
    for (const url of ['http://proxy:8080/api', 'http://proxy:8080/api/', 'http://proxy:8080/api/v10']) {
      expect(restApiBase(url)).toBe('http://proxy:8080/api');
    }
  });
});
