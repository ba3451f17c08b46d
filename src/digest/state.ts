import type Keyv from 'keyv';
import {
  type DigestConfig,
  type DigestState,
  EMPTY_STATE,
  type LastPost,
  type PauseCode,
  type SendingState,
} from './types.ts';

/**
 * Per-guild digest config and delivery state in keyv (namespace `digest`), as two keys per guild: the config is
 * written by `/digest`, the state by the poster, so neither overwrites the other's fields.
 */
export interface DigestRepository {
  config(guildId: string): Promise<DigestConfig | undefined>;
  /** The configs of those guilds that have one; one round trip (keyv getMany). */
  configs(guildIds: readonly string[]): Promise<Map<string, DigestConfig>>;
  saveConfig(config: DigestConfig): Promise<void>;
  removeConfig(guildId: string): Promise<void>;
  state(guildId: string): Promise<DigestState>;
  saveState(guildId: string, state: DigestState): Promise<void>;
}

const configKey = (guildId: string) => `config:${guildId}`;
const stateKey = (guildId: string) => `state:${guildId}`;

export function createDigestRepository(keyv: Keyv): DigestRepository {
  return {
    async config(guildId) {
      return (await keyv.get<DigestConfig>(configKey(guildId))) ?? undefined;
    },
    async configs(guildIds) {
      const found = new Map<string, DigestConfig>();
      if (guildIds.length === 0) return found;
      const values = await keyv.getMany<DigestConfig>(guildIds.map(configKey));
      guildIds.forEach((guildId, index) => {
        const config = values[index];
        if (config) found.set(guildId, config);
      });
      return found;
    },
    async saveConfig(config) {
      await keyv.set(configKey(config.guildId), config);
    },
    async removeConfig(guildId) {
      await keyv.delete(configKey(guildId));
    },
    async state(guildId) {
      return { ...EMPTY_STATE, ...((await keyv.get<DigestState>(stateKey(guildId))) ?? {}) };
    },
    async saveState(guildId, state) {
      await keyv.set(stateKey(guildId), state);
    },
  };
}

/* State transitions: pure functions, so every path through the poster is a sequence of named steps. */

export function beginSending(state: DigestState, sending: SendingState): DigestState {
  return { ...state, sending };
}

export function partSent(state: DigestState, messageId: string): DigestState {
  if (!state.sending) return state;
  return { ...state, sending: { ...state.sending, sentIds: [...state.sending.sentIds, messageId] } };
}

/** All parts confirmed: the post is recorded and the day done; a post that went out proves the channel works. */
export function finishSending(state: DigestState, at: Date): DigestState {
  const sending = state.sending;
  if (!sending) return state;
  const lastPost: LastPost = {
    at: at.toISOString(),
    windowEnd: sending.windowEnd,
    channelId: sending.channelId,
    messageIds: sending.sentIds,
    articleIds: sending.articleIds,
  };
  return {
    ...state,
    sending: null,
    lastPost,
    lastSlotDate: sending.slotDate ?? state.lastSlotDate,
    paused: null,
    lastError: null,
  };
}

/** A day dealt with without a post: nothing new, or too late to catch up. */
export function slotDone(state: DigestState, date: string): DigestState {
  return { ...state, lastSlotDate: date };
}

/** The post cannot go out until an admin acts: the reason is kept for `/digest status`. */
export function pause(
  state: DigestState,
  pauseOf: { readonly code: PauseCode; readonly reason: string; readonly missing?: readonly string[] },
  at: Date,
): DigestState {
  const { code, reason, missing } = pauseOf;
  return {
    ...state,
    sending: null,
    paused: { code, reason, ...(missing?.length ? { missing } : {}), at: at.toISOString() },
    lastError: { at: at.toISOString(), message: reason },
  };
}

export function recordError(state: DigestState, message: string, at: Date): DigestState {
  return { ...state, lastError: { at: at.toISOString(), message } };
}

/** An interrupted post that cannot be safely resent: given up, and said so in the status. */
export function abandonSending(state: DigestState, message: string, at: Date): DigestState {
  const slotDate = state.sending?.slotDate ?? null;
  return {
    ...state,
    sending: null,
    lastSlotDate: slotDate ?? state.lastSlotDate,
    lastError: { at: at.toISOString(), message },
  };
}

/** `/digest set` starts afresh: whatever paused the digest was about the old settings. */
export function resume(state: DigestState): DigestState {
  return { ...state, paused: null, sending: null };
}
