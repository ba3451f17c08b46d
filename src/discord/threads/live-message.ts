import type { AnyThreadChannel, Message, MessageCreateOptions } from 'discord.js';
import type { ReplyEvent } from '../../answer/newsroom-types.ts';
import type { Logger } from '../../core/log.ts';
import { type RenderedMessage, type ReplyHead, renderLive } from '../render.ts';
import { FIRST_EDIT_DELAY_MS } from '../stream.ts';

/**
 * A follow-up's answer, written live into the thread. There is no interaction (and so no token clock) here: the
 * answer is a reply to the member's message, posted once the model's first words are in and then edited at most
 * once per interval, like a streamed /ask; cached and offline answers arrive whole and are posted once. Channel
 * edits go through discord.js's REST (it waits out a 429); the interval keeps them well under the channel's limit.
 */

export interface LiveMessageOptions {
  readonly language: string;
  readonly editIntervalMs: number;
  readonly logger: Logger;
}

export interface LiveMessage {
  onEvent(event: ReplyEvent): void;
  /** Stops live edits and waits for the one in flight. */
  finish(): Promise<void>;
  /** The final parts: the first replaces the live message (or is the reply), the rest follow in the thread. */
  deliver(parts: readonly RenderedMessage[]): Promise<void>;
}

interface State {
  head: ReplyHead | undefined;
  text: string;
  live: boolean;
  stopped: boolean;
  firstTextAt: number | undefined;
  lastEditAt: number;
  posted: Message | undefined;
  inFlight: Promise<void> | undefined;
  timer: NodeJS.Timeout | undefined;
}

/** A reply that never pings the member (allowedMentions parse: [] and no replied-user ping). */
export function replyTo(source: Message, part: RenderedMessage): MessageCreateOptions {
  return {
    ...part,
    content: part.content ?? '',
    allowedMentions: { parse: [], repliedUser: false },
    reply: { messageReference: source.id, failIfNotExists: false },
  };
}

function onEvent(state: State, event: ReplyEvent, schedule: () => void): void {
  if (event.type === 'article') state.head = event;
  else if (event.type === 'writing') state.live = true;
  else if (event.type === 'text' && state.live) {
    state.text += event.text;
    state.firstTextAt ??= Date.now();
    schedule();
  } else if (event.type === 'restart' || event.type === 'done') {
    // The whole answer (or the offline one) goes out in the final edit; the streamed text is dropped.
    state.live = false;
    clearTimeout(state.timer);
    state.timer = undefined;
  }
}

export function createLiveMessage(
  source: Message,
  thread: AnyThreadChannel,
  options: LiveMessageOptions,
): LiveMessage {
  const state: State = {
    ...{ head: undefined, text: '', live: false, stopped: false, firstTextAt: undefined },
    ...{ lastEditAt: Number.NEGATIVE_INFINITY, posted: undefined, inFlight: undefined, timer: undefined },
  };
  const show = async (part: RenderedMessage) => {
    if (state.posted) await state.posted.edit({ ...part, content: part.content ?? '' });
    else state.posted = await thread.send(replyTo(source, part));
  };
  const flush = () => {
    state.timer = undefined;
    if (state.stopped || !state.live || !state.head) return;
    const part = renderLive(state.head, state.text, options.language);
    state.inFlight = show(part)
      .catch((error: unknown) => options.logger.debug({ err: error }, 'live follow-up edit skipped'))
      .finally(() => {
        state.lastEditAt = Date.now();
        state.inFlight = undefined;
      });
  };
  const schedule = () => {
    if (state.stopped || state.inFlight || state.timer) return;
    const at = Math.max(
      state.lastEditAt + options.editIntervalMs,
      (state.firstTextAt ?? 0) + FIRST_EDIT_DELAY_MS,
    );
    state.timer = setTimeout(flush, Math.max(0, at - Date.now()));
  };
  return {
    onEvent: (event) => onEvent(state, event, schedule),
    async finish() {
      state.stopped = true;
      clearTimeout(state.timer);
      await state.inFlight;
    },
    async deliver(parts) {
      const [first, ...rest] = parts;
      if (!first) return;
      await show(first);
      for (const part of rest) await thread.send(replyTo(source, part));
    },
  };
}
