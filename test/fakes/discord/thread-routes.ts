import {
  ChannelType,
  PermissionFlagsBits as Flags,
  GatewayDispatchEvents,
  GatewayIntentBits,
} from 'discord-api-types/v10';
import { type ApiReply, apiErrors, DiscordApiError, FormErrors } from './api-error.ts';
import type { FakeContext } from './context.ts';
import { charCount, isRecord } from './message-rules.ts';
import { EPHEMERAL_FLAG, HAS_THREAD_FLAG } from './messages.ts';
import { threadPayload } from './payloads.ts';
import { has } from './permissions.ts';
import { type FakeRequest, json, param, type Route } from './router.ts';
import { type FakeChannel, type FakeChannelType, isThread } from './world.ts';

/**
 * Threads (discord-api-docs resources/channel.mdx, "Start Thread from Message" / "Start Thread without Message"):
 * only in a text channel (a thread in a thread is 50024); name 1–100 characters; from a message needs Create Public
 * Threads and gives the thread the message's id (a second thread on it is 160004); without a message, type 11
 * needs Create Public Threads, type 12 Create Private Threads (API v9's default type, 12, is kept when none is
 * given). The creator gets THREAD_CREATE with `newly_created`; the answer is the thread, 201.
 */
const THREAD_NAME_MAX_CHARS = 100;
const AUTO_ARCHIVE_MINUTES = [60, 1440, 4320, 10080];

const cannotHere = () => new DiscordApiError(400, 50024, 'Cannot execute action on this channel type');
const threadExists = () =>
  new DiscordApiError(400, 160004, 'A thread has already been created for this message');

function body(request: FakeRequest): Record<string, unknown> {
  return isRecord(request.body) ? request.body : {};
}

function textChannel(ctx: FakeContext, request: FakeRequest, needed: bigint): FakeChannel {
  const channel = ctx.world.channels.get(param(request, 'channelId'));
  if (!channel || channel.deleted) throw apiErrors.unknownChannel();
  const permissions = ctx.world.botPermissions(channel);
  if (!has(permissions, Flags.ViewChannel)) throw apiErrors.missingAccess();
  if (isThread(channel)) throw cannotHere();
  if (!has(permissions, needed)) throw apiErrors.missingPermissions();
  return channel;
}

function checkThreadBody(data: Record<string, unknown>, errors: FormErrors): string {
  const name = data.name;
  if (typeof name !== 'string') errors.required(['name']);
  else if (charCount(name.trim()) < 1 || charCount(name) > THREAD_NAME_MAX_CHARS)
    errors.badLength(['name'], 1, THREAD_NAME_MAX_CHARS);
  const archive = data.auto_archive_duration;
  if (archive !== undefined && !AUTO_ARCHIVE_MINUTES.includes(Number(archive)))
    errors.add(
      ['auto_archive_duration'],
      'BASE_TYPE_CHOICES',
      `Value must be one of {${AUTO_ARCHIVE_MINUTES}}.`,
    );
  return typeof name === 'string' ? name : '';
}

function open(
  ctx: FakeContext,
  parent: FakeChannel,
  spec: { id: string; name: string; type: FakeChannelType },
) {
  const thread = ctx.world.addThread(parent, { ...spec, ownerId: ctx.world.bot.id });
  ctx.emit(thread.guildId, GatewayDispatchEvents.ThreadCreate, GatewayIntentBits.Guilds, () => ({
    ...threadPayload(thread),
    newly_created: true,
  }));
  return json(201, threadPayload(thread));
}

function fromMessage(ctx: FakeContext, request: FakeRequest): ApiReply {
  const channel = textChannel(ctx, request, Flags.CreatePublicThreads);
  const message = ctx.messages.get(param(request, 'messageId'));
  const visible = message && !message.deleted && message.channelId === channel.id;
  if (!visible || (message.flags & EPHEMERAL_FLAG) !== 0) throw apiErrors.unknownMessage();
  if ((message.flags & HAS_THREAD_FLAG) !== 0 || ctx.world.channels.has(message.id)) throw threadExists();
  const errors = new FormErrors();
  const name = checkThreadBody(body(request), errors);
  errors.throwIfAny();
  message.flags |= HAS_THREAD_FLAG;
  return open(ctx, channel, { id: message.id, name, type: ChannelType.PublicThread });
}

function withoutMessage(ctx: FakeContext, request: FakeRequest): ApiReply {
  const data = body(request);
  const type = data.type === undefined ? ChannelType.PrivateThread : Number(data.type);
  const errors = new FormErrors();
  if (type !== ChannelType.PublicThread && type !== ChannelType.PrivateThread)
    errors.add(['type'], 'BASE_TYPE_CHOICES', 'Value must be one of {11, 12}.');
  const name = checkThreadBody(data, errors);
  errors.throwIfAny();
  const needed = type === ChannelType.PublicThread ? Flags.CreatePublicThreads : Flags.CreatePrivateThreads;
  const channel = textChannel(ctx, request, needed);
  return open(ctx, channel, { id: ctx.snowflake(), name, type: type as FakeChannelType });
}

export function threadRoutes(ctx: FakeContext): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/channels/:channelId/messages/:messageId/threads',
      auth: true,
      handler: (request) => fromMessage(ctx, request),
    },
    {
      method: 'POST',
      pattern: '/channels/:channelId/threads',
      auth: true,
      handler: (request) => withoutMessage(ctx, request),
    },
  ];
}
