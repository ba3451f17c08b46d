import { once } from 'node:events';
import { type Client, Events } from 'discord.js';
import type Keyv from 'keyv';
import type { Config } from '../core/config.ts';
import { UserFacingError } from '../core/errors.ts';
import type { Foreground } from '../core/foreground.ts';
import type { Logger } from '../core/log.ts';
import { holdsShardZero, type ShardPlacement, UNSHARDED } from '../core/shards.ts';
import type { Leases } from '../store/lease.ts';
import { DISCORD_COMMANDS, DISCORD_MESSAGE_COMMANDS } from './adapter.ts';
import { ANSWER_ACTIONS } from './answer-action-list.ts';
import { type ClientTuning, createDiscordClient, createStreamRest } from './client.ts';
import type { BotServices, CommandDeps, SlashCommand } from './command.ts';
import { type CooldownOptions, type Cooldowns, createCooldowns } from './cooldowns.ts';
import { createSharedCooldowns } from './cooldowns-shared.ts';
import { type MetaStore, syncCommands } from './deploy.ts';
import { type BuildIdentifyThrottler, sharedIdentifyThrottler } from './identify-throttle.ts';
import type { MessageCommand } from './message-command.ts';
import { createReportLimiter } from './report/limits.ts';
import { createReportRoute } from './report/route.ts';
import { type ComponentRoute, createRouter } from './router.ts';
import type { LiveSettings } from './stream.ts';
import { createFollowUpHandler } from './threads/follow-up.ts';
import { createThreadRoute, type ThreadServices } from './threads/start.ts';

/** Builds the commands' services once the client exists. */
export type BotServicesFactory = (client: Client) => BotServices;

export interface StartBotOptions {
  readonly config: Config;
  readonly logger: Logger;
  /**
   * The services the commands use, opened by the caller (src/app). Called once the client exists, before any
   * interaction is served: the digest service posts through this client.
   */
  readonly services: BotServicesFactory;
  /** Where the hash of the last registered command list is kept. */
  readonly meta: MetaStore;
  /** Releases what the services hold (the store); the bot calls it once, after disconnecting. */
  readonly close: () => Promise<void>;
  readonly commands?: readonly SlashCommand[];
  /** The message commands ("Summarize article"); the bot's own when absent, [] for none. */
  readonly messageCommands?: readonly MessageCommand[];
  readonly client?: ClientTuning;
  /** Signals that stop the bot cleanly; [] leaves signal handling to the caller (tests, embedding). */
  readonly shutdownSignals?: readonly NodeJS.Signals[];
  /** Buttons and modals beyond the commands (the digest's Summary/Ask), routed like commands. */
  readonly components?: readonly ComponentRoute[];
  /** Discuss in a thread: where conversations are kept. Without it there are no thread buttons' route nor follow-ups. */
  readonly threads?: Pick<ThreadServices, 'conversations'>;
  /** The shards this process serves (from the ShardingManager's environment); unsharded when absent. */
  readonly placement?: ShardPlacement;
  /** Where shards in several processes take turns to identify (see identify-throttle.ts); sharded bots only. */
  readonly identifyLeases?: Leases;
  /**
   * The cooldowns namespace of the shared store (src/discord/cooldowns-shared.ts): every process on the store counts
   * the same uses. Without it each process counts in its own memory.
   */
  readonly cooldownStore?: Keyv;
  /** Shared with this process's ingestion, which gives way to interactions waiting for a first response. */
  readonly foreground?: Foreground;
  /** Test knobs for live edits: a shorter interaction token lifetime and stop margin (the fake's token rules). */
  readonly live?: Pick<LiveSettings, 'tokenLifetimeMs' | 'stopMarginMs'>;
}

export interface RunningBot {
  readonly client: Client;
  /** Disconnects from Discord and closes the store; safe to call more than once. */
  stop(): Promise<void>;
}

function logConnection(client: Client, logger: Logger): void {
  client.on(Events.ShardDisconnect, (event, shard) =>
    logger.warn({ shard, code: event.code }, 'gateway closed'),
  );
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'gateway resumed'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord.js warning'));
  // Without an 'error' listener an emitter error would crash the process; discord.js reconnects on its own.
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord.js error'));
}

const messageCommandsOf = (options: StartBotOptions) => options.messageCommands ?? DISCORD_MESSAGE_COMMANDS;

async function syncAtStart(client: Client, options: StartBotOptions): Promise<void> {
  const applicationId = client.application?.id;
  if (!applicationId) throw new Error('the gateway did not say which application this bot is');
  const scope = { applicationId, guildId: options.config.discord.guildId };
  const commands = [...(options.commands ?? DISCORD_COMMANDS), ...messageCommandsOf(options)];
  await syncCommands({ rest: client.rest, scope, commands, meta: options.meta, logger: options.logger });
}

/**
 * The command list is one per application, not per shard: only the process holding shard 0 syncs it, so N shards
 * starting together make one registration (and one hash write), not N racing ones.
 */
async function registerOnce(client: Client, options: StartBotOptions): Promise<void> {
  if (!holdsShardZero(options.placement ?? UNSHARDED)) {
    options.logger.info('commands are registered by the process holding shard 0');
    return;
  }
  await syncAtStart(client, options).catch((error: unknown) => {
    options.logger.error({ err: error }, 'could not register slash commands; run `npm run deploy-commands`');
  });
}

/** One idempotent stop (gateway, then store), also run by the given signals once `listen` is called. */
function stopOnce(
  client: Client,
  close: () => Promise<void>,
  logger: Logger,
  signals: readonly NodeJS.Signals[],
) {
  let stopping: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down');
    void stop();
  };
  const stop = () => {
    stopping ??= (async () => {
      for (const signal of signals) process.off(signal, onSignal);
      await client.destroy();
      await close();
      logger.info('bot stopped');
    })();
    return stopping;
  };
  const listen = () => {
    for (const signal of signals) process.once(signal, onSignal);
  };
  return { stop, listen };
}

/** What the commands use: the services, and live edits through a REST client that never waits on a 429. */
function commandDeps(options: StartBotOptions, client: Client): CommandDeps {
  const { config } = options;
  return {
    ...options.services(client),
    answerActions: ANSWER_ACTIONS,
    live: {
      editIntervalMs: config.streamEditIntervalMs,
      rest: createStreamRest(config.discord, options.client),
      ...options.live,
    },
  };
}

/** The command cooldowns and the report route, counted in the shared store when the bot is given one. */
function limitsFor(options: StartBotOptions): { cooldowns: Cooldowns; reports: ComponentRoute } {
  const { config, logger, cooldownStore: keyv } = options;
  const counter = (limits: CooldownOptions) =>
    keyv ? createSharedCooldowns({ ...limits, keyv, logger }) : createCooldowns(limits);
  const cooldowns = counter({
    perWindow: { ask: config.cooldowns.askPerMinute, summary: config.cooldowns.summaryPerMinute },
  });
  return { cooldowns, reports: createReportRoute(createReportLimiter({ counter })) };
}

/** Discord closes the gateway with 4014 when the app asks for a privileged intent not enabled for it. */
function explainIntents(error: unknown): unknown {
  if (!(error instanceof Error) || !/disallowed intents/i.test(error.message)) return error;
  return new UserFacingError(
    'Discord refused the Message Content intent. Enable it in the Developer Portal (your app → Bot → Privileged Gateway Intents → Message Content), or set DISCORD_MESSAGE_CONTENT=false.',
    'disallowed-intents',
  );
}

/** Identifies paced through the store when this process is one shard of several; discord.js's own pacing else. */
function identifyPacing(options: StartBotOptions, logger: Logger): BuildIdentifyThrottler | undefined {
  const { placement, identifyLeases } = options;
  if (!placement || placement.count <= 1 || !identifyLeases) return undefined;
  const intervalMs = options.client?.identifyIntervalMs;
  return sharedIdentifyThrottler({ leases: identifyLeases, logger, ...(intervalMs ? { intervalMs } : {}) });
}

/** The bot needs a token; checked before anything is opened. */
export function requireDiscordToken(config: Config): string {
  const token = config.discord.token;
  if (!token)
    throw new UserFacingError('Set DISCORD_TOKEN in .env to run the Discord bot.', 'no-discord-token');
  return token;
}

/**
 * Logs in, waits until the guilds are known, registers the commands when the list changed, and serves
 * interactions until stopped. A failed command sync is logged, not fatal: the previous registration still works.
 */
export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const { config, logger } = options;
  const token = requireDiscordToken(config);
  const pacing = identifyPacing(options, logger);
  const client = createDiscordClient(config.discord, options.client, options.placement, pacing);
  const deps = commandDeps(options, client);
  const { cooldowns, reports } = limitsFor(options);
  const threads = options.threads && { ...options.threads, messageContent: config.discord.messageContent };
  const components = [
    reports,
    ...(options.components ?? []),
    ...(threads ? [createThreadRoute(threads)] : []),
  ];
  const router = createRouter({
    commands: options.commands ?? DISCORD_COMMANDS,
    messageCommands: messageCommandsOf(options),
    deps,
    logger,
    components,
    cooldowns,
    deferralHoldMs: config.deferralHoldMs,
    ...(options.foreground ? { foreground: options.foreground } : {}),
  });
  client.on(Events.InteractionCreate, (interaction) => void router.handle(interaction));
  if (threads) {
    const followUps = { ...deps, ...threads, logger, cooldowns, editIntervalMs: config.streamEditIntervalMs };
    const onMessage = createFollowUpHandler(client, followUps);
    client.on(Events.MessageCreate, (message) => void onMessage(message));
  }
  logConnection(client, logger);

  const shutdown = stopOnce(client, options.close, logger, options.shutdownSignals ?? ['SIGINT', 'SIGTERM']);
  try {
    const ready = once(client, Events.ClientReady);
    await client.login(token);
    await ready;
  } catch (error) {
    await shutdown.stop();
    throw explainIntents(error);
  }
  await registerOnce(client, options);
  shutdown.listen();
  const shards = (options.placement ?? UNSHARDED).ids;
  logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size, shards }, 'bot ready');
  return { client, stop: shutdown.stop };
}
