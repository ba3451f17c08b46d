import {
  type APIEmbed,
  type APIMessage,
  type APIMessageTopLevelComponent,
  type MessageFlags,
  MessageType,
} from 'discord-api-types/v10';
import { apiErrors } from './api-error.ts';
import { isRecord, type MessageBody } from './message-rules.ts';
import { userPayload } from './payloads.ts';
import type { Pings, RecordedMessage } from './types.ts';
import type { World } from './world.ts';

export interface UploadedFile {
  filename: string;
  size: number;
  contentType: string;
}

interface StoredAttachment extends UploadedFile {
  id: string;
}

/** A message as the fake keeps it: its current state plus what it took to get there. */
export interface StoredMessage {
  id: string;
  channelId: string;
  guildId: string | null;
  content: string;
  embeds: APIEmbed[];
  components: unknown[];
  attachments: StoredAttachment[];
  flags: number;
  nonce: string | number | null;
  pings: Pings;
  webhookId: string | null;
  /** The interaction this message answers (type 20), or null for a plain or follow-up message. */
  interactionId: string | null;
  createdAt: number;
  editedAt: number | null;
  editCount: number;
  deleted: boolean;
  /** What mentions parse when a body has no allowed_mentions: all for bot posts, users only for webhooks. */
  defaultParse: readonly string[];
  /** A member's message (memberMessage); absent for everything the bot made. */
  authorId?: string;
}

export const PARSE_ALL = ['users', 'roles', 'everyone'] as const;
export const PARSE_USERS = ['users'] as const;

export type MessageOrigin = Pick<
  StoredMessage,
  'id' | 'channelId' | 'guildId' | 'webhookId' | 'interactionId' | 'createdAt' | 'defaultParse'
>;

const USER_MENTION = /<@!?(\d{15,21})>/g;
const ROLE_MENTION = /<@&(\d{15,21})>/g;
const EVERYONE_MENTION = /@(everyone|here)\b/;

/** Who the content notifies once allowed_mentions (or the default for this kind of message) is applied. */
export function computePings(content: string, allowed: unknown, defaultParse: readonly string[]): Pings {
  const rules = isRecord(allowed) ? allowed : undefined;
  const parse = rules ? (Array.isArray(rules.parse) ? rules.parse.map(String) : []) : defaultParse;
  const listed = (kind: 'users' | 'roles') =>
    rules && Array.isArray(rules[kind]) ? rules[kind].map(String) : [];
  const pick = (pattern: RegExp, kind: 'users' | 'roles') => {
    const ids = [...content.matchAll(pattern)].map((match) => match[1] ?? '');
    return [...new Set(ids.filter((id) => parse.includes(kind) || listed(kind).includes(id)))];
  };
  return {
    everyone: parse.includes('everyone') && EVERYONE_MENTION.test(content),
    users: pick(USER_MENTION, 'users'),
    roles: pick(ROLE_MENTION, 'roles'),
  };
}

function mergePings(a: Pings, b: Pings): Pings {
  return {
    everyone: a.everyone || b.everyone,
    users: [...new Set([...a.users, ...b.users])],
    roles: [...new Set([...a.roles, ...b.roles])],
  };
}

const asString = (value: unknown) => (typeof value === 'string' ? value : '');
const asArray = (value: unknown) => (Array.isArray(value) ? value : []);

function attachFiles(files: readonly UploadedFile[], snowflake: () => string): StoredAttachment[] {
  return files.map((file) => ({ ...file, id: snowflake() }));
}

/** A new message from a create body; throws 50006 when it would show nothing. */
export function createMessage(
  body: MessageBody,
  files: readonly UploadedFile[],
  origin: MessageOrigin,
  snowflake: () => string,
): StoredMessage {
  const content = asString(body.content);
  const message: StoredMessage = {
    ...origin,
    content,
    embeds: asArray(body.embeds) as APIEmbed[],
    components: asArray(body.components),
    attachments: attachFiles(files, snowflake),
    flags: typeof body.flags === 'number' ? body.flags : 0,
    nonce: typeof body.nonce === 'string' || typeof body.nonce === 'number' ? body.nonce : null,
    pings: computePings(content, body.allowed_mentions, origin.defaultParse),
    editedAt: null,
    editCount: 0,
    deleted: false,
  };
  if (isEmpty(message)) throw apiErrors.emptyMessage();
  return message;
}

/** Applies an edit body (absent keys keep their value, null clears); throws 50006 if nothing would be left. */
export function editMessage(
  message: StoredMessage,
  body: MessageBody,
  files: readonly UploadedFile[],
  at: number,
  snowflake: () => string,
): void {
  const next = { ...message };
  if (body.content !== undefined) next.content = asString(body.content);
  if (body.embeds !== undefined) next.embeds = asArray(body.embeds) as APIEmbed[];
  if (body.components !== undefined) next.components = asArray(body.components);
  if (typeof body.flags === 'number') next.flags = body.flags;
  if (body.attachments !== undefined) {
    const kept = new Set(asArray(body.attachments).map((a) => (isRecord(a) ? String(a.id) : '')));
    next.attachments = message.attachments.filter((a) => kept.has(a.id));
  }
  next.attachments = [...next.attachments, ...attachFiles(files, snowflake)];
  if (isEmpty(next)) throw apiErrors.emptyMessage();
  const pings = computePings(next.content, body.allowed_mentions, message.defaultParse);
  Object.assign(message, next, {
    pings: mergePings(message.pings, pings),
    editedAt: at,
    editCount: message.editCount + 1,
  });
}

function isEmpty(message: StoredMessage): boolean {
  return (
    message.content.trim() === '' &&
    message.embeds.length === 0 &&
    message.components.length === 0 &&
    message.attachments.length === 0
  );
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The Message JSON discord.js builds a Message from (ids, author, arrays where it maps). */
export function toApiMessage(message: StoredMessage, world: World): APIMessage {
  return {
    id: message.id,
    type: message.interactionId ? MessageType.ChatInputCommand : MessageType.Default,
    channel_id: message.channelId,
    ...(message.guildId ? { guild_id: message.guildId } : {}),
    author: userPayload(message.authorId ? world.user(message.authorId) : world.bot),
    content: message.content,
    timestamp: iso(message.createdAt),
    edited_timestamp: message.editedAt === null ? null : iso(message.editedAt),
    tts: false,
    mention_everyone: message.pings.everyone,
    mentions: message.pings.users.map((id) => userPayload(world.user(id))),
    mention_roles: message.pings.roles,
    attachments: message.attachments.map((a) => ({
      id: a.id,
      filename: a.filename,
      size: a.size,
      content_type: a.contentType,
      url: `https://cdn.discordapp.com/attachments/${message.channelId}/${a.id}/${a.filename}`,
      proxy_url: `https://media.discordapp.net/attachments/${message.channelId}/${a.id}/${a.filename}`,
    })),
    embeds: message.embeds,
    components: message.components as APIMessageTopLevelComponent[],
    pinned: false,
    flags: message.flags as MessageFlags,
    ...(message.nonce === null ? {} : { nonce: message.nonce }),
    ...(message.webhookId ? { webhook_id: message.webhookId, application_id: message.webhookId } : {}),
  };
}

export function toRecordedMessage(message: StoredMessage): RecordedMessage {
  const { id, channelId, content, embeds, components, flags, nonce, pings, createdAt, editedAt, editCount } =
    message;
  const attachments = message.attachments.map(({ filename, size }) => ({ filename, size }));
  const copy = {
    id,
    channelId,
    content,
    embeds,
    components,
    flags,
    nonce,
    pings,
    createdAt,
    editedAt,
    editCount,
  };
  const author = message.authorId ? { authorId: message.authorId } : {};
  return structuredClone({ ...copy, attachments, ...author });
}

/** Discord's LOADING message flag: the "is thinking…" message a deferred reply shows until it is edited. */
export const LOADING_FLAG = 1 << 7;

export function placeholderMessage(origin: MessageOrigin, ephemeral: boolean): StoredMessage {
  return {
    ...origin,
    content: '',
    embeds: [],
    components: [],
    attachments: [],
    flags: LOADING_FLAG | (ephemeral ? EPHEMERAL_FLAG : 0),
    nonce: null,
    pings: { everyone: false, users: [], roles: [] },
    editedAt: null,
    editCount: 0,
    deleted: false,
  };
}

export const EPHEMERAL_FLAG = 1 << 6;
/** HAS_THREAD: a thread was started from this message. */
export const HAS_THREAD_FLAG = 1 << 5;
