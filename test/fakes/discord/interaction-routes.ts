import { apiErrors, FormErrors } from './api-error.ts';
import type { FakeContext } from './context.ts';
import type { InteractionKind, InteractionRecord } from './interaction-records.ts';
import { checkChoices, checkModal } from './interaction-rules.ts';
import { checkMessageBody, isRecord, type MessageBody } from './message-rules.ts';
import {
  createMessage,
  EPHEMERAL_FLAG,
  editMessage,
  type MessageOrigin,
  PARSE_USERS,
  placeholderMessage,
  type StoredMessage,
  toApiMessage,
} from './messages.ts';
import { type FakeRequest, json, noContent, param, type Route } from './router.ts';

/** Which callback types Discord accepts for each kind of interaction. */
const ALLOWED_ACKS: Record<InteractionKind, readonly number[]> = {
  command: [4, 5, 9],
  autocomplete: [8],
  component: [4, 5, 6, 7, 9],
  modal: [4, 5, 6, 7],
};

type AckHandler = (
  ctx: FakeContext,
  record: InteractionRecord,
  data: Record<string, unknown>,
  request: FakeRequest,
) => void;

export function checkMessage(body: MessageBody, prefix: string[] = []): void {
  const errors = new FormErrors(prefix);
  checkMessageBody(body, errors);
  errors.throwIfAny();
}

export function interactionOrigin(
  ctx: FakeContext,
  record: InteractionRecord,
  isReply: boolean,
): MessageOrigin {
  return {
    id: ctx.snowflake(),
    channelId: record.channelId,
    guildId: record.guildId,
    webhookId: ctx.world.applicationId,
    interactionId: isReply ? record.id : null,
    createdAt: ctx.now(),
    defaultParse: PARSE_USERS,
  };
}

function componentMessage(ctx: FakeContext, record: InteractionRecord): StoredMessage {
  const message = record.componentMessageId ? ctx.messages.get(record.componentMessageId) : undefined;
  if (!message || message.deleted) throw apiErrors.unknownMessage();
  return message;
}

const ACKS: Record<number, AckHandler> = {
  4: (ctx, record, data, request) => {
    checkMessage(data, ['data']);
    const message = createMessage(data, request.files, interactionOrigin(ctx, record, true), ctx.snowflake);
    ctx.messages.add(message);
    record.originalId = message.id;
    record.ephemeral = (message.flags & EPHEMERAL_FLAG) !== 0;
  },
  5: (ctx, record, data) => {
    record.ephemeral = (Number(data.flags ?? 0) & EPHEMERAL_FLAG) !== 0;
    const message = placeholderMessage(interactionOrigin(ctx, record, true), record.ephemeral);
    ctx.messages.add(message);
    record.originalId = message.id;
    record.thinking = true;
  },
  6: (ctx, record) => {
    const message = componentMessage(ctx, record);
    record.originalId = message.id;
    record.ephemeral = (message.flags & EPHEMERAL_FLAG) !== 0;
  },
  7: (ctx, record, data, request) => {
    checkMessage(data, ['data']);
    const message = componentMessage(ctx, record);
    editMessage(message, data, request.files, ctx.now(), ctx.snowflake);
    record.originalId = message.id;
    record.ephemeral = (message.flags & EPHEMERAL_FLAG) !== 0;
  },
  8: (_ctx, record, data) => {
    const errors = new FormErrors(['data']);
    checkChoices(data.choices, record.focusedType, errors);
    errors.throwIfAny();
    record.choices = structuredClone(data.choices) as InteractionRecord['choices'];
  },
  9: (_ctx, record, data) => {
    const errors = new FormErrors(['data']);
    checkModal(data, errors);
    errors.throwIfAny();
    record.modal = structuredClone(data);
  },
};

function checkAckType(record: InteractionRecord, type: unknown): number {
  const allowed = ALLOWED_ACKS[record.kind].filter((t) => record.componentMessageId || (t !== 6 && t !== 7));
  if (typeof type === 'number' && allowed.includes(type)) return type;
  const errors = new FormErrors();
  errors.add(['type'], 'BASE_TYPE_CHOICES', `Value must be one of {${allowed.join(', ')}}.`);
  errors.throwIfAny();
  return 0;
}

/** POST /interactions/{id}/{token}/callback: the 3 s rule, one acknowledgement, and the payload's limits. */
function callback(ctx: FakeContext, request: FakeRequest) {
  const record = ctx.interactions.byId(param(request, 'id'));
  if (!record || record.token !== param(request, 'token')) throw apiErrors.unknownInteraction();
  request.interaction = record;
  if (record.ack) throw apiErrors.alreadyAcknowledged();
  const at = ctx.now();
  if (at - record.createdAt > ctx.ackDeadlineMs) throw apiErrors.unknownInteraction();
  const body = isRecord(request.body) ? request.body : {};
  const type = checkAckType(record, body.type);
  ACKS[type]?.(ctx, record, isRecord(body.data) ? body.data : {}, request);
  record.ack = { type, at, latencyMs: at - record.createdAt, ephemeral: record.ephemeral };
  if (request.query.get('with_response') !== 'true') return noContent();
  return json(200, callbackResponse(ctx, record, type));
}

function callbackResponse(ctx: FakeContext, record: InteractionRecord, type: number) {
  const message =
    record.originalId && type !== 8 && type !== 9 ? ctx.messages.get(record.originalId) : undefined;
  const interaction = {
    id: record.id,
    type: record.payload.type,
    ...(message
      ? {
          response_message_id: message.id,
          response_message_loading: record.thinking,
          response_message_ephemeral: record.ephemeral,
        }
      : {}),
  };
  return {
    interaction,
    resource: { type, ...(message ? { message: toApiMessage(message, ctx.world) } : {}) },
  };
}

export function interactionRoutes(ctx: FakeContext): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/interactions/:id/:token/callback',
      auth: false,
      handler: (r) => callback(ctx, r),
    },
  ];
}
