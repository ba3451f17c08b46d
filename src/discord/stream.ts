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

/** One live reply's moving parts: what was written, what is shown, and when the next edit may go. */
interface LiveState {
  head: ReplyHead | undefined;
  text: string;
  shown: string;
  live: boolean;
  stopped: boolean;
  firstTextAt: number | undefined;
  /** When the last edit settled; the next starts no earlier than one interval later. */
  lastEditAt: number;
  /** A 429 told us to hold off until then. */
  pausedUntil: number;
  inFlight: Promise<void> | undefined;
  timer: NodeJS.Timeout | undefined;
}

/** Everything one live reply's functions share. */
interface LiveRun {
  readonly interaction: RepliableInteraction;
  readonly options: LiveReplyOptions;
  readonly now: () => number;
  readonly expiresAt: number;
  /** No edit starts after this: the token's last stretch is the final reply's. */
  readonly streamUntil: number;
  readonly route: `/${string}`;
  readonly state: LiveState;
}

function nextEditAt({ state, options }: LiveRun): number {
  return Math.max(
    state.lastEditAt + options.settings.editIntervalMs,
    state.pausedUntil,
    (state.firstTextAt ?? 0) + FIRST_EDIT_DELAY_MS,
  );
}

function cancelTimer({ state }: LiveRun): void {
  clearTimeout(state.timer);
  state.timer = undefined;
}

function schedule(run: LiveRun): void {
  const { state } = run;
  if (state.stopped || !state.live || state.inFlight || state.timer) return;
  const wait = nextEditAt(run) - run.now();
  if (wait <= 0) flush(run);
  else state.timer = setTimeout(() => flush(run), wait);
}

function flush(run: LiveRun): void {
  const { state } = run;
  state.timer = undefined;
  if (state.stopped || !state.live || !state.head || state.text === state.shown) return;
  if (run.now() >= run.streamUntil) {
    state.stopped = true;
    run.options.logger.info(
      { command: commandName(run.interaction) },
      'live edits stopped: the interaction token expires soon',
    );
    return;
  }
  state.inFlight = sendEdit(run, state.head, state.text).finally(() => {
    state.lastEditAt = run.now();
    state.inFlight = undefined;
    schedule(run);
  });
}

async function sendEdit(run: LiveRun, head: ReplyHead, text: string): Promise<void> {
  try {
    await run.options.acknowledged;
    if (run.state.stopped) return;
    run.state.shown = text;
    const body = webhookBody(renderLive(head, text, run.options.language));
    await run.options.settings.rest.patch(run.route, { body, auth: false });
  } catch (error) {
    onEditFailed(run, error);
  }
}

function onEditFailed(run: LiveRun, error: unknown): void {
  const { logger } = run.options;
  const command = commandName(run.interaction);
  if (error instanceof RateLimitError) {
    run.state.pausedUntil = run.now() + error.retryAfter;
    logger.debug({ command, retryAfterMs: error.retryAfter }, 'live edit skipped: rate limited');
    return;
  }
  if (error instanceof Error && error.name === 'AbortError') {
    logger.debug({ command }, 'live edit skipped: too slow');
    return;
  }
  // The deferral was refused, the token died, or Discord rejected the body: the final reply reports or retries.
  run.state.stopped = true;
  const failure = classifyFailure(error);
  const level = failure.kind === 'interaction-gone' ? 'info' : 'warn';
  logger[level]({ err: error, command }, 'live edits stopped');
}

function onEvent(run: LiveRun, event: ReplyEvent): void {
  const { state } = run;
  if (event.type === 'article') state.head = event;
  else if (event.type === 'writing') state.live = true;
  else if (event.type === 'text' && state.live) {
    state.text += event.text;
    state.firstTextAt ??= run.now();
    schedule(run);
  } else if (event.type === 'restart' || event.type === 'done') {
    // The offline answer (or the complete one) goes out in the final edit; the streamed text is dropped.
    state.live = false;
    state.text = '';
    cancelTimer(run);
  }
}

async function finish(run: LiveRun): Promise<void> {
  const { state, now } = run;
  state.stopped = true;
  cancelTimer(run);
  await state.inFlight;
  if (state.lastEditAt === Number.NEGATIVE_INFINITY) return;
  const wait = Math.max(state.lastEditAt + run.options.settings.editIntervalMs, state.pausedUntil) - now();
  if (wait > 0) await sleep(Math.min(wait, Math.max(0, run.expiresAt - FINAL_EDIT_SAFETY_MS - now())));
}

/**
 * Shows a model's answer while it is written: the first edit shortly after its first words, then at most one edit
 * per interval, each with the latest text and a "writing…" marker. Only the model's own stream is shown live (a
 * `writing` event starts it); cached and offline answers arrive whole and go out in the final edit alone. A
 * rate-limited or slow live edit is skipped, never queued; `restart` drops the streamed text.
 */
export function createLiveReply(interaction: RepliableInteraction, options: LiveReplyOptions): LiveReply {
  const { settings } = options;
  const expiresAt = interactionExpiresAt(
    interaction,
    settings.tokenLifetimeMs ?? INTERACTION_TOKEN_LIFETIME_MS,
  );
  const run: LiveRun = {
    interaction,
    options,
    now: settings.now ?? Date.now,
    expiresAt,
    streamUntil: expiresAt - (settings.stopMarginMs ?? STREAM_STOP_MARGIN_MS),
    route: Routes.webhookMessage(interaction.applicationId, interaction.token, '@original'),
    state: {
      ...{ head: undefined, text: '', shown: '', live: false, stopped: false, firstTextAt: undefined },
      ...{ lastEditAt: Number.NEGATIVE_INFINITY, pausedUntil: 0, inFlight: undefined, timer: undefined },
    },
  };
  return { onEvent: (event) => onEvent(run, event), finish: () => finish(run), expiresAt };
}

function commandName(interaction: RepliableInteraction): string | undefined {
  return interaction.isCommand() ? interaction.commandName : undefined;
}
