import { apiErrors } from './api-error.ts';
import type { FakeContext } from './context.ts';
import type { InteractionRecord } from './interaction-records.ts';
import { checkMessage, interactionOrigin } from './interaction-routes.ts';
import { isRecord } from './message-rules.ts';
import {
  createMessage,
  EPHEMERAL_FLAG,
  editMessage,
  LOADING_FLAG,
  type StoredMessage,
  toApiMessage,
} from './messages.ts';
import { type FakeRequest, json, noContent, param, type Route } from './router.ts';

/** Acknowledgements after which the interaction has a message webhook (not autocomplete or a modal). */
const MESSAGE_ACKS = [4, 5, 6, 7];

/** The interaction behind /webhooks/{app}/{token}: its token must be known, acknowledged and under 15 min old. */
function webhookInteraction(ctx: FakeContext, request: FakeRequest): InteractionRecord {
  if (param(request, 'appId') !== ctx.world.applicationId) throw apiErrors.unknownWebhook();
  const record = ctx.interactions.byToken(param(request, 'token'));
  if (!record) throw apiErrors.invalidWebhookToken();
  request.interaction = record;
  if (ctx.now() - record.createdAt > ctx.tokenLifetimeMs) throw apiErrors.invalidWebhookToken();
  if (!record.ack || !MESSAGE_ACKS.includes(record.ack.type)) throw apiErrors.unknownWebhook();
  return record;
}

function targetMessage(ctx: FakeContext, record: InteractionRecord, messageId: string): StoredMessage {
  const id = messageId === '@original' ? record.originalId : messageId;
  const belongs = id !== null && (id === record.originalId || record.followUpIds.includes(id));
  const message = belongs ? ctx.messages.get(id) : undefined;
  if (!message || message.deleted) throw apiErrors.unknownMessage();
  return message;
}

function body(request: FakeRequest): Record<string, unknown> {
  return isRecord(request.body) ? request.body : {};
}

/** The first edit (or follow-up) replaces the "thinking…" message. */
function settle(record: InteractionRecord, message: StoredMessage): void {
  if (message.id !== record.originalId) return;
  message.flags &= ~LOADING_FLAG;
  record.thinking = false;
}

function editWebhookMessage(ctx: FakeContext, request: FakeRequest) {
  const record = webhookInteraction(ctx, request);
  const message = targetMessage(ctx, record, param(request, 'messageId'));
  checkMessage(body(request));
  const at = ctx.now();
  editMessage(message, body(request), request.files, at, ctx.snowflake);
  if (message.id === record.originalId) record.edits.push({ at, body: structuredClone(request.body) });
  settle(record, message);
  return json(200, toApiMessage(message, ctx.world));
}

/** POST /webhooks/{app}/{token}: a follow-up; after a bare defer, Discord turns the loading message into it. */
function followUp(ctx: FakeContext, request: FakeRequest) {
  const record = webhookInteraction(ctx, request);
  checkMessage(body(request));
  let message: StoredMessage;
  const placeholder = record.thinking && record.originalId ? ctx.messages.get(record.originalId) : undefined;
  if (placeholder) {
    editMessage(
      placeholder,
      { ...body(request), flags: placeholder.flags },
      request.files,
      ctx.now(),
      ctx.snowflake,
    );
    settle(record, placeholder);
    message = placeholder;
  } else {
    message = createMessage(
      body(request),
      request.files,
      interactionOrigin(ctx, record, false),
      ctx.snowflake,
    );
    message.flags &= EPHEMERAL_FLAG | 4;
    ctx.messages.add(message);
    record.followUpIds.push(message.id);
  }
  return request.query.get('wait') === 'true' ? json(200, toApiMessage(message, ctx.world)) : noContent();
}

function getWebhookMessage(ctx: FakeContext, request: FakeRequest) {
  const record = webhookInteraction(ctx, request);
  return json(200, toApiMessage(targetMessage(ctx, record, param(request, 'messageId')), ctx.world));
}

function deleteWebhookMessage(ctx: FakeContext, request: FakeRequest) {
  const record = webhookInteraction(ctx, request);
  const message = targetMessage(ctx, record, param(request, 'messageId'));
  message.deleted = true;
  if (message.id === record.originalId) record.thinking = false;
  return noContent();
}

export function webhookRoutes(ctx: FakeContext): Route[] {
  const messagePath = '/webhooks/:appId/:token/messages/:messageId';
  return [
    { method: 'POST', pattern: '/webhooks/:appId/:token', auth: false, handler: (r) => followUp(ctx, r) },
    { method: 'PATCH', pattern: messagePath, auth: false, handler: (r) => editWebhookMessage(ctx, r) },
    { method: 'GET', pattern: messagePath, auth: false, handler: (r) => getWebhookMessage(ctx, r) },
    { method: 'DELETE', pattern: messagePath, auth: false, handler: (r) => deleteWebhookMessage(ctx, r) },
  ];
}
