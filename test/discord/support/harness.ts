import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { type DiscordBotOptions, startDiscordBot } from '../../../src/app/discord-bot.ts';
import { type NewsroomRuntime, openNewsroom } from '../../../src/app/runtime.ts';
import { type Config, parseConfig } from '../../../src/core/config.ts';
import type { Logger } from '../../../src/core/log.ts';
import type { RunningBot, StartBotOptions } from '../../../src/discord/bot.ts';
import type { SlashCommand } from '../../../src/discord/command.ts';
import { ingestPaths } from '../../../src/ingest/files.ts';
import { type FakeAnthropic, type FakeAnthropicOptions, startFakeAnthropic } from '../../fakes/anthropic.ts';
import { type FakeDiscord, type FakeDiscordOptions, startFakeDiscord } from '../../fakes/discord/index.ts';

export const SAMPLES_DIR = path.resolve(import.meta.dirname, '../../../data/samples');

/** The bot's log lines, parsed, for asserting what an operator would read. */
export interface CapturedLogs {
  readonly logger: Logger;
  readonly lines: Record<string, unknown>[];
}

export function captureLogs(level = 'debug'): CapturedLogs {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level, base: null }, sink), lines };
}

export interface BotHarness {
  readonly discord: FakeDiscord;
  readonly anthropic: FakeAnthropic;
  readonly runtime: NewsroomRuntime;
  readonly bot: RunningBot;
  readonly config: Config;
  readonly logs: CapturedLogs;
  readonly dir: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly anthropic?: FakeAnthropicOptions;
  readonly env?: Readonly<Record<string, string>>;
  /** Replaces the newsroom (the interface, not a mock): for failures the real one does not produce. */
  readonly newsroom?: (real: NewsroomRuntime['newsroom']) => NewsroomRuntime['newsroom'];
  readonly ingest?: boolean;
  readonly commands?: readonly SlashCommand[];
  readonly discord?: FakeDiscordOptions;
  readonly extraServices?: DiscordBotOptions['extraServices'];
  /** 'debug' by default, so tests can assert on log lines; benchmarks pass 'silent'. */
  readonly logLevel?: string;
  /** The newsroom's clock (usage days, budget resets). */
  readonly now?: () => Date;
  /** The fetch the Anthropic SDK uses (benchmarks wrap it to see when the first token arrives). */
  readonly fetch?: typeof fetch;
  readonly live?: StartBotOptions['live'];
  /** What the bot tells while interactions wait for a first response (the ingest's side of it). */
  readonly foreground?: StartBotOptions['foreground'];
}

export function testConfig(discord: FakeDiscord, anthropic: FakeAnthropic, dir: string, env = {}): Config {
  return parseConfig({
    DISCORD_TOKEN: 'fake.bot.token',
    DISCORD_API_URL: discord.restApi,
    STORE_URL: `sqlite://${path.join(dir, 'newsdesk.sqlite')}`,
    ANTHROPIC_API_KEY: 'sk-test',
    ANTHROPIC_BASE_URL: anthropic.url,
    ANTHROPIC_MAX_RETRIES: '0',
    ANTHROPIC_TIMEOUT_MS: '5000',
    LOG_LEVEL: 'silent',
    // Many tests ask as the same user: cooldowns are off unless a test turns them on.
    ASK_COOLDOWN_PER_MINUTE: '0',
    SUMMARY_COOLDOWN_PER_MINUTE: '0',
    ...env,
  });
}

/** Real bot (discord.js Client, router, newsroom, SQLite store) against the fake Discord and fake Anthropic. */
export async function startHarness(options: HarnessOptions = {}): Promise<BotHarness> {
  const dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-discord-'));
  const discord = await startFakeDiscord(options.discord);
  const anthropic = await startFakeAnthropic(options.anthropic);
  const config = testConfig(discord, anthropic, dir, options.env);
  const logs = captureLogs(options.logLevel);
  const opened = await openNewsroom(config, logs.logger, {
    ...(options.now ? { now: options.now } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  if (options.ingest !== false) await ingestPaths([SAMPLES_DIR], { store: opened.store, dryRun: false });
  const runtime = options.newsroom ? { ...opened, newsroom: options.newsroom(opened.newsroom) } : opened;
  const bot = await startDiscordBot({
    config,
    logger: logs.logger,
    runtime,
    client: discord.clientOptions(),
    shutdownSignals: [],
    ...(options.commands ? { commands: options.commands } : {}),
    ...(options.extraServices ? { extraServices: options.extraServices } : {}),
    ...(options.live ? { live: options.live } : {}),
    ...(options.foreground ? { foreground: options.foreground } : {}),
  });
  return {
    ...{ discord, anthropic, runtime, bot, config, logs, dir },
    async close() {
      await bot.stop();
      await Promise.all([discord.close(), anthropic.close()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
