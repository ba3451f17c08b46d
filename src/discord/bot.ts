import { once } from 'node:events';
import { type Client, Events } from 'discord.js';
import { COMMANDS } from '../../commands/index.ts';
import { type NewsroomRuntime, openNewsroom } from '../app/runtime.ts';
import type { Config } from '../core/config.ts';
import { UserFacingError } from '../core/errors.ts';
import type { Logger } from '../core/log.ts';
import { type ClientTuning, createDiscordClient, createStreamRest } from './client.ts';
import type { CommandDeps, SlashCommand } from './command.ts';
import { createCooldowns } from './cooldowns.ts';
import { syncCommands } from './deploy.ts';
import { type ComponentRoute, createRouter } from './router.ts';
import type { LiveSettings } from './stream.ts';

export interface StartBotOptions {
  readonly config: Config;
  readonly logger: Logger;
  /** The newsroom and its store. Opened from the config when absent; either way the bot closes it on stop. */
  readonly runtime?: NewsroomRuntime;
  readonly commands?: readonly SlashCommand[];
  readonly client?: ClientTuning;
  /** Signals that stop the bot cleanly; [] leaves signal handling to the caller (tests, embedding). */
  readonly shutdownSignals?: readonly NodeJS.Signals[];
  /**
   * More services for commands beyond the newsroom (e.g. the digest service, which posts through this client);
   * called once the client exists, before any interaction is served.
   */
  /** Buttons and modals beyond the commands (the digest's Summary/Ask), routed like commands. */
  readonly components?: readonly ComponentRoute[];
  readonly extraDeps?: (client: Client) => Readonly<Record<string, unknown>>;
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

async function syncAtStart(
  client: Client,
  runtime: NewsroomRuntime,
  options: StartBotOptions,
): Promise<void> {
  const applicationId = client.application?.id;
  if (!applicationId) throw new Error('the gateway did not say which application this bot is');
  const meta = await runtime.openKeyv('meta');
  const scope = { applicationId, guildId: options.config.discord.guildId };
  const commands = options.commands ?? COMMANDS;
  await syncCommands({ rest: client.rest, scope, commands, meta, logger: options.logger });
}

/** One idempotent stop (gateway, then store), also run by the given signals once `listen` is called. */
function stopOnce(
  client: Client,
  runtime: NewsroomRuntime,
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
      await runtime.close();
      logger.info('bot stopped');
    })();
    return stopping;
  };
  const listen = () => {
    for (const signal of signals) process.once(signal, onSignal);
  };
  return { stop, listen };
}

/** What the built-in commands use: the newsroom and store, live edits, and the usage accounting. */
function commandServices(options: StartBotOptions, runtime: NewsroomRuntime): CommandDeps {
  const { config, logger } = options;
  return {
    newsroom: runtime.newsroom,
    store: runtime.store,
    logger,
    live: {
      editIntervalMs: config.streamEditIntervalMs,
      rest: createStreamRest(config.discord, options.client),
      ...options.live,
    },
    accounting: { usage: runtime.usage, dailyTokenBudget: config.guildDailyTokenBudget },
  };
}

/**
 * Logs in, waits until the guilds are known, registers the commands when the list changed, and serves
 * interactions until stopped. A failed command sync is logged, not fatal: the previous registration still works.
 */
export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const { config, logger } = options;
  const token = config.discord.token;
  if (!token)
    throw new UserFacingError('Set DISCORD_TOKEN in .env to run the Discord bot.', 'no-discord-token');
  const runtime = options.runtime ?? (await openNewsroom(config, logger));
  const client = createDiscordClient(config.discord, options.client);
  const deps = { ...options.extraDeps?.(client), ...commandServices(options, runtime) };
  const router = createRouter({
    commands: options.commands ?? COMMANDS,
    deps,
    logger,
    ...(options.components ? { components: options.components } : {}),
    cooldowns: createCooldowns({
      perWindow: { ask: config.cooldowns.askPerMinute, summary: config.cooldowns.summaryPerMinute },
    }),
  });
  client.on(Events.InteractionCreate, (interaction) => void router.handle(interaction));
  logConnection(client, logger);

  const shutdown = stopOnce(client, runtime, logger, options.shutdownSignals ?? ['SIGINT', 'SIGTERM']);
  try {
    const ready = once(client, Events.ClientReady);
    await client.login(token);
    await ready;
  } catch (error) {
    await shutdown.stop();
    throw error;
  }
  await syncAtStart(client, runtime, options).catch((error: unknown) => {
    logger.error({ err: error }, 'could not register slash commands; run `npm run deploy-commands`');
  });
  shutdown.listen();
  logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'bot ready');
  return { client, stop: shutdown.stop };
}
