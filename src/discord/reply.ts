import type { RepliableInteraction } from 'discord.js';
import { collectReply } from '../answer/collect.ts';
import type { ReplyEvent } from '../answer/newsroom-types.ts';
import { type RenderedMessage, renderReply } from './render.ts';

/** Sees every stream event on the way (live edits hook in here); the final reply is rendered from `done`. */
export type ReplyEventListener = (event: ReplyEvent) => void | Promise<void>;

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

/**
 * Collect → render → deliver: how every model-backed command answers. The answer is produced while the deferral
 * is in flight and shown once it is accepted. A resolution problem (unknown article, empty store) throws a
 * UserFacingError out of the stream, for the router to show.
 */
export async function answerFromStream(
  interaction: RepliableInteraction,
  events: AsyncIterable<ReplyEvent>,
  acknowledged: Promise<void>,
  onEvent?: ReplyEventListener,
): Promise<void> {
  const reply = await collectReply(events, onEvent);
  await acknowledged;
  await deliverReply(interaction, renderReply(reply, interaction.locale));
}
