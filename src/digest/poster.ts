import { errorMessage } from '../core/errors.ts';
import type { Logger } from '../core/log.ts';
import { type ComposeDeps, composeDigest } from './compose.ts';
import type { ChannelPause, DigestChannelPort, PartResult } from './port.ts';
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
import {
  type DigestConfig,
  type DigestState,
  isNothingToPost,
  type PauseCode,
  type SendingState,
} from './types.ts';

/**
 * Posts digests: decides per guild whether one is due, composes it, records "sending" with the exact parts the
 * channel port rendered, posts each part through the port (which makes a resend of the same guild, seed and
 * part a no-op: Discord nonces), records each confirmed part, then "sent". A restart in between resends only
 * unconfirmed parts, identical to the first attempt, so they are deduplicated.
 */

export type PostOutcome =
  | {
      readonly kind: 'posted';
      readonly channelId: string;
      readonly messageIds: readonly string[];
      readonly articles: number;
    }
  | { readonly kind: 'nothing-new' }
  | {
      readonly kind: 'paused';
      readonly code: PauseCode;
      readonly reason: string;
      readonly missing?: readonly string[];
    }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'abandoned'; readonly reason: string }
  | { readonly kind: 'idle' }
  | { readonly kind: 'missed'; readonly date: string }
  | { readonly kind: 'busy' };

export interface PosterDeps {
  readonly port: DigestChannelPort;
  readonly repo: DigestRepository;
  readonly compose: ComposeDeps;
  readonly catchUpHours: number;
  readonly logger: Logger;
  readonly now: () => Date;
}

export interface Poster {
  /** The scheduled path: posts this guild's digest if one is due (or resumes an interrupted one). */
  runScheduled(config: DigestConfig): Promise<PostOutcome>;
  /** `/digest post-now`: the digest as it would be composed now, posted at once. */
  postNow(config: DigestConfig): Promise<PostOutcome>;
}

type Run = (deps: PosterDeps, config: DigestConfig) => Promise<PostOutcome>;

export function createPoster(deps: PosterDeps): Poster {
  /** Guilds with a post in progress in this process; bounded by the guilds this process holds. */
  const busy = new Set<string>();
  return {
    runScheduled: (config) => exclusive(deps, busy, runScheduled, config),
    postNow: (config) => exclusive(deps, busy, postManually, config),
  };
}

async function save(deps: PosterDeps, guildId: string, state: DigestState): Promise<DigestState> {
  await deps.repo.saveState(guildId, state);
  return state;
}

/** One post at a time per guild; a store or compose failure is recorded for /digest status, and never thrown. */
async function exclusive(
  deps: PosterDeps,
  busy: Set<string>,
  run: Run,
  config: DigestConfig,
): Promise<PostOutcome> {
  if (busy.has(config.guildId)) return { kind: 'busy' };
  busy.add(config.guildId);
  try {
    return await run(deps, config);
  } catch (error) {
    // The next tick tries again.
    deps.logger.error({ guild: config.guildId, err: error }, 'digest failed');
    const state = await deps.repo.state(config.guildId).catch(() => undefined);
    if (state)
      await deps.repo
        .saveState(config.guildId, recordError(state, errorMessage(error), deps.now()))
        .catch(() => {});
    return { kind: 'failed', reason: errorMessage(error) };
  } finally {
    busy.delete(config.guildId);
  }
}

async function runScheduled(deps: PosterDeps, config: DigestConfig): Promise<PostOutcome> {
  const state = await deps.repo.state(config.guildId);
  if (state.sending) return resumeOrAbandon(deps, config, state);
  if (state.paused) return { kind: 'idle' };
  const decision = decide(config, state, deps.now(), deps.catchUpHours);
  if (decision.kind === 'idle') return decision;
  if (decision.kind === 'missed') {
    deps.logger.info(
      { guild: config.guildId, date: decision.date },
      'digest skipped: down past the catch-up window',
    );
    await save(deps, config.guildId, slotDone(state, decision.date));
    return { kind: 'missed', date: decision.date };
  }
  return start(deps, config, state, { date: decision.date, nonceSeed: decision.date });
}

async function postManually(deps: PosterDeps, config: DigestConfig): Promise<PostOutcome> {
  const state = await deps.repo.state(config.guildId);
  if (state.sending) return { kind: 'busy' };
  return start(deps, config, state, { date: null, nonceSeed: `now:${deps.now().toISOString()}` });
}

async function start(
  deps: PosterDeps,
  config: DigestConfig,
  state: DigestState,
  slot: { date: string | null; nonceSeed: string },
): Promise<PostOutcome> {
  const check = await deps.port.checkChannel(config.channelId);
  if (!check.ok) return paused(deps, config.guildId, state, check);
  const at = deps.now();
  const composed = await composeDigest(deps.compose, config, state, at);
  if (isNothingToPost(composed)) {
    if (slot.date) await save(deps, config.guildId, slotDone(state, slot.date));
    return { kind: 'nothing-new' };
  }
  const begun = beginSending(state, {
    slotDate: slot.date,
    nonceSeed: slot.nonceSeed,
    startedAt: at.toISOString(),
    windowEnd: composed.windowEnd.toISOString(),
    channelId: config.channelId,
    messages: deps.port.render(composed, config, at),
    articleIds: composed.articleIds,
    sentIds: [],
  });
  return deliver(deps, config, await save(deps, config.guildId, begun));
}

async function resumeOrAbandon(
  deps: PosterDeps,
  config: DigestConfig,
  state: DigestState,
): Promise<PostOutcome> {
  const sending = state.sending;
  if (!sending) return { kind: 'idle' };
  const ageMs = deps.now().getTime() - Date.parse(sending.startedAt);
  if (!(ageMs <= deps.port.resendWindowMs)) return abandon(deps, config, state, sending);
  const check = await deps.port.checkChannel(sending.channelId);
  if (!check.ok) return paused(deps, config.guildId, state, check);
  return deliver(deps, config, state);
}

async function abandon(
  deps: PosterDeps,
  config: DigestConfig,
  state: DigestState,
  sending: SendingState,
): Promise<PostOutcome> {
  const reason = `The digest${sending.slotDate ? ` of ${sending.slotDate}` : ''} was interrupted while posting and was not resent, so that it cannot appear twice.`;
  deps.logger.warn(
    { guild: config.guildId, sent: sending.sentIds.length, of: sending.messages.length },
    reason,
  );
  await save(deps, config.guildId, abandonSending(state, reason, deps.now()));
  return { kind: 'abandoned', reason };
}

/** Sends the parts not yet confirmed, recording each one Discord confirms, then the post. */
async function deliver(deps: PosterDeps, config: DigestConfig, begun: DigestState): Promise<PostOutcome> {
  let state = begun;
  const sending = state.sending;
  if (!sending) return { kind: 'idle' };
  for (let index = sending.sentIds.length; index < sending.messages.length; index += 1) {
    const part = sending.messages[index];
    if (!part) break;
    const { guildId } = config;
    const { channelId, nonceSeed } = sending;
    try {
      const result = await deps.port.post({ guildId, channelId, nonceSeed, index, part });
      if (!result.ok) return failed(deps, config, state, result);
      state = await save(deps, guildId, partSent(state, result.messageId));
    } catch (error) {
      // Recording the part failed (the store): like a refused post, so the next tick resends it with its nonce.
      const reason = errorMessage(error);
      return failed(deps, config, state, { ok: false, failure: 'permanent', reason, error });
    }
  }
  return finish(deps, config, state, sending);
}

async function finish(
  deps: PosterDeps,
  config: DigestConfig,
  state: DigestState,
  sending: SendingState,
): Promise<PostOutcome> {
  await save(deps, config.guildId, finishSending(state, deps.now()));
  const messageIds = state.sending?.sentIds ?? [];
  deps.logger.info(
    { guild: config.guildId, messages: messageIds.length, articles: sending.articleIds.length },
    'digest posted',
  );
  return { kind: 'posted', channelId: sending.channelId, messageIds, articles: sending.articleIds.length };
}

async function failed(
  deps: PosterDeps,
  config: DigestConfig,
  state: DigestState,
  failure: Exclude<PartResult, { ok: true }>,
): Promise<PostOutcome> {
  if (failure.failure === 'pause') {
    deps.logger.warn({ guild: config.guildId, code: failure.code }, 'digest paused');
    return paused(deps, config.guildId, state, failure);
  }
  // "sending" stays: the next tick resends the unconfirmed parts with their nonces (while that is safe).
  const log = failure.failure === 'transient' ? deps.logger.warn : deps.logger.error;
  log.call(deps.logger, { guild: config.guildId, err: failure.error }, 'digest post failed');
  await save(deps, config.guildId, recordError(state, failure.reason, deps.now()));
  return { kind: 'failed', reason: failure.reason };
}

async function paused(
  deps: PosterDeps,
  guildId: string,
  state: DigestState,
  pauseOf: ChannelPause,
): Promise<PostOutcome> {
  await save(deps, guildId, pause(state, pauseOf, deps.now()));
  const { code, reason, missing } = pauseOf;
  return { kind: 'paused', code, reason, ...(missing ? { missing } : {}) };
}
