import {
  type APIApplicationCommand,
  type APIApplicationCommandAutocompleteInteraction,
  type APIChatInputApplicationCommandInteraction,
  type APIEmbed,
  type APIMessage,
  type APIMessageApplicationCommandInteraction,
  type APIMessageComponentButtonInteraction,
  type APIMessageComponentSelectMenuInteraction,
  type APIModalSubmitInteraction,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  type Locale,
  MessageType,
} from 'discord-api-types/v10';
import { buildOptions, buildResolved, type OptionInput } from './command-options.ts';
import { channelPayload, memberPayload, userPayload } from './payloads.ts';
import { ALL_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS } from './permissions.ts';
import type { InteractionOpts } from './types.ts';
import type { FakeChannel, FakeGuild, FakeUser, World } from './world.ts';

/** Discord's default upload limit for a server without boosts, sent with every interaction. */
const ATTACHMENT_SIZE_LIMIT_BYTES = 10 * 1024 * 1024;
/** What the bot may do in a DM: what a member may do in a plain channel. */
const DM_APP_PERMISSIONS = DEFAULT_EVERYONE_PERMISSIONS;

/** Who, where and with which ids one interaction happens. */
export interface InteractionSource {
  world: World;
  id: string;
  token: string;
  /** null in a DM (InteractionOpts.dm). */
  guild: FakeGuild | null;
  channel: FakeChannel;
  user: FakeUser;
  opts: InteractionOpts;
}

/** The fields every interaction carries; discord.js crashes without entitlements and integration owners. */
function envelope(source: InteractionSource) {
  return source.guild ? guildEnvelope(source, source.guild) : dmEnvelope(source);
}

/** In the bot's DM: `user` instead of `member`, no guild fields, "0" as the guild install's owner. */
function dmEnvelope(source: InteractionSource) {
  const { world, channel, user, opts } = source;
  const recipients = [userPayload(user)];
  return {
    id: source.id,
    application_id: world.applicationId,
    token: source.token,
    version: 1 as const,
    channel: { id: channel.id, type: ChannelType.DM as const, recipients, last_message_id: null, flags: 0 },
    channel_id: channel.id,
    user: userPayload(user),
    app_permissions: DM_APP_PERMISSIONS.toString(),
    locale: (opts.locale ?? 'en-US') as Locale,
    entitlements: [],
    authorizing_integration_owners: { '0': '0' },
    context: InteractionContextType.BotDM,
    attachment_size_limit: ATTACHMENT_SIZE_LIMIT_BYTES,
  };
}

function guildEnvelope(source: InteractionSource, guild: FakeGuild) {
  const { world, channel, user, opts } = source;
  const member = memberPayload(user, guild.joinedAt);
  const permissions = (opts.memberPermissions ?? ALL_PERMISSIONS).toString();
  return {
    id: source.id,
    application_id: world.applicationId,
    token: source.token,
    version: 1 as const,
    guild_id: guild.id,
    guild: { id: guild.id, locale: (opts.guildLocale ?? 'en-US') as Locale, features: [] },
    channel: channelPayload(channel),
    channel_id: channel.id,
    member: { ...member, permissions },
    app_permissions: world.botPermissions(channel).toString(),
    locale: (opts.locale ?? 'en-US') as Locale,
    guild_locale: (opts.guildLocale ?? 'en-US') as Locale,
    entitlements: [],
    authorizing_integration_owners: { '0': guild.id },
    context: InteractionContextType.Guild,
    attachment_size_limit: ATTACHMENT_SIZE_LIMIT_BYTES,
  };
}

function commandData(source: InteractionSource, name: string, command: APIApplicationCommand | undefined) {
  return {
    id: command?.id ?? source.world.applicationId,
    name,
    type: ApplicationCommandType.ChatInput as const,
    ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
  };
}

export function commandPayload(
  source: InteractionSource,
  name: string,
  values: Record<string, OptionInput>,
  command: APIApplicationCommand | undefined,
): APIChatInputApplicationCommandInteraction {
  const options = buildOptions(values, source.opts, command);
  const permissions = source.opts.memberPermissions ?? ALL_PERMISSIONS;
  const resolved = buildResolved(source.world, source.guild, options, permissions);
  const data = { ...commandData(source, name, command), options, ...(resolved ? { resolved } : {}) };
  return { ...envelope(source), type: InteractionType.ApplicationCommand, data };
}

export function autocompletePayload(
  source: InteractionSource,
  name: string,
  values: Record<string, OptionInput>,
  focused: string,
  command: APIApplicationCommand | undefined,
): APIApplicationCommandAutocompleteInteraction {
  const options = buildOptions(values, source.opts, command, focused);
  const data = { ...commandData(source, name, command), options };
  return { ...envelope(source), type: InteractionType.ApplicationCommandAutocomplete, data };
}

export function buttonPayload(
  source: InteractionSource,
  customId: string,
  message: APIMessage,
): APIMessageComponentButtonInteraction {
  const data = { custom_id: customId, component_type: ComponentType.Button as const };
  return { ...envelope(source), type: InteractionType.MessageComponent, data, message };
}

export function selectPayload(
  source: InteractionSource,
  customId: string,
  values: string[],
  message: APIMessage,
): APIMessageComponentSelectMenuInteraction {
  const data = { custom_id: customId, component_type: ComponentType.StringSelect as const, values };
  return { ...envelope(source), type: InteractionType.MessageComponent, data, message };
}

/**
 * A modal submission in the shape the bot's modal used: Label components (type 18) come back as labels, text
 * inputs in action rows come back in rows (the legacy shape discord.js also reads).
 */
export function modalPayload(
  source: InteractionSource,
  customId: string,
  fields: Record<string, string>,
  shape: { labels: boolean },
  message: APIMessage | undefined,
): APIModalSubmitInteraction {
  let nextId = 1;
  const components = Object.entries(fields).map(([fieldId, value]) => {
    const input = { type: ComponentType.TextInput as const, custom_id: fieldId, value };
    if (shape.labels) {
      const labelId = nextId++;
      return { type: ComponentType.Label as const, id: labelId, component: { ...input, id: nextId++ } };
    }
    const rowId = nextId++;
    return { type: ComponentType.ActionRow as const, id: rowId, components: [{ ...input, id: nextId++ }] };
  });
  const data = { custom_id: customId, components };
  const payload = {
    ...envelope(source),
    type: InteractionType.ModalSubmit,
    data,
    ...(message ? { message } : {}),
  };
  return payload as APIModalSubmitInteraction;
}

// message commands

/** The message a message command runs on: one the fake holds (by id), or a member's message made up for it. */
export type MessageTarget =
  | { readonly messageId: string }
  | {
      readonly content: string;
      /** Who wrote it (default: the member who runs the command). */
      readonly authorId?: string;
      readonly embeds?: readonly APIEmbed[];
    };

/** A member's message as Discord puts it in `resolved.messages`: full content, whatever the bot's intents. */
export function memberMessage(
  source: InteractionSource,
  target: Exclude<MessageTarget, { messageId: string }>,
  id: string,
  createdAt: number,
): APIMessage {
  const author = target.authorId ? source.world.user(target.authorId) : source.user;
  return {
    id,
    type: MessageType.Default,
    channel_id: source.channel.id,
    author: userPayload(author),
    content: target.content,
    timestamp: new Date(createdAt).toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [...(target.embeds ?? [])],
    pinned: false,
  };
}

/** A message command (type 2, data.type 3) on `target`: `target_id` names it, `resolved.messages` carries it. */
export function messageCommandPayload(
  source: InteractionSource,
  name: string,
  target: APIMessage,
  command: APIApplicationCommand | undefined,
): APIMessageApplicationCommandInteraction {
  const data = {
    id: command?.id ?? source.world.applicationId,
    name,
    type: ApplicationCommandType.Message as const,
    target_id: target.id,
    resolved: { messages: { [target.id]: target } },
    ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
  };
  return { ...envelope(source), type: InteractionType.ApplicationCommand, data };
}
