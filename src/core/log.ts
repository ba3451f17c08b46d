import pino, { type Logger } from 'pino';

export type { Logger };

const REDACTED = '[redacted]';
/** Known secrets shorter than this are not searched for (they would blank ordinary words); patterns still apply. */
const MIN_SECRET_CHARS = 6;

/**
 * Where secrets hide in text the bot logs or prints: interaction tokens in Discord webhook and callback paths
 * (valid 15 minutes, enough to post as the bot in that channel), passwords in URLs (a store URL, even with a
 * mistyped scheme), secrets in query strings, and Authorization header values.
 */
const SECRET_PATTERNS: readonly [RegExp, string][] = [
  [/(\/webhooks\/\d+\/)[^/?#\s"\\]+/g, `$1${REDACTED}`],
  [/(\/interactions\/\d+\/)[^/?#\s"\\]+/g, `$1${REDACTED}`],
  // `//user:password@host`, up to the last @ of the URL, so a password holding an @ or a / is hidden whole.
  [/(\/\/[^:/@\s"\\]*:)[^\s"\\]*@/g, '$1***@'],
  [
    /([?&](?:password|passwd|pwd|secret|token|access_token|api_key|apikey|key)=)[^&#\s"\\]+/gi,
    `$1${REDACTED}`,
  ],
  [/\b(Bot|Bearer) [\w.-]{16,}/g, `$1 ${REDACTED}`],
];

/** `text` with the credentials any URL or query string in it carries hidden (SECRET_PATTERNS). */
export function redactCredentials(text: string): string {
  let redacted = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) redacted = redacted.replace(pattern, replacement);
  return redacted;
}

/** Every spelling of each secret a line may carry: as written, URL-encoded, and JSON-escaped (log lines are JSON). */
function secretForms(known: readonly string[]): string[] {
  return [
    ...new Set(
      known.flatMap((secret) => [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]),
    ),
  ];
}

function redactForms(text: string, forms: readonly string[]): string {
  let redacted = text;
  for (const form of forms) redacted = redacted.replaceAll(form, REDACTED);
  return redactCredentials(redacted);
}

/** `text` with every secret pattern, and each of the `known` secrets (as written and URL-encoded), redacted. */
export function redactSecrets(text: string, known: readonly string[] = []): string {
  return redactForms(text, secretForms(known));
}

/**
 * The password of a URL with credentials (`redis://user:password@host`), as written and decoded: everything up to
 * the last @, so a password holding a space (which the URL patterns stop at) is still known.
 */
function urlPassword(url: string): string[] {
  const match = /^[^/]*\/\/[^:/@]*:(.*)@/.exec(url);
  if (!match?.[1]) return [];
  try {
    return [match[1], decodeURIComponent(match[1])];
  } catch {
    return [match[1]];
  }
}

/** The parts of the Config (src/core/config.ts) that hold secrets; spelled out, as config imports this module. */
export interface ConfiguredSecrets {
  readonly discord: { readonly token: string | undefined };
  readonly anthropic: { readonly apiKey: string | undefined };
  readonly storeUrl: string;
}

/** The configured secrets a log line must never carry: the bot token, the API key, the store password. */
export function secretsOf(config: ConfiguredSecrets): string[] {
  const candidates = [config.discord.token, config.anthropic.apiKey, ...urlPassword(config.storeUrl)];
  const secrets = candidates.filter((secret): secret is string => (secret?.length ?? 0) >= MIN_SECRET_CHARS);
  return [...new Set(secrets)];
}

/** Structured fields that hold a secret by name, wherever a log call puts them (one level deep). */
const REDACT_PATHS = ['token', 'password', 'apiKey', 'authorization', 'headers.authorization'].flatMap(
  (path) => [path, `*.${path}`],
);

/**
 * Logs go to stderr (fd 2) as JSON lines, so stdout stays clean for `--json` output and the console.
 * Synchronous writes: a crash or process.exit must not lose the line that explains it. Every line is redacted
 * as written (after serialisation, so error URLs, messages and stacks are covered too).
 */
export function createLogger(
  level: string,
  destination: number = 2,
  secrets: readonly string[] = [],
): Logger {
  const forms = secretForms(secrets); // once, not per line
  return pino(
    {
      level,
      base: null,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      hooks: { streamWrite: (line) => redactForms(line, forms) },
    },
    pino.destination({ fd: destination, sync: true }),
  );
}

/** A logger that drops everything, for tests and library callers that pass none. */
export const silentLogger: Logger = pino({ level: 'silent' });
