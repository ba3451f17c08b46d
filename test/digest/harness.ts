import { once } from 'node:events';
import { type Client, Events, type Interaction, Routes } from 'discord.js';
import Keyv from 'keyv';
import { digest as digestDefinition } from '../../commands/digest.ts';
import { createAnswerRecords } from '../../src/answer/records.ts';
import { createReportStore } from '../../src/answer/reports.ts';
import { type NewsroomRuntime, openNewsroom } from '../../src/app/runtime.ts';
import { type Config, parseConfig } from '../../src/core/config.ts';
import { silentLogger } from '../../src/core/log.ts';
import { createDigestService, type DigestService } from '../../src/digest/service.ts';
import { createDigestRepository, type DigestRepository } from '../../src/digest/state.ts';
import { DIGEST_NAMESPACE, type DigestConfig } from '../../src/digest/types.ts';
import { discordCommand } from '../../src/discord/adapter.ts';
import { createDiscordClient } from '../../src/discord/client.ts';
import { createCooldowns } from '../../src/discord/cooldowns.ts';
import { DIGEST_COMPONENTS } from '../../src/discord/digest/components.ts';
import { createDiscordDigestPort } from '../../src/discord/digest/port.ts';
import { createRouter } from '../../src/discord/router.ts';
import { NO_LINKS } from '../../src/ingest/link.ts';
import { type FakeAnthropic, startFakeAnthropic } from '../fakes/anthropic.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/index.ts';
import { ingestFresh } from './support.ts';

/**
 * The digest end to end: the real discord.js Client against the fake Discord, the real newsroom (Anthropic SDK)
 * against the fake Anthropic, a memory store, and one clock that the test moves. `connect()` is one bot process:
 * calling it again after `stop()` is a restart on the same store.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

/** Waits until the client has seen what the fake told it over the gateway (it applies events asynchronously). */
export async function eventually(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface DigestBot {
  readonly client: Client;
  readonly digest: DigestService;
  stop(): Promise<void>;
}

export interface DigestWorld {
  readonly discord: FakeDiscord;
  readonly anthropic: FakeAnthropic;
  readonly runtime: NewsroomRuntime;
  readonly keyv: Keyv;
  readonly repo: DigestRepository;
  readonly config: Config;
  readonly clock: { ms: number };
  /** What the digest's button and modal handlers threw (the bot's router reports these to the user). */
  now(): Date;
  /** Moves the clock to an ISO instant. */
  at(iso: string): void;
  /** Stores sample articles published `hoursAgo` before the clock. */
  ingest(hoursAgo: readonly number[]): Promise<void>;
  connect(options?: { catchUpHours?: number }): Promise<DigestBot>;
  /** Saves a digest config as `/digest set` would have, at an earlier time. */
  configure(overrides?: Partial<DigestConfig>): Promise<DigestConfig>;
  close(): Promise<void>;
}

/** `env` adds to the test config, e.g. cooldowns (off by default: tests press the same button often) or a budget. */
export async function startDigestWorld(
  startIso: string,
  env: Readonly<Record<string, string>> = {},
): Promise<DigestWorld> {
  const clock = { ms: Date.parse(startIso) };
  const now = () => new Date(clock.ms);
  const discord = await startFakeDiscord({ now: () => clock.ms });
  const anthropic = await startFakeAnthropic({ now: () => clock.ms });
  const config = parseConfig({
    DISCORD_TOKEN: 'fake.bot.token',
    DISCORD_API_URL: discord.restApi,
    ANTHROPIC_API_KEY: 'sk-test',
    ANTHROPIC_BASE_URL: anthropic.url,
    ANTHROPIC_MAX_RETRIES: '0',
    STORE_URL: 'memory://',
    LOG_LEVEL: 'silent',
    ASK_COOLDOWN_PER_MINUTE: '0',
    SUMMARY_COOLDOWN_PER_MINUTE: '0',
    ...env,
  });
  const runtime = await openNewsroom(config, silentLogger, { now });
  const keyv = await runtime.openKeyv(DIGEST_NAMESPACE);
  const repo = createDigestRepository(keyv);
  const bots: DigestBot[] = [];
  let batches = 0;

  async function connect(options: { catchUpHours?: number } = {}): Promise<DigestBot> {
    const client = createDiscordClient(config.discord, discord.clientOptions());
    const digest = createDigestService({
      port: createDiscordDigestPort(client, { sleep: async () => {}, baseDelayMs: 1 }),
      keyv,
      store: runtime.store,
      newsroom: runtime.newsroom,
      sourceDisclaimer: config.sourceDisclaimer,
      catchUpHours: options.catchUpHours ?? config.digestCatchUpHours,
      logger: silentLogger,
      now,
    });
    const deps = {
      newsroom: runtime.newsroom,
      store: runtime.store,
      logger: silentLogger,
      accounting: { usage: runtime.usage, dailyTokenBudget: config.guildDailyTokenBudget },
      digest,
      records: createAnswerRecords(new Keyv()),
      reportStore: createReportStore(new Keyv()),
      links: NO_LINKS,
      answerActions: [],
    };
    const digestCommand = discordCommand(digestDefinition);
    // The bot's own wiring: digest buttons and modals are a component route of the router.
    const router = createRouter({
      commands: [digestCommand],
      deps,
      logger: silentLogger,
      components: [DIGEST_COMPONENTS],
      deferralHoldMs: config.deferralHoldMs,
      cooldowns: createCooldowns({
        perWindow: { ask: config.cooldowns.askPerMinute, summary: config.cooldowns.summaryPerMinute },
        now: () => clock.ms,
      }),
    });
    client.on(Events.InteractionCreate, (interaction: Interaction) => void router.handle(interaction));
    const ready = once(client, Events.ClientReady);
    await client.login(config.discord.token);
    await ready;
    await client.rest.put(Routes.applicationCommands(discord.applicationId), { body: [digestCommand.data] });
    const bot = { client, digest, stop: async () => void (await client.destroy()) };
    bots.push(bot);
    return bot;
  }

  return {
    discord,
    anthropic,
    runtime,
    keyv,
    repo,
    config,
    clock,
    now,
    at(iso) {
      clock.ms = Date.parse(iso);
    },
    async ingest(hoursAgo) {
      batches += 1;
      await ingestFresh(runtime.store, now(), hoursAgo, `b${batches}`);
    },
    connect,
    async configure(overrides = {}) {
      const digestConfig: DigestConfig = {
        guildId: discord.guildId,
        channelId: discord.channelId,
        time: '09:00',
        timeZone: 'Europe/Berlin',
        items: 5,
        announceEmpty: false,
        language: 'en',
        since: new Date(clock.ms - HOUR_MS).toISOString(),
        ...overrides,
      };
      await repo.saveConfig(digestConfig);
      return digestConfig;
    },
    async close() {
      await Promise.allSettled(bots.map((bot) => bot.stop()));
      await runtime.close();
      await Promise.allSettled([discord.close(), anthropic.close()]);
    },
  };
}
