import type { Client } from 'discord.js';
import { errorMessage } from '../core/errors.ts';
import type { Logger } from '../core/log.ts';
import { lookUpChannel } from './channel.ts';
import { type ComposeDeps, composeDigest } from './compose.ts';
import {
  classifyDeliveryError,
  type DigestChannel,
  digestNonce,
  type RetryOptions,
  sendPart,
} from './delivery.ts';
import { decide } from './schedule.ts';
import {
  abandonSending,
  beginSending,
  type DigestRepository,
  finishSending,
  partSent,
  pause,
  recordError,
  slotDone,
} from './state.ts';
import type { DigestConfig, DigestState } from './types.ts';

/**
 * Posts digests: decides per guild whether one is due, composes it, records "sending" with the exact messages,
 * sends each part with a deterministic nonce, records each confirmed part, then "sent". A restart in between
 * resends only unconfirmed parts, with the same nonces, so Discord deduplicates them.
 */

/**
 * Discord remembers an enforced nonce for "the past few minutes"; a post interrupted longer ago than this is not
 * resent (it may have gone out, and a resend could then appear twice).
 */
export const RESEND_WINDOW_MS = 2 * 60_000;

export type PostOutcome =
  | {
      readonly kind: 'posted';
      readonly channelId: string;
      readonly messageIds: readonly string[];
      readonly articles: number;
    }
  | { readonly kind: 'nothing-new' }
  | { readonly kind: 'paused'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'abandoned'; readonly reason: string }
  | { readonly kind: 'idle' }
  | { readonly kind: 'missed'; readonly date: string }
  | { readonly kind: 'busy' };

export interface PosterDeps {
  readonly client: Client;
  readonly repo: DigestRepository;
  readonly compose: ComposeDeps;
  readonly catchUpHours: number;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly retry?: RetryOptions;
  readonly resendWindowMs?: number;
}

export interface Poster {
  /** The scheduled path: posts this guild's digest if one is due (or resumes an interrupted one). */
  runScheduled(config: DigestConfig): Promise<PostOutcome>;
  /** `/digest post-now`: the digest as it would be composed now, posted at once. */
  postNow(config: DigestConfig): Promise<PostOutcome>;
}

export function createPoster(deps: PosterDeps): Poster {
  const { repo, logger, now } = deps;
  /** Guilds with a post in progress in this process; bounded by the guilds this process holds. */
  const busy = new Set<string>();

  async function save(guildId: string, state: DigestState): Promise<DigestState> {
    await repo.saveState(guildId, state);
    return state;
  }

  async function deliver(
    config: DigestConfig,
    channel: DigestChannel,
    begun: DigestState,
  ): Promise<PostOutcome> {
    let state = begun;
    const sending = state.sending;
    if (!sending) return { kind: 'idle' };
    for (let part = sending.sentIds.length; part < sending.messages.length; part += 1) {
      const message = sending.messages[part];
      if (!message) break;
      try {
        const nonce = digestNonce(config.guildId, sending.nonceSeed, part);
        state = await save(
          config.guildId,
          partSent(state, await sendPart(channel, message, nonce, deps.retry)),
        );
      } catch (error) {
        return failed(config, state, error);
      }
    }
    await save(config.guildId, finishSending(state, now()));
    const messageIds = state.sending?.sentIds ?? [];
    logger.info(
      { guild: config.guildId, messages: messageIds.length, articles: sending.articleIds.length },
      'digest posted',
    );
    return { kind: 'posted', channelId: sending.channelId, messageIds, articles: sending.articleIds.length };
  }

  async function failed(config: DigestConfig, state: DigestState, error: unknown): Promise<PostOutcome> {
    const failure = classifyDeliveryError(error);
    if (failure.kind === 'pause') {
      logger.warn({ guild: config.guildId, code: failure.code }, 'digest paused');
      await save(config.guildId, pause(state, failure.code, failure.reason, now()));
      return { kind: 'paused', reason: failure.reason };
    }
    // "sending" stays: the next tick resends the unconfirmed parts with their nonces (while that is safe).
    const log = failure.kind === 'transient' ? logger.warn.bind(logger) : logger.error.bind(logger);
    log({ guild: config.guildId, err: error }, 'digest post failed');
    await save(config.guildId, recordError(state, failure.reason, now()));
    return { kind: 'failed', reason: failure.reason };
  }

  async function start(
    config: DigestConfig,
    state: DigestState,
    slot: { date: string | null; nonceSeed: string },
  ): Promise<PostOutcome> {
    const lookup = await lookUpChannel(deps.client, config.channelId);
    if (!lookup.ok) {
      await save(config.guildId, pause(state, lookup.code, lookup.reason, now()));
      return { kind: 'paused', reason: lookup.reason };
    }
    const at = now();
    const composed = await composeDigest(deps.compose, config, state, at);
    if (composed.messages.length === 0) {
      if (slot.date) await save(config.guildId, slotDone(state, slot.date));
      return { kind: 'nothing-new' };
    }
    const begun = beginSending(state, {
      slotDate: slot.date,
      nonceSeed: slot.nonceSeed,
      startedAt: at.toISOString(),
      windowEnd: composed.windowEnd.toISOString(),
      channelId: config.channelId,
      messages: composed.messages,
      articleIds: composed.articleIds,
      sentIds: [],
    });
    return deliver(config, lookup.channel, await save(config.guildId, begun));
  }

  async function resumeOrAbandon(config: DigestConfig, state: DigestState): Promise<PostOutcome> {
    const sending = state.sending;
    if (!sending) return { kind: 'idle' };
    const ageMs = now().getTime() - Date.parse(sending.startedAt);
    if (!(ageMs <= (deps.resendWindowMs ?? RESEND_WINDOW_MS))) {
      const reason = `The digest${sending.slotDate ? ` of ${sending.slotDate}` : ''} was interrupted while posting and was not resent, so that it cannot appear twice.`;
      logger.warn(
        { guild: config.guildId, sent: sending.sentIds.length, of: sending.messages.length },
        reason,
      );
      await save(config.guildId, abandonSending(state, reason, now()));
      return { kind: 'abandoned', reason };
    }
    const lookup = await lookUpChannel(deps.client, sending.channelId);
    if (!lookup.ok) {
      await save(config.guildId, pause(state, lookup.code, lookup.reason, now()));
      return { kind: 'paused', reason: lookup.reason };
    }
    return deliver(config, lookup.channel, state);
  }

  async function scheduled(config: DigestConfig): Promise<PostOutcome> {
    const state = await repo.state(config.guildId);
    if (state.sending) return resumeOrAbandon(config, state);
    if (state.paused) return { kind: 'idle' };
    const decision = decide(config, state, now(), deps.catchUpHours);
    if (decision.kind === 'idle') return decision;
    if (decision.kind === 'missed') {
      logger.info(
        { guild: config.guildId, date: decision.date },
        'digest skipped: down past the catch-up window',
      );
      await save(config.guildId, slotDone(state, decision.date));
      return { kind: 'missed', date: decision.date };
    }
    return start(config, state, { date: decision.date, nonceSeed: decision.date });
  }

  async function manual(config: DigestConfig): Promise<PostOutcome> {
    const state = await repo.state(config.guildId);
    if (state.sending) return { kind: 'busy' };
    return start(config, state, { date: null, nonceSeed: `now:${now().toISOString()}` });
  }

  function exclusive(run: (config: DigestConfig) => Promise<PostOutcome>) {
    return async (config: DigestConfig): Promise<PostOutcome> => {
      if (busy.has(config.guildId)) return { kind: 'busy' };
      busy.add(config.guildId);
      try {
        return await run(config);
      } catch (error) {
        // A store or compose failure: recorded for /digest status, and the next tick tries again.
        logger.error({ guild: config.guildId, err: error }, 'digest failed');
        const state = await repo.state(config.guildId).catch(() => undefined);
        if (state)
          await repo
            .saveState(config.guildId, recordError(state, errorMessage(error), now()))
            .catch(() => {});
        return { kind: 'failed', reason: errorMessage(error) };
      } finally {
        busy.delete(config.guildId);
      }
    };
  }

  return { runScheduled: exclusive(scheduled), postNow: exclusive(manual) };
}
