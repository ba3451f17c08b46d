import { Client, type ClientOptions, GatewayIntentBits, Options, REST, type RESTOptions } from 'discord.js';
import type { Config } from '../core/config.ts';
import type { ShardPlacement } from '../core/shards.ts';
import type { BuildIdentifyThrottler } from './identify-throttle.ts';

/**
 * Discord exempts interaction callbacks and interaction webhooks (editReply, followUp) from the bot's global
 * 50 requests/s, but @discordjs/rest counts them against its own copy of that limit: at its default, 50 people
 * asking at once queue their answers behind each other for up to a second, and streamed edits would too. Raised so
 * the local limiter stops throttling answers; for bot-authenticated routes (command sync, digest posts) Discord's
 * own global 429, which discord.js honours, still applies.
 */
export const REST_GLOBAL_REQUESTS_PER_SECOND = 500;

/** Test and tuning knobs: fast REST settings, a short guild wait. Intents and mentions are not negotiable. */
export interface ClientTuning {
  readonly rest?: Partial<RESTOptions>;
  readonly waitGuildTimeout?: number;
  /** How far apart shards of one identify bucket connect (Discord: 5 s; tests shorten it with the fake's). */
  readonly identifyIntervalMs?: number;
}

/** A live edit that takes longer than this is abandoned: the next one (or the final reply) carries its text. */
export const STREAM_EDIT_TIMEOUT_MS = 2_500;

/**
 * discord.js wants the REST base without the version (`https://proxy/api`, not `…/api/v10`); accept either, so
 * DISCORD_API_URL can be pasted from a proxy's docs.
 */
export function restApiBase(apiUrl: string): string {
  return apiUrl.replace(/\/+$/, '').replace(/\/v\d+$/, '');
}

/**
 * @discordjs/rest keeps one request queue per interaction token (a webhook's rate-limit key includes it) and by
 * default drops idle ones hourly: at 1 interaction a second that is thousands of dead queues. A minute is plenty
 * (a token lives 15 minutes, and a queue with requests waiting is never dropped).
 */
export const REST_IDLE_QUEUE_SWEEP_MS = 60_000;

/**
 * How many users and guild members discord.js keeps. Every interaction adds its author to both caches, for the
 * life of the process by default; the bot reads neither (it answers from the interaction's own data), so they are
 * bounded, keeping the bot's own user and member, which permission checks need.
 */
export const CACHED_PEOPLE_AT_MOST = 1_000;

/** Messages discord.js keeps per channel (default 200): across a thousand busy channels that would be 200,000. */
export const CACHED_MESSAGES_PER_CHANNEL = 10;

function restOptions(discord: Config['discord'], tuning: ClientTuning): Partial<RESTOptions> {
  return {
    globalRequestsPerSecond: REST_GLOBAL_REQUESTS_PER_SECOND,
    handlerSweepInterval: REST_IDLE_QUEUE_SWEEP_MS,
    ...(discord.apiUrl ? { api: restApiBase(discord.apiUrl) } : {}),
    ...tuning.rest,
  };
}

/**
 * The gateway intents: Guilds (commands, channels, threads) and GuildMessages (follow-ups in threads: without
 * Message Content Discord sends a message's text only when it mentions the bot, which is all the bot reads); the
 * privileged Message Content only when DISCORD_MESSAGE_CONTENT=true (then any message in its threads is read).
 */
export function gatewayIntents(discord: Pick<Config['discord'], 'messageContent'>): GatewayIntentBits[] {
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];
  return discord.messageContent ? [...intents, GatewayIntentBits.MessageContent] : intents;
}

/** The gateway client, with no mention parsing, so nothing the bot posts, quoted article text included, can ping. */
export function createDiscordClient(
  discord: Config['discord'],
  tuning: ClientTuning = {},
  placement?: ShardPlacement,
  identifyThrottler?: BuildIdentifyThrottler,
): Client {
  const options: ClientOptions = {
    // Both or neither: a `shards` list without `shardCount` identifies with the list's length as the count.
    ...(placement ? { shards: [...placement.ids], shardCount: placement.count } : {}),
    intents: gatewayIntents(discord),
    allowedMentions: { parse: [] },
    rest: restOptions(discord, tuning),
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      UserManager: {
        maxSize: CACHED_PEOPLE_AT_MOST,
        keepOverLimit: (user) => user.id === user.client.user.id,
      },
      // GuildMessages delivers every message of every channel; the bot reads each once, as it arrives.
      MessageManager: CACHED_MESSAGES_PER_CHANNEL,
      GuildMemberManager: {
        maxSize: CACHED_PEOPLE_AT_MOST,
        keepOverLimit: (member) => member.id === member.client.user.id,
      },
    }),
    ...(tuning.waitGuildTimeout === undefined ? {} : { waitGuildTimeout: tuning.waitGuildTimeout }),
    ...(identifyThrottler ? { ws: { buildIdentifyThrottler: identifyThrottler } } : {}),
  };
  return new Client(options);
}

/** A bare REST client (for the deploy step, which needs no gateway). */
export function createDiscordRest(
  discord: Config['discord'],
  token: string,
  tuning: ClientTuning = {},
): REST {
  return new REST(restOptions(discord, tuning)).setToken(token);
}

/**
 * The REST client for live edits of a streaming answer only. discord.js waits out a 429 and retries; for a live
 * edit that is wrong (the text is stale by then, and the final reply would queue behind it), so this client
 * rejects on a rate limit and does not retry: the edit is skipped and the next one carries the newer text. Its
 * own buckets learn the limit, so later live edits are skipped until it resets. Interaction webhooks need no token.
 */
export function createStreamRest(discord: Config['discord'], tuning: ClientTuning = {}): REST {
  return new REST({
    ...restOptions(discord, tuning),
    retries: 0,
    timeout: STREAM_EDIT_TIMEOUT_MS,
    rejectOnRateLimit: () => true,
  });
}
