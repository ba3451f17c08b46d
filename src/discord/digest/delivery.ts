import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { DiscordAPIError, HTTPError, RESTJSONErrorCodes } from 'discord.js';
import { errorMessage } from '../../core/errors.ts';
import type { PauseCode } from '../../digest/types.ts';
import type { DigestMessage } from './layout.ts';

/** Discord accepts a nonce of at most 25 characters. */
const NONCE_CHARS = 25;
/** Attempts per message on a Discord 5xx or a network failure, with exponential backoff between them. */
export const SEND_ATTEMPTS = 4;
export const SEND_BACKOFF_BASE_MS = 1_000;
/** Discord remembers an enforced nonce for "the past few minutes": a resend within this is deduplicated. */
export const RESEND_WINDOW_MS = 2 * 60_000;

/**
 * The nonce of one part of one post: the same guild, seed (the slot's local date) and part always give the same
 * nonce, so with `enforce_nonce` a resend of a part Discord already has returns that message instead of a copy.
 */
export function digestNonce(guildId: string, seed: string, part: number): string {
  return createHash('sha256')
    .update(`${guildId}\u0000${seed}\u0000${part}`)
    .digest('base64url')
    .slice(0, NONCE_CHARS);
}

export type DeliveryFailure =
  | { readonly kind: 'pause'; readonly code: PauseCode; readonly reason: string }
  | { readonly kind: 'transient'; readonly reason: string }
  | { readonly kind: 'other'; readonly reason: string };

const PAUSE_REASONS: ReadonlyMap<number, { code: PauseCode; reason: string }> = new Map([
  [
    RESTJSONErrorCodes.UnknownChannel,
    {
      code: 'channel-missing',
      reason: 'The digest channel no longer exists. Choose another with /digest set.',
    },
  ],
  [
    RESTJSONErrorCodes.MissingAccess,
    {
      code: 'missing-access',
      reason:
        'The bot can no longer see the digest channel (Missing Access). Give it View Channel there, then run /digest set.',
    },
  ],
  [
    RESTJSONErrorCodes.MissingPermissions,
    {
      code: 'missing-permissions',
      reason:
        'The bot may no longer post in the digest channel (Missing Permissions: it needs Send Messages and Embed Links). Fix the channel permissions, then run /digest set.',
    },
  ],
]);

const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_SOCKET',
]);

/** What a failed send means for the guild: pause until an admin acts, retry later, or just an error. */
export function classifyDeliveryError(error: unknown): DeliveryFailure {
  if (error instanceof DiscordAPIError) {
    const pause = typeof error.code === 'number' ? PAUSE_REASONS.get(error.code) : undefined;
    if (pause) return { kind: 'pause', ...pause };
    if (error.status >= 500) return { kind: 'transient', reason: `Discord answered ${error.status}` };
    return { kind: 'other', reason: `Discord refused the post: ${error.message}` };
  }
  if (error instanceof HTTPError && error.status >= 500) {
    return { kind: 'transient', reason: `Discord answered ${error.status}` };
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (
    (typeof code === 'string' && TRANSIENT_NETWORK_CODES.has(code)) ||
    (error as Error)?.name === 'AbortError'
  ) {
    return { kind: 'transient', reason: `Discord could not be reached: ${errorMessage(error)}` };
  }
  return { kind: 'other', reason: errorMessage(error) };
}

export interface RetryOptions {
  readonly attempts?: number;
  readonly baseDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<unknown>;
}

/** Runs `send`, retrying transient failures with exponential backoff; anything else is thrown at once. */
export async function withRetry<T>(send: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? SEND_ATTEMPTS;
  const baseDelayMs = options.baseDelayMs ?? SEND_BACKOFF_BASE_MS;
  const sleep = options.sleep ?? delay;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= attempts || classifyDeliveryError(error).kind !== 'transient') throw error;
      await sleep(baseDelayMs * 2 ** (attempt - 1));
    }
  }
}

/** What a channel must offer: discord.js's `TextChannel.send`, reduced to what the digest uses. */
export interface DigestChannel {
  send(options: {
    content?: string;
    embeds: DigestMessage['embeds'];
    components: DigestMessage['components'];
    nonce: string;
    enforceNonce: true;
    allowedMentions: { parse: [] };
  }): Promise<{ id: string }>;
}

/** Posts one part with its nonce (deduplicated by Discord) and no mentions, retrying transient failures. */
export async function sendPart(
  channel: DigestChannel,
  message: DigestMessage,
  nonce: string,
  retry: RetryOptions = {},
): Promise<string> {
  const options = {
    ...(message.content ? { content: message.content } : {}),
    embeds: message.embeds,
    components: message.components,
    nonce,
    enforceNonce: true as const,
    allowedMentions: { parse: [] as [] },
  };
  const sent = await withRetry(() => channel.send(options), retry);
  return sent.id;
}
