import type Keyv from 'keyv';
import type { Newsroom } from '../answer/newsroom-types.ts';
import type { ArticleStore } from '../articles/article.ts';
import { LocalizedError } from '../core/i18n/errors.ts';
import type { Logger } from '../core/log.ts';
import { type ComposeDeps, composeDigest } from './compose.ts';
import { permissionKeys } from './permissions.ts';
import type { ChannelRefusal, DigestChannelPort } from './port.ts';
import { createPoster, type Poster, type PostOutcome } from './poster.ts';
import { nextSlot } from './schedule.ts';
import { createDigestRepository, type DigestRepository, resume } from './state.ts';
import type { ComposedDigest, DigestConfig, DigestState } from './types.ts';

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
  /**
   * Checks through the port that the bot can post in the chosen channel (a UserFacingError saying what to fix if
   * not), saves the validated config (the command validates the rest) and lifts a pause: a fresh start.
   */
  configure(config: Omit<DigestConfig, 'since'>): Promise<DigestConfig>;
  /** Turns the digest off; false when none was set. */
  disable(guildId: string): Promise<boolean>;
  status(guildId: string): Promise<DigestStatus | null>;
  /** Exactly what `postNow` would post at this moment (same compose function), before the transport lays it out. */
  preview(guildId: string): Promise<ComposedDigest>;
  postNow(guildId: string): Promise<PostOutcome>;
  /** One pass over every guild this process serves (the port says which): posts what is due. Never throws. */
  tick(): Promise<void>;
  /** Ticks now (catch-up after downtime) and then once a minute until stop(). */
  start(): void;
  stop(): Promise<void>;
}

export interface DigestServiceDeps {
  /** The chat service the digest posts to (src/discord/digest/port.ts for Discord). */
  readonly port: DigestChannelPort;
  /** keyv opened on namespace `digest` (DIGEST_NAMESPACE). */
  readonly keyv: Keyv;
  readonly store: Pick<ArticleStore, 'between'>;
  readonly newsroom: Pick<Newsroom, 'summary'>;
  readonly sourceDisclaimer: string;
  /** DIGEST_CATCH_UP_HOURS. */
  readonly catchUpHours: number;
  readonly logger: Logger;
  readonly now?: () => Date;
}

const NOT_SET = new LocalizedError('digest.not-set', 'digest-not-set');

/** What `/digest set` answers when the bot could not post in the chosen channel. */
function channelRefusalError(refusal: ChannelRefusal, channelId: string): LocalizedError {
  if (refusal.problem === 'unseen') return new LocalizedError('digest.bad-channel', 'digest-bad-channel');
  // The port names permissions as Discord's English settings do; each reader sees their client's names.
  const missing = permissionKeys(refusal.missing);
  return new LocalizedError('digest.missing-permission', 'digest-missing-permission', {
    channel: channelId,
    missing,
  });
}

/** The service's parts, built once: what the methods below work with. */
interface Parts {
  readonly port: DigestChannelPort;
  readonly repo: DigestRepository;
  readonly compose: ComposeDeps;
  readonly poster: Poster;
  readonly now: () => Date;
}

export function createDigestService(deps: DigestServiceDeps): DigestService {
  const parts = assemble(deps);
  const { repo, poster, now } = parts;
  const ticker = createTicker(() => tickOnce(parts), deps.logger);
  return {
    configure: (input) => configure(parts, input),
    disable: async (guildId) => {
      const had = (await repo.config(guildId)) !== undefined;
      await repo.removeConfig(guildId);
      return had;
    },
    status: async (guildId) => {
      const config = await repo.config(guildId);
      if (!config) return null;
      return { config, state: await repo.state(guildId), nextPost: nextSlot(config, now()) };
    },
    preview: async (guildId) => {
      const config = await requireConfig(repo, guildId);
      return composeDigest(parts.compose, config, await repo.state(guildId), now());
    },
    postNow: async (guildId) => poster.postNow(await requireConfig(repo, guildId)),
    ...ticker,
  };
}

function assemble(deps: DigestServiceDeps): Parts {
  const now = deps.now ?? (() => new Date());
  const { port, logger } = deps;
  const repo = createDigestRepository(deps.keyv);
  const compose = {
    store: deps.store,
    newsroom: deps.newsroom,
    sourceDisclaimer: deps.sourceDisclaimer,
    logger,
  };
  const poster = createPoster({ port, repo, compose, catchUpHours: deps.catchUpHours, logger, now });
  return { port, repo, compose, poster, now };
}

async function requireConfig(repo: DigestRepository, guildId: string): Promise<DigestConfig> {
  const config = await repo.config(guildId);
  if (!config) throw NOT_SET;
  return config;
}

async function configure(parts: Parts, input: Omit<DigestConfig, 'since'>): Promise<DigestConfig> {
  const refusal = await parts.port.channelRefusal(input.guildId, input.channelId);
  if (refusal) throw channelRefusalError(refusal, input.channelId);
  const config: DigestConfig = { ...input, since: parts.now().toISOString() };
  await parts.repo.saveConfig(config);
  await parts.repo.saveState(config.guildId, resume(await parts.repo.state(config.guildId)));
  return config;
}

async function tickOnce({ port, repo, poster }: Parts): Promise<void> {
  // Only guilds this process serves: with shards, each guild's digest has exactly one poster.
  const configs = await repo.configs(port.guildIds());
  const runs = [...configs.values()]
    .filter((config) => port.serves(config.guildId))
    .map((config) => poster.runScheduled(config));
  // Each guild runs on its own: a slow or failing one never holds up another.
  await Promise.allSettled(runs);
}

/** Runs `pass` once a minute (TICK_OFFSET_MS into it) between start() and stop(); passes never overlap. */
function createTicker(
  pass: () => Promise<void>,
  logger: Logger,
): Pick<DigestService, 'tick' | 'start' | 'stop'> {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  async function tick(): Promise<void> {
    // A pass still running (slow store, retries) is the one that counts.
    running ??= pass()
      .catch((error: unknown) => logger.error({ err: error }, 'digest tick failed'))
      .finally(() => {
        running = undefined;
      });
    await running;
  }
  function schedule(): void {
    const wait = MINUTE_MS - (Date.now() % MINUTE_MS) + TICK_OFFSET_MS;
    timer = setTimeout(() => {
      void tick();
      schedule();
    }, wait);
  }
  return {
    tick,
    start() {
      if (timer) return;
      void tick();
      schedule();
    },
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
