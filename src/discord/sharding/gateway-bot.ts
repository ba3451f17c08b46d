import { DiscordAPIError, Routes } from 'discord.js';
import type { Config } from '../../core/config.ts';
import { type ClientTuning, createDiscordRest } from '../client.ts';

/** What GET /gateway/bot says about this bot: its recommended shard count and today's identify budget. */
export interface GatewayBotInfo {
  readonly shards: number;
  readonly maxConcurrency: number;
  readonly remainingIdentifies: number;
}

interface GatewayBotResponse {
  shards?: unknown;
  session_start_limit?: { remaining?: unknown; max_concurrency?: unknown };
}

const positive = (value: unknown, fallback: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : fallback;

/**
 * Asks Discord (through DISCORD_API_URL when set: discord.js's own `totalShards: 'auto'` always calls
 * discord.com) how many shards it recommends. A rejected token throws an error with code `TokenInvalid`, as
 * `client.login` does, so the caller explains both the same way.
 */
export async function fetchGatewayBot(
  discord: Config['discord'],
  token: string,
  tuning: ClientTuning = {},
): Promise<GatewayBotInfo> {
  const rest = createDiscordRest(discord, token, tuning);
  try {
    const body = (await rest.get(Routes.gatewayBot())) as GatewayBotResponse;
    const limit = body.session_start_limit ?? {};
    return {
      shards: positive(body.shards, 1),
      maxConcurrency: positive(limit.max_concurrency, 1),
      remainingIdentifies: typeof limit.remaining === 'number' ? limit.remaining : 0,
    };
  } catch (error) {
    if (error instanceof DiscordAPIError && error.status === 401) {
      throw Object.assign(new Error('Discord rejected the token', { cause: error }), {
        code: 'TokenInvalid',
      });
    }
    throw error;
  }
}
