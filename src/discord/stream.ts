import { setTimeout as sleep } from 'node:timers/promises';
import { RateLimitError, type REST, type RepliableInteraction, Routes } from 'discord.js';
import type { ReplyEvent } from '../answer/newsroom-types.ts';
import type { Logger } from '../core/log.ts';
import { classifyFailure } from './errors.ts';
import { type RenderedMessage, type ReplyHead, renderLive } from './render.ts';

/** Discord accepts edits and follow-ups with an interaction token for 15 minutes after the interaction. */
export const INTERACTION_TOKEN_LIFETIME_MS = 15 * 60_000;
/** Live edits stop this long before the token expires, so they never compete with the final reply for it. */
export const STREAM_STOP_MARGIN_MS = 30_000;
/** The final reply is not attempted when the token has less than this left (one request's worth). */
export const FINAL_EDIT_SAFETY_MS = 1_000;
/**
 * After the model's first words the first live edit waits this long: an answer that completes meanwhile (a fast
 * model, a short reply) then appears in one edit, with its citations, instead of a flash of partial text.
 */
export const FIRST_EDIT_DELAY_MS = 250;

export interface LiveSettings {
  /** At most one edit per this many ms, the final reply included (STREAM_EDIT_INTERVAL_MS). */
  readonly editIntervalMs: number;
  /** REST client for live edits (createStreamRest): rejects on a rate limit instead of waiting. */
  readonly rest: REST;
  readonly tokenLifetimeMs?: number;
  readonly stopMarginMs?: number;
  readonly now?: () => number;
}

export interface LiveReplyOptions {
  readonly settings: LiveSettings;
  /** Settles with the router's deferral; no edit goes out before it is accepted. */
  readonly acknowledged: Promise<void>;
  readonly language: string;
  readonly logger: Logger;
}

export interface LiveReply {
  /** Feed every reply event; cheap and synchronous (edits are sent in the background). */
  onEvent(event: ReplyEvent): void;
  /** Ends live edits: waits for the one in flight, then until the edit interval allows the final reply. */
  finish(): Promise<void>;
  /** Epoch ms when the interaction token stops working. */
  readonly expiresAt: number;
}

/** The raw webhook body of a rendered message (live edits bypass discord.js's message builder). */
function webhookBody(message: RenderedMessage) {
  return { content: message.content ?? '', embeds: message.embeds, allowed_mentions: { parse: [] } };
}

export function interactionExpiresAt(interaction: RepliableInteraction, lifetimeMs: number): number {
  return interaction.createdTimestamp + lifetimeMs;
}

/**
 * Shows a model's answer while it is written: the first edit shortly after its first words, then at most one edit
 * per interval, each with the latest text and a "writing…" marker. Only the model's own stream is shown live (a
 * `writing` event starts it); cached and offline answers arrive whole and go out in the final edit alone. A
 * rate-limited or slow live edit is skipped, never queued; `restart` drops the streamed text.
 */
export function createLiveReply(interaction: RepliableInteraction, options: LiveReplyOptions): LiveReply {
  const { settings, logger } = options;
  const now = settings.now ?? Date.now;
  const expiresAt = interactionExpiresAt(
    interaction,
    settings.tokenLifetimeMs ?? INTERACTION_TOKEN_LIFETIME_MS,
  );
  const streamUntil = expiresAt - (settings.stopMarginMs ?? STREAM_STOP_MARGIN_MS);
  const route = Routes.webhookMessage(interaction.applicationId, interaction.token, '@original');
  const state = {
    head: undefined as ReplyHead | undefined,
    text: '',
    shown: '',
    live: false,
    stopped: false,
    firstTextAt: undefined as number | undefined,
    /** When the last edit settled; the next starts no earlier than one interval later. */
    lastEditAt: Number.NEGATIVE_INFINITY,
    /** A 429 told us to hold off until then. */
    pausedUntil: 0,
    inFlight: undefined as Promise<void> | undefined,
    timer: undefined as NodeJS.Timeout | undefined,
  };

  const nextEditAt = () =>
    Math.max(
      state.lastEditAt + settings.editIntervalMs,
      state.pausedUntil,
      (state.firstTextAt ?? 0) + FIRST_EDIT_DELAY_MS,
    );

  function cancelTimer(): void {
    clearTimeout(state.timer);
    state.timer = undefined;
  }

  function schedule(): void {
    if (state.stopped || !state.live || state.inFlight || state.timer) return;
    const wait = nextEditAt() - now();
    if (wait <= 0) flush();
    else state.timer = setTimeout(flush, wait);
  }

  function flush(): void {
    state.timer = undefined;
    if (state.stopped || !state.live || !state.head || state.text === state.shown) return;
    if (now() >= streamUntil) {
      state.stopped = true;
      logger.info(
        { command: commandName(interaction) },
        'live edits stopped: the interaction token expires soon',
      );
      return;
    }
    const text = state.text;
    state.inFlight = sendEdit(state.head, text).finally(() => {
      state.lastEditAt = now();
      state.inFlight = undefined;
      schedule();
    });
  }

  async function sendEdit(head: ReplyHead, text: string): Promise<void> {
    try {
      await options.acknowledged;
      if (state.stopped) return;
      state.shown = text;
      const body = webhookBody(renderLive(head, text, options.language));
      await settings.rest.patch(route, { body, auth: false });
    } catch (error) {
      onEditFailed(error);
    }
  }

  function onEditFailed(error: unknown): void {
    const command = commandName(interaction);
    if (error instanceof RateLimitError) {
      state.pausedUntil = now() + error.retryAfter;
      logger.debug({ command, retryAfterMs: error.retryAfter }, 'live edit skipped: rate limited');
      return;
    }
    if (error instanceof Error && error.name === 'AbortError') {
      logger.debug({ command }, 'live edit skipped: too slow');
      return;
    }
    // The deferral was refused, the token died, or Discord rejected the body: the final reply reports or retries.
    state.stopped = true;
    const failure = classifyFailure(error);
    const level = failure.kind === 'interaction-gone' ? 'info' : 'warn';
    logger[level]({ err: error, command }, 'live edits stopped');
  }

  function onEvent(event: ReplyEvent): void {
    if (event.type === 'article') state.head = event;
    else if (event.type === 'writing') state.live = true;
    else if (event.type === 'text' && state.live) {
      state.text += event.text;
      state.firstTextAt ??= now();
      schedule();
    } else if (event.type === 'restart' || event.type === 'done') {
      // The offline answer (or the complete one) goes out in the final edit; the streamed text is dropped.
      state.live = false;
      state.text = '';
      cancelTimer();
    }
  }

  async function finish(): Promise<void> {
    state.stopped = true;
    cancelTimer();
    await state.inFlight;
    if (state.lastEditAt === Number.NEGATIVE_INFINITY) return;
    const wait = Math.max(state.lastEditAt + settings.editIntervalMs, state.pausedUntil) - now();
    if (wait > 0) await sleep(Math.min(wait, Math.max(0, expiresAt - FINAL_EDIT_SAFETY_MS - now())));
  }

  return { onEvent, finish, expiresAt };
}

function commandName(interaction: RepliableInteraction): string | undefined {
  return interaction.isCommand() ? interaction.commandName : undefined;
}
