import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { parseAllowedHost } from './allowed-host.ts';
import { blankToUndefined, intInRange } from './env-fields.ts';
import { redactCredentials } from './log.ts';
import * as Shards from './shard-config.ts';

/** The site's own disclaimer, used when an article carries none and no SOURCE_DISCLAIMER is set. */
export const SITE_DISCLAIMER =
  'Not all news on the site expresses the point of view of the site, but we transmit this news automatically and translate it through programmatic technology on the site and not from a human editor.';

const STORE_SCHEMES = ['sqlite:', 'redis:', 'rediss:', 'postgres:', 'postgresql:', 'memory:'] as const;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalString = z.preprocess(blankToUndefined, z.string().trim().optional());
const optionalUrl = z.preprocess(
  blankToUndefined,
  z.url({ message: 'expected an http(s) URL, e.g. https://example.com' }).optional(),
);
const snowflake = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{17,20}$/, { message: 'expected a Discord id: 17 to 20 digits' })
    .optional(),
);

const flag = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim().toLowerCase() || undefined : value),
  z.enum(['true', 'false'], { message: 'expected true or false' }).default('false'),
);

const storeUrl = z.preprocess(
  blankToUndefined,
  z
    .string()
    .default('sqlite://./data/newsdesk.sqlite')
    .refine((value) => STORE_SCHEMES.some((scheme) => value.startsWith(scheme)), {
      message: `expected a keyv URL starting with ${STORE_SCHEMES.map((s) => `${s}//`).join(', ')}`,
    }),
);

const feedList = z.preprocess(
  (value) =>
    typeof value === 'string'
      ? value
          .split(/[\s,]+/)
          .map((entry) => entry.trim())
          .filter(Boolean)
      : [],
  z.array(z.url({ message: 'expected a comma-separated list of http(s) feed URLs' })),
);

const allowHosts = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : []),
  z.array(
    z.string().refine((entry) => parseAllowedHost(entry) !== null, {
      error: (issue) =>
        `${JSON.stringify(issue.input)} is not a host or host:port; expected e.g. intranet.example,10.0.0.5:8080,[fd00::5]:8443`,
    }),
  ),
);

const CONTACT_MESSAGE =
  'expected an e-mail address or an http(s) URL where feed publishers can reach you, e.g. ops@example.org';

/** An e-mail becomes a mailto: URL; parentheses, backslashes or spaces would break the User-Agent comment. */
function contactUrl(value: string): string | null {
  const text = value.trim();
  const url = z.email().safeParse(text).success
    ? `mailto:${text}`
    : URL.canParse(text)
      ? new URL(text).href
      : null;
  return url && /^(https?|mailto):/.test(url) && !/[()\\\s]/.test(url) ? url : null;
}

const contact = z.preprocess(
  blankToUndefined,
  z
    .string()
    .transform((value, context) => {
      const url = contactUrl(value);
      if (url === null) context.addIssue({ code: 'custom', message: CONTACT_MESSAGE });
      return url ?? z.NEVER;
    })
    .optional(),
);

const EnvSchema = z.object({
  DISCORD_TOKEN: optionalString,
  DISCORD_GUILD_ID: snowflake,
  DISCORD_API_URL: optionalUrl,
  DISCORD_MESSAGE_CONTENT: flag,
  ANTHROPIC_API_KEY: optionalString,
  ANTHROPIC_BASE_URL: optionalUrl,
  ANTHROPIC_MODEL: z.preprocess(blankToUndefined, z.string().default('claude-haiku-5-5')),
  ANTHROPIC_TIMEOUT_MS: intInRange(30_000, 1_000, 600_000),
  ANTHROPIC_MAX_RETRIES: intInRange(2, 0, 10),
  STORE_URL: storeUrl,
  ARTICLES_DIR: optionalString,
  NEWS_FEEDS: feedList,
  NEWS_FEEDS_FILE: optionalString,
  FEED_POLL_MINUTES: intInRange(10, 1, 1_440),
  FETCH_ALLOW_HOSTS: allowHosts,
  FETCH_CONTACT: contact,
  SOURCE_DISCLAIMER: z.preprocess(blankToUndefined, z.string().default(SITE_DISCLAIMER)),
  SUMMARY_CACHE_TTL_HOURS: intInRange(24 * 7, 0, 24 * 365),
  ANSWER_CACHE_TTL_HOURS: intInRange(24, 0, 24 * 365),
  STREAM_EDIT_INTERVAL_MS: intInRange(1_000, 250, 10_000),
  DEFERRAL_HOLD_MS: intInRange(50, 0, 1_000),
  ASK_COOLDOWN_PER_MINUTE: intInRange(5, 0, 1_000),
  SUMMARY_COOLDOWN_PER_MINUTE: intInRange(5, 0, 1_000),
  GUILD_DAILY_TOKEN_BUDGET: intInRange(0, 0, 1_000_000_000),
  DIGEST_CATCH_UP_HOURS: intInRange(6, 0, 23),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(LOG_LEVELS, { message: `expected one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ),
  SHARD_COUNT: Shards.shardCount,
  SHARD_IDS: Shards.shardIds,
  SHARDS_PER_PROCESS: Shards.shardsPerProcess,
});

export interface Config {
  readonly discord: {
    readonly token: string | undefined;
    readonly guildId: string | undefined;
    readonly apiUrl: string | undefined;
    /**
     * Ask for the privileged Message Content intent (DISCORD_MESSAGE_CONTENT): then any message in a thread the
     * bot opened is a follow-up, not only one that mentions the bot. It must be enabled in the Developer Portal.
     */
    readonly messageContent: boolean;
  };
  readonly anthropic: {
    readonly apiKey: string | undefined;
    readonly baseUrl: string | undefined;
    readonly model: string;
    readonly timeoutMs: number;
    readonly maxRetries: number;
  };
  readonly storeUrl: string;
  readonly articlesDir: string | undefined;
  readonly feeds: {
    readonly urls: readonly string[];
    readonly pollMinutes: number;
    /** Optional JSON file adding feeds with a name and the source's disclaimer (src/ingest/feeds/config.ts). */
    readonly file: string | undefined;
  };
  readonly fetch: {
    /** Internal hosts (host or host:port) that URLs from feed content may reach (src/ingest/address-guard.ts). */
    readonly allowHosts: readonly string[];
    /** A URL or mailto: URL named in every request's User-Agent. */
    readonly contact: string | undefined;
  };
  readonly sourceDisclaimer: string;
  readonly cache: { readonly summaryTtlHours: number; readonly answerTtlHours: number };
  readonly streamEditIntervalMs: number;
  /** How long a model-backed command may hold its deferral for a reply that is ready first (first-response.ts). */
  readonly deferralHoldMs: number;
  readonly cooldowns: { readonly askPerMinute: number; readonly summaryPerMinute: number };
  readonly guildDailyTokenBudget: number;
  readonly digestCatchUpHours: number;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly sharding: Shards.ShardingConfig;
}

/** Thrown at start when the environment is wrong; its message names every bad key and what it expects. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Invalid configuration (check .env or the environment):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

function toConfig(env: z.infer<typeof EnvSchema>, raw: Record<string, string | undefined>): Config {
  return {
    discord: {
      token: env.DISCORD_TOKEN,
      guildId: env.DISCORD_GUILD_ID,
      apiUrl: env.DISCORD_API_URL,
      messageContent: env.DISCORD_MESSAGE_CONTENT === 'true',
    },
    anthropic: {
      apiKey: env.ANTHROPIC_API_KEY,
      baseUrl: env.ANTHROPIC_BASE_URL,
      model: env.ANTHROPIC_MODEL,
      timeoutMs: env.ANTHROPIC_TIMEOUT_MS,
      maxRetries: env.ANTHROPIC_MAX_RETRIES,
    },
    storeUrl: env.STORE_URL,
    articlesDir: env.ARTICLES_DIR,
    feeds: { urls: env.NEWS_FEEDS, pollMinutes: env.FEED_POLL_MINUTES, file: env.NEWS_FEEDS_FILE },
    fetch: { allowHosts: env.FETCH_ALLOW_HOSTS, contact: env.FETCH_CONTACT },
    sourceDisclaimer: env.SOURCE_DISCLAIMER,
    cache: { summaryTtlHours: env.SUMMARY_CACHE_TTL_HOURS, answerTtlHours: env.ANSWER_CACHE_TTL_HOURS },
    streamEditIntervalMs: env.STREAM_EDIT_INTERVAL_MS,
    deferralHoldMs: env.DEFERRAL_HOLD_MS,
    cooldowns: {
      askPerMinute: env.ASK_COOLDOWN_PER_MINUTE,
      summaryPerMinute: env.SUMMARY_COOLDOWN_PER_MINUTE,
    },
    guildDailyTokenBudget: env.GUILD_DAILY_TOKEN_BUDGET,
    digestCatchUpHours: env.DIGEST_CATCH_UP_HOURS,
    logLevel: env.LOG_LEVEL,
    sharding: Shards.toShardingConfig(env, raw),
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * A value as a config error may quote it: whatever sits between the first `:` and the last `@` (the user and
 * password of a URL, whatever its scheme or typo) and secret query parameters are hidden; the scheme and host stay.
 */
function hideCredentials(value: string): string {
  return redactCredentials(value.replace(/:[^\s]*@/, ':***@'));
}

/** Parses an environment (process.env by default) into one frozen Config, or throws ConfigError. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = EnvSchema.superRefine(Shards.shardChecks(env)).safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '(environment)');
      const given = env[key];
      const shown =
        given === undefined ? 'not set' : `got ${JSON.stringify(hideCredentials(given).slice(0, 60))}`;
      return `${key}: ${issue.message} (${shown})`;
    });
    throw new ConfigError(problems);
  }
  return deepFreeze(toConfig(result.data, env));
}

/** Reads .env (if present) into the environment, then parses it. The only place that reads process.env. */
export function loadConfig(envFile = '.env'): Config {
  loadDotenv({ path: envFile, quiet: true });
  return parseConfig(process.env);
}
