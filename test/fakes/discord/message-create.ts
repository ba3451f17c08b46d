import { type APIMessage, GatewayDispatchEvents, GatewayIntentBits } from 'discord-api-types/v10';
import type { FakeContext } from './context.ts';
import { type StoredMessage, toApiMessage } from './messages.ts';
import { memberPayload } from './payloads.ts';
import type { World } from './world.ts';

/**
 * MESSAGE_CREATE as Discord sends it. A guild message reaches only sessions with the GuildMessages intent; without
 * the privileged Message Content intent its `content`, `embeds`, `attachments` and `components` arrive empty,
 * except when the message mentions the app, is a DM, or is the app's own message (discord-api-docs, "Message
 * Content Intent"). The same rule holds for every session separately.
 */
export function messageCreatePayload(message: StoredMessage, world: World, intents: number): APIMessage {
  const api = toApiMessage(message, world);
  const member = message.authorId && message.guildId ? memberOf(world, message) : {};
  const payload = { ...api, ...member };
  if (mayReadContent(message, world, intents)) return payload;
  return { ...payload, content: '', embeds: [], attachments: [], components: [] };
}

export function mayReadContent(message: StoredMessage, world: World, intents: number): boolean {
  if ((intents & GatewayIntentBits.MessageContent) !== 0) return true;
  const ownMessage = !message.authorId || message.authorId === world.bot.id;
  const isDm = message.guildId === null;
  return ownMessage || isDm || message.pings.users.includes(world.bot.id);
}

function memberOf(world: World, message: StoredMessage) {
  const guild = world.requireGuild(message.guildId ?? '');
  const { user: _user, ...member } = memberPayload(world.user(message.authorId ?? ''), guild.joinedAt);
  return { member };
}

/** Tells the sessions that may see it about a new message in a guild channel or thread. */
export function announceMessage(ctx: FakeContext, message: StoredMessage): void {
  if (!message.guildId) return;
  ctx.emit(
    message.guildId,
    GatewayDispatchEvents.MessageCreate,
    GatewayIntentBits.GuildMessages,
    (intents) => ({
      ...messageCreatePayload(message, ctx.world, intents),
      guild_id: message.guildId,
    }),
  );
}
