import type { RepliableInteraction } from 'discord.js';
import { type CompletedReply, collectReply } from '../answer/collect.ts';
import type { ReplyEvent, ReplyResult } from '../answer/newsroom-types.ts';
import { type AnswerRecords, type RecordKind, recordOf } from '../answer/records.ts';
import type { FallbackReason } from '../answer/types.ts';
import type { Logger } from '../core/log.ts';
import { type AnswerAction, type RecordedAnswer, withAnswerActions } from './answer-actions.ts';
import type { CooldownTicket } from './cooldowns.ts';
import { InteractionExpiredError } from './errors.ts';
import type { FirstResponse } from './first-response.ts';
import { localizeUnresolved, type RenderedMessage, renderReply } from './render.ts';
import {
  createLiveReply,
  FINAL_EDIT_SAFETY_MS,
  INTERACTION_TOKEN_LIFETIME_MS,
  interactionExpiresAt,
  type LiveSettings,
} from './stream.ts';

/** Puts rendered parts in front of the user: the first replaces the deferred reply, the rest follow. */
export async function deliverReply(
  interaction: RepliableInteraction,
  parts: readonly RenderedMessage[],
): Promise<void> {
  const [first, ...rest] = parts;
  if (!first) return;
  if (interaction.deferred || interaction.replied) await interaction.editReply(first);
  else await interaction.reply(first);
  for (const part of rest) await interaction.followUp(part);
}

/** Failures that happen after a request reached the model (it was called, and may have been billed). */
const MODEL_FAILURES: ReadonlySet<FallbackReason> = new Set([
  'rate-limited',
  'overloaded',
  'timeout',
  'server-error',
  'rejected',
]);

/** Whether serving this reply called the model: what cooldowns count (cached and offline answers are free). */
export function madeModelCall(result: ReplyResult): boolean {
  if (result.cached) return false;
  if (result.provider === 'anthropic') return true;
  return result.fallbackReason !== undefined && MODEL_FAILURES.has(result.fallbackReason);
}

export interface AnswerContext {
  /** The interaction's first response: a reply ready before the deferral claims it, else waits for the deferral. */
  readonly firstResponse: FirstResponse;
  /** The reply language: labels and notes are rendered in it. */
  readonly language: string;
  readonly logger: Logger;
  /** Live edits while the model writes; without it the answer appears in one edit. */
  readonly live?: LiveSettings | undefined;
  /** Handed back when the reply cost no model call. */
  readonly cooldown?: CooldownTicket | undefined;
  /** Where the answer's record is kept, and what was asked: the answer's buttons act on it. */
  readonly recording?: AnswerRecording | undefined;
}

/** What answerFromStream needs to keep an answer's record (the buttons under it act on the record). */
export interface AnswerRecording {
  readonly records: AnswerRecords;
  readonly actions: readonly AnswerAction[];
  readonly asked: { readonly kind: RecordKind; readonly question: string | null };
}

/** The record of this reply, under the interaction's id, for withAnswerActions. */
export function recordedAnswer(
  interaction: RepliableInteraction,
  reply: CompletedReply,
  context: Pick<AnswerContext, 'language' | 'logger' | 'recording'>,
): RecordedAnswer | undefined {
  const { recording } = context;
  if (!recording) return undefined;
  const record = {
    ...recordOf(reply, { ...recording.asked, language: context.language, guildId: interaction.guildId }),
    ...(interaction.channel?.isThread() ? { inThread: true } : {}),
  };
  const { records, actions } = recording;
  return { records, actions, recordId: interaction.id, record, logger: context.logger };
}

/** The stream's events that mean slow work: the deferral goes at once instead of after its hold. */
const SLOW_WORK: ReadonlySet<ReplyEvent['type']> = new Set(['calling', 'writing', 'restart']);

/**
 * Collect → render → deliver, showing the model's text live on the way: how every model-backed command answers.
 * An answer ready before the deferral went (cached, offline) is the first response; otherwise it is produced while
 * the deferral is in flight and shown once that is accepted. A resolution problem (unknown article, empty store)
 * throws a UserFacingError out of the stream, for the router to show.
 */
export async function answerFromStream(
  interaction: RepliableInteraction,
  events: AsyncIterable<ReplyEvent>,
  context: AnswerContext,
): Promise<CompletedReply> {
  const { firstResponse } = context;
  const live = context.live
    ? createLiveReply(interaction, {
        ...context,
        acknowledged: firstResponse.acknowledged,
        settings: context.live,
      })
    : undefined;
  const onEvent = (event: ReplyEvent) => {
    if (SLOW_WORK.has(event.type)) firstResponse.deferNow().catch(() => {});
    return live?.onEvent(event);
  };
  let reply: CompletedReply;
  try {
    reply = await collectReply(events, onEvent);
  } catch (error) {
    // "No article matches" in the member's language, with close titles escaped, for every command that answers.
    throw localizeUnresolved(error, context.language);
  } finally {
    await live?.finish();
  }
  if (!madeModelCall(reply.result)) context.cooldown?.refund();
  // Built (its record saved) before claiming: a slow store write then still falls under the hold, and the deferral
  // goes out instead of a claimed reply missing Discord's 3 s.
  const parts = renderReply(reply, context.language);
  const message = await withAnswerActions(parts, recordedAnswer(interaction, reply, context));
  if (!firstResponse.claim()) await firstResponse.acknowledged;
  const expiresAt =
    live?.expiresAt ??
    interactionExpiresAt(interaction, context.live?.tokenLifetimeMs ?? INTERACTION_TOKEN_LIFETIME_MS);
  const now = context.live?.now ?? Date.now;
  if (now() > expiresAt - FINAL_EDIT_SAFETY_MS) throw new InteractionExpiredError(expiresAt);
  await deliverReply(interaction, message);
  return reply;
}
