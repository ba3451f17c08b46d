import { PermissionFlagsBits as Flags } from 'discord-api-types/v10';
import { type ApiReply, apiErrors } from './api-error.ts';
import type { FakeContext } from './context.ts';
import { checkMessage } from './interaction-routes.ts';
import { announceMessage } from './message-create.ts';
import { isRecord } from './message-rules.ts';
import {
  createMessage,
  EPHEMERAL_FLAG,
  editMessage,
  PARSE_ALL,
  type StoredMessage,
  toApiMessage,
} from './messages.ts';
import { channelPayload } from './payloads.ts';
import { has } from './permissions.ts';
import { type FakeRequest, json, noContent, param, type Route } from './router.ts';
import { type FakeChannel, isThread } from './world.ts';

const DEFAULT_MESSAGE_LIMIT = 50;
const MAX_MESSAGE_LIMIT = 100;

function requireChannel(ctx: FakeContext, request: FakeRequest): FakeChannel {
  const channel = ctx.world.channels.get(param(request, 'channelId'));
  if (!channel || channel.deleted) throw apiErrors.unknownChannel();
  return channel;
}

/** Like Discord: no View Channel is 50001 Missing Access; any other missing permission is 50013. */
function requirePermissions(ctx: FakeContext, channel: FakeChannel, needed: bigint): void {
  const permissions = ctx.world.botPermissions(channel);
  if (!has(permissions, Flags.ViewChannel)) throw apiErrors.missingAccess();
  if (!has(permissions, needed)) throw apiErrors.missingPermissions();
}

function body(request: FakeRequest): Record<string, unknown> {
  return isRecord(request.body) ? request.body : {};
}

/** Posting in a thread needs Send Messages in Threads instead of Send Messages, as on Discord. */
function postPermission(channel: FakeChannel): bigint {
  return isThread(channel) ? Flags.SendMessagesInThreads : Flags.SendMessages;
}

function sendPermissions(channel: FakeChannel, request: FakeRequest): bigint {
  const embeds = body(request).embeds;
  let needed = postPermission(channel);
  if (Array.isArray(embeds) && embeds.length > 0) needed |= Flags.EmbedLinks;
  if (request.files.length > 0) needed |= Flags.AttachFiles;
  return needed;
}

/** POST /channels/{id}/messages; with enforce_nonce, a nonce seen in the last minutes returns that message. */
function send(ctx: FakeContext, request: FakeRequest) {
  const channel = requireChannel(ctx, request);
  requirePermissions(ctx, channel, sendPermissions(channel, request));
  const { nonce, enforce_nonce: enforceNonce } = body(request);
  if (enforceNonce === true && (typeof nonce === 'string' || typeof nonce === 'number')) {
    const earlier = ctx.messages.byNonce(channel.id, nonce, ctx.now());
    if (earlier) return json(200, toApiMessage(earlier, ctx.world));
  }
  checkMessage(body(request));
  const origin = {
    id: ctx.snowflake(),
    channelId: channel.id,
    guildId: channel.guildId,
    webhookId: null,
    interactionId: null,
    createdAt: ctx.now(),
    defaultParse: PARSE_ALL,
  };
  const message = createMessage(body(request), request.files, origin, ctx.snowflake);
  message.flags &= ~EPHEMERAL_FLAG;
  ctx.messages.add(message, { post: true });
  announceMessage(ctx, message);
  return json(200, toApiMessage(message, ctx.world));
}

/** A message of this channel the bot may see through the channel routes (ephemeral ones never are). */
function channelMessage(ctx: FakeContext, channel: FakeChannel, request: FakeRequest): StoredMessage {
  const message = ctx.messages.get(param(request, 'messageId'));
  const visible = message && !message.deleted && message.channelId === channel.id;
  if (!visible || (message.flags & EPHEMERAL_FLAG) !== 0) throw apiErrors.unknownMessage();
  return message;
}

function edit(ctx: FakeContext, request: FakeRequest) {
  const channel = requireChannel(ctx, request);
  const embeds = body(request).embeds;
  requirePermissions(ctx, channel, Array.isArray(embeds) && embeds.length > 0 ? Flags.EmbedLinks : 0n);
  const message = channelMessage(ctx, channel, request);
  checkMessage(body(request));
  editMessage(message, body(request), request.files, ctx.now(), ctx.snowflake);
  return json(200, toApiMessage(message, ctx.world));
}

function getMessage(ctx: FakeContext, request: FakeRequest) {
  const channel = requireChannel(ctx, request);
  requirePermissions(ctx, channel, Flags.ReadMessageHistory);
  return json(200, toApiMessage(channelMessage(ctx, channel, request), ctx.world));
}

function deleteMessage(ctx: FakeContext, request: FakeRequest) {
  const channel = requireChannel(ctx, request);
  requirePermissions(ctx, channel, 0n);
  channelMessage(ctx, channel, request).deleted = true;
  return noContent();
}

/** GET /channels/{id}/messages: newest first, `limit` 1–100 (default 50), channel posts only. */
function listMessages(ctx: FakeContext, request: FakeRequest) {
  const channel = requireChannel(ctx, request);
  requirePermissions(ctx, channel, Flags.ReadMessageHistory);
  const limit = Math.min(Number(request.query.get('limit') ?? DEFAULT_MESSAGE_LIMIT), MAX_MESSAGE_LIMIT);
  const newestFirst = ctx.messages.posts(channel.id).reverse().slice(0, limit);
  return json(
    200,
    newestFirst.map((message) => toApiMessage(message, ctx.world)),
  );
}

function getChannel(ctx: FakeContext, request: FakeRequest) {
  const channel = requireChannel(ctx, request);
  requirePermissions(ctx, channel, 0n);
  return json(200, channelPayload(channel));
}

function typing(ctx: FakeContext, request: FakeRequest) {
  const channel = requireChannel(ctx, request);
  requirePermissions(ctx, channel, postPermission(channel));
  return noContent();
}

export function channelRoutes(ctx: FakeContext): Route[] {
  const route = (method: string, pattern: string, handler: (c: FakeContext, r: FakeRequest) => ApiReply) => ({
    method,
    pattern,
    auth: true,
    handler: (request: FakeRequest) => handler(ctx, request),
  });
  const message = '/channels/:channelId/messages/:messageId';
  return [
    route('GET', '/channels/:channelId', getChannel),
    route('POST', '/channels/:channelId/messages', send),
    route('GET', '/channels/:channelId/messages', listMessages),
    route('GET', message, getMessage),
    route('PATCH', message, edit),
    route('DELETE', message, deleteMessage),
    route('POST', '/channels/:channelId/typing', typing),
  ];
}
