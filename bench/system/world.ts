/**
 * One system under test: the fake Discord, the fake Anthropic (realistic pacing) behind the timing/fault proxy, a
 * private copy of the benchmark store, and the real bot as its own process. Scenarios start one each, so a crash
 * or a leak in one never colours another's verdict.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type FakeAnthropic, startFakeAnthropic } from '../../test/fakes/anthropic.ts';
import { type FakeDiscord, startFakeDiscord } from '../../test/fakes/discord/index.ts';
import type { FakeDiscordOptions } from '../../test/fakes/discord/types.ts';
import { startPostgresServer } from '../../test/support/postgres-server.ts';
import { type RedisServer, startRedisServer } from '../../test/support/redis-server.ts';
import { type BotProcess, startBotProcess } from './bot-process.ts';
import { type ModelProxy, startModelProxy } from './model-proxy.ts';
import { copyArticlesTo, copyStore } from './store-cache.ts';

/** Realistic model timing (issue 9): the first token after ~300 ms, then ~40 tokens a second. */
export const MODEL_FIRST_TOKEN_MS = 300;
export const MODEL_TOKENS_PER_SECOND = 40;
/** Every request the bot makes is kept for the checks (the fake's default keeps 20,000). */
const MAX_RECORDED_REQUESTS = 2_000_000;

/** Sub-millisecond clock shared by the fake Discord, the model proxy and the driver. */
export const preciseNow = () => performance.timeOrigin + performance.now();

export interface WorldOptions {
  /** The cached store file to copy. */
  readonly storeFile: string;
  /** More bot environment (e.g. ARTICLES_DIR, ANTHROPIC_MAX_RETRIES). */
  readonly env?: Readonly<Record<string, string>>;
  /** Create an empty ARTICLES_DIR in the run folder and let the bot watch it. */
  readonly articlesDir?: boolean;
  readonly seed?: number;
  /** Store the articles on a real server (started here) instead of a SQLite file. */
  readonly storeServer?: 'redis' | 'postgres';
  /** Fake Discord settings beyond the bench's own (shards, identify buckets). */
  readonly discord?: Omit<FakeDiscordOptions, 'now' | 'maxRecordedRequests' | 'seed'>;
}

/** One more bot process in a world: its own environment on top of the world's (e.g. SHARD_IDS). */
export interface BotStart {
  readonly inspect?: boolean;
  readonly env?: Readonly<Record<string, string>>;
  /** 'bot ready' lines to wait for: one per shard the process runs. */
  readonly readyLines?: number;
}

/** A store server the bench can kill and start again (both helpers have this shape). */
export type StoreServer = Pick<RedisServer, 'url' | 'stop' | 'start' | 'close'>;

const START_STORE_SERVER = { redis: startRedisServer, postgres: startPostgresServer } as const;

export interface World {
  readonly discord: FakeDiscord;
  readonly anthropic: FakeAnthropic;
  readonly proxy: ModelProxy;
  readonly dir: string;
  readonly storeUrl: string;
  /** The SQLite file, or null on Redis. */
  readonly storePath: string | null;
  /** The store's server, when it has one: it can be stopped and started again. */
  readonly storeServer: StoreServer | null;
  readonly articlesDir: string | null;
  /** The bot process now running (a new one after restartBot). */
  bot(): BotProcess;
  /** Every bot process this world started, oldest first. */
  readonly bots: BotProcess[];
  /** `inspect`: with the inspector on 127.0.0.1 (see heap-probe.ts). */
  startBot(inspect?: boolean): Promise<BotProcess>;
  startBotWith(start: BotStart): Promise<BotProcess>;
  /** The environment every bot process of this world gets. */
  readonly env: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

export async function startWorld(options: WorldOptions): Promise<World> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'newsdesk-system-'));
  const storeServer = options.storeServer ? await START_STORE_SERVER[options.storeServer]() : null;
  const storeUrl = storeServer ? storeServer.url : await copyStore(options.storeFile, dir);
  if (storeServer)
    await copyArticlesTo(options.storeFile, storeServer.url).catch(async (error: unknown) => {
      await storeServer.close();
      throw error;
    });
  const articlesDir = options.articlesDir ? path.join(dir, 'articles') : null;
  if (articlesDir) await fs.mkdir(articlesDir);
  const discord = await startFakeDiscord({
    ...options.discord,
    now: preciseNow,
    maxRecordedRequests: MAX_RECORDED_REQUESTS,
    seed: options.seed ?? 1,
  });
  const anthropic = await startFakeAnthropic({
    firstTokenDelayMs: MODEL_FIRST_TOKEN_MS,
    tokensPerSecond: MODEL_TOKENS_PER_SECOND,
  });
  const proxy = await startModelProxy(anthropic.url, preciseNow, options.seed ?? 1);
  const env: Record<string, string> = {
    STORE_URL: storeUrl,
    DISCORD_TOKEN: 'fake.bot.token',
    DISCORD_API_URL: discord.restApi,
    ANTHROPIC_API_KEY: 'sk-test',
    ANTHROPIC_BASE_URL: proxy.url,
    LOG_LEVEL: 'info',
    FEED_POLL_MINUTES: '1440',
    ...(articlesDir ? { ARTICLES_DIR: articlesDir } : {}),
    ...options.env,
  };
  const bots: BotProcess[] = [];
  const world: World = {
    ...{ discord, anthropic, proxy, dir, storeUrl, articlesDir, bots, storeServer },
    storePath: storeServer ? null : storeUrl.replace(/^sqlite:\/\//, ''),
    bot() {
      const current = bots.at(-1);
      if (!current) throw new Error('no bot started in this world');
      return current;
    },
    env,
    startBot: (inspect = false) => world.startBotWith({ inspect }),
    async startBotWith(start) {
      const bot = await startBotProcess({ ...env, ...start.env }, start.inspect, start.readyLines);
      bots.push(bot);
      return bot;
    },
    async close() {
      await Promise.all(bots.map((bot) => bot.kill()));
      await Promise.all([discord.close(), anthropic.close(), proxy.close(), storeServer?.close()]);
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
  return world;
}
