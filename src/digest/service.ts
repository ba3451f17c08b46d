import type { Client } from 'discord.js';
import type Keyv from 'keyv';
import type { Newsroom } from '../answer/newsroom-types.ts';
import type { ArticleStore } from '../articles/article.ts';
import { UserFacingError } from '../core/errors.ts';
import type { Logger } from '../core/log.ts';
import { type ComposedDigest, composeDigest } from './compose.ts';
import type { RetryOptions } from './delivery.ts';
import { createPoster, type PostOutcome } from './poster.ts';
import { nextSlot } from './schedule.ts';
import { createDigestRepository, resume } from './state.ts';
import type { DigestConfig, DigestState } from './types.ts';

/** The tick runs this long after each minute starts, so a slot at HH:MM:00 is always in the past by then. */
const TICK_OFFSET_MS = 1_000;
const MINUTE_MS = 60_000;

export interface DigestStatus {
  readonly config: DigestConfig;
  readonly state: DigestState;
  readonly nextPost: Date | null;
}

/** What `/digest` and the bot's start-up use. */
export interface DigestService {
  /** Saves a validated config (the command validates) and lifts a pause: the new settings get a fresh start. */
  configure(config: Omit<DigestConfig, 'since'>): Promise<DigestConfig>;
  /** Turns the digest off; false when none was set. */
  disable(guildId: string): Promise<boolean>;
  status(guildId: string): Promise<DigestStatus | null>;
  /** Exactly what `postNow` would post at this moment (same compose function). */
  preview(guildId: string): Promise<ComposedDigest>;
  postNow(guildId: string): Promise<PostOutcome>;
  /** One pass over every guild this process holds (`client.guilds.cache`): posts what is due. Never throws. */
  tick(): Promise<void>;
  /** Ticks now (catch-up after downtime) and then once a minute until stop(). */
  start(): void;
  stop(): Promise<void>;
}

export interface DigestServiceDeps {
  readonly client: Client;
  /** keyv opened on namespace `digest`. */
  readonly keyv: Keyv;
  readonly store: Pick<ArticleStore, 'between'>;
  readonly newsroom: Pick<Newsroom, 'summary'>;
  readonly sourceDisclaimer: string;
  /** DIGEST_CATCH_UP_HOURS. */
  readonly catchUpHours: number;
  readonly logger: Logger;
  readonly now?: () => Date;
  readonly retry?: RetryOptions;
  readonly resendWindowMs?: number;
}

const NOT_SET = new UserFacingError(
  'No digest is set up in this server yet. Use /digest set first.',
  'digest-not-set',
);

export function createDigestService(deps: DigestServiceDeps): DigestService {
  const now = deps.now ?? (() => new Date());
  const { client, logger } = deps;
  const repo = createDigestRepository(deps.keyv);
  const compose = {
    store: deps.store,
    newsroom: deps.newsroom,
    sourceDisclaimer: deps.sourceDisclaimer,
    logger,
  };
  const poster = createPoster({
    client,
    repo,
    compose,
    catchUpHours: deps.catchUpHours,
    logger,
    now,
    ...(deps.retry ? { retry: deps.retry } : {}),
    ...(deps.resendWindowMs === undefined ? {} : { resendWindowMs: deps.resendWindowMs }),
  });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  async function requireConfig(guildId: string): Promise<DigestConfig> {
    const config = await repo.config(guildId);
    if (!config) throw NOT_SET;
    return config;
  }

  async function tickOnce(): Promise<void> {
    // Only guilds this process's client holds: with shards, each guild's digest has exactly one poster.
    const configs = await repo.configs([...client.guilds.cache.keys()]);
    const runs = [...configs.values()]
      .filter((config) => client.guilds.cache.has(config.guildId))
      .map((config) => poster.runScheduled(config));
    // Each guild runs on its own: a slow or failing one never holds up another.
    await Promise.allSettled(runs);
  }

  const service: DigestService = {
    async configure(input) {
      const config: DigestConfig = { ...input, since: now().toISOString() };
      await repo.saveConfig(config);
      await repo.saveState(config.guildId, resume(await repo.state(config.guildId)));
      return config;
    },
    async disable(guildId) {
      const had = (await repo.config(guildId)) !== undefined;
      await repo.removeConfig(guildId);
      return had;
    },
    async status(guildId) {
      const config = await repo.config(guildId);
      if (!config) return null;
      return { config, state: await repo.state(guildId), nextPost: nextSlot(config, now()) };
    },
    async preview(guildId) {
      const config = await requireConfig(guildId);
      return composeDigest(compose, config, await repo.state(guildId), now());
    },
    async postNow(guildId) {
      return poster.postNow(await requireConfig(guildId));
    },
    async tick() {
      // Ticks never overlap: a pass still running (slow store, retries) is the one that counts.
      running ??= tickOnce()
        .catch((error: unknown) => logger.error({ err: error }, 'digest tick failed'))
        .finally(() => {
          running = undefined;
        });
      await running;
    },
    start() {
      if (timer) return;
      const schedule = () => {
        const wait = MINUTE_MS - (Date.now() % MINUTE_MS) + TICK_OFFSET_MS;
        timer = setTimeout(() => {
          void service.tick();
          schedule();
        }, wait);
      };
      void service.tick();
      schedule();
    },
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
  return service;
}
