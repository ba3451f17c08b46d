import {
  type APIGuild,
  type APIGuildMember,
  type APIGuildTextChannel,
  type APIRole,
  type APIThreadChannel,
  type APIUser,
  type ApplicationFlags,
  type ChannelFlags,
  ChannelType,
  type GatewayGuildCreateDispatchData,
  type GatewayReadyDispatchData,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  type GuildMemberFlags,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
  type RoleFlags,
  ThreadAutoArchiveDuration,
  type UserFlags,
} from 'discord-api-types/v10';
import { type FakeChannel, type FakeGuild, type FakeUser, isThread, type World } from './world.ts';

// discord-api-types types flag fields as enums; 0 (no flag) is what Discord sends.
const NO_USER_FLAGS = 0 as UserFlags;

export function userPayload(user: FakeUser): APIUser {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.globalName,
    avatar: null,
    ...(user.bot
      ? { bot: true, verified: true, mfa_enabled: false, flags: NO_USER_FLAGS }
      : { public_flags: NO_USER_FLAGS }),
  };
}

export function memberPayload(user: FakeUser, joinedAt: string): APIGuildMember {
  return {
    user: userPayload(user),
    roles: [],
    joined_at: joinedAt,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    nick: null,
    avatar: null,
    premium_since: null,
    pending: false,
  };
}

/** A thread as Discord sends it (THREAD_CREATE, GUILD_CREATE `threads`, the create routes' answer). */
export function threadPayload(channel: FakeChannel, messageCount = 0): APIThreadChannel {
  return {
    id: channel.id,
    type: channel.type as ChannelType.PublicThread | ChannelType.PrivateThread,
    guild_id: channel.guildId,
    name: channel.name,
    parent_id: channel.parentId,
    owner_id: channel.ownerId ?? undefined,
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: messageCount,
    member_count: 1,
    total_message_sent: messageCount,
    flags: 0 as ChannelFlags,
    thread_metadata: {
      archived: false,
      auto_archive_duration: ThreadAutoArchiveDuration.OneDay,
      archive_timestamp: new Date(channel.createdAt).toISOString(),
      locked: false,
      create_timestamp: new Date(channel.createdAt).toISOString(),
    },
  } as APIThreadChannel;
}

export function channelPayload(channel: FakeChannel): APIGuildTextChannel<ChannelType.GuildText> {
  if (isThread(channel))
    return threadPayload(channel) as unknown as APIGuildTextChannel<ChannelType.GuildText>;
  return {
    id: channel.id,
    type: ChannelType.GuildText,
    guild_id: channel.guildId,
    name: channel.name,
    position: channel.position,
    parent_id: null,
    permission_overwrites: channel.overwrites,
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0 as ChannelFlags,
  };
}

function everyoneRole(guild: FakeGuild): APIRole {
  return {
    id: guild.id,
    name: '@everyone',
    permissions: guild.everyonePermissions.toString(),
    position: 0,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

const GUILD_DEFAULTS: Omit<APIGuild, 'id' | 'name' | 'owner_id' | 'roles'> = {
  icon: null,
  splash: null,
  discovery_splash: null,
  banner: null,
  description: null,
  afk_channel_id: null,
  afk_timeout: 300,
  verification_level: GuildVerificationLevel.None,
  default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
  explicit_content_filter: GuildExplicitContentFilter.Disabled,
  emojis: [],
  stickers: [],
  features: [],
  mfa_level: GuildMFALevel.None,
  application_id: null,
  system_channel_id: null,
  system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
  rules_channel_id: null,
  vanity_url_code: null,
  premium_tier: GuildPremiumTier.None,
  preferred_locale: Locale.EnglishUS,
  public_updates_channel_id: null,
  nsfw_level: GuildNSFWLevel.Default,
  premium_progress_bar_enabled: false,
  hub_type: null,
  safety_alerts_channel_id: null,
  incidents_data: null,
};

/** GUILD_CREATE with channels, @everyone and the bot's member, so channel.permissionsFor(client.user) works. */
export function guildCreatePayload(world: World, guild: FakeGuild): GatewayGuildCreateDispatchData {
  const channels = guild.channelIds.map((id) => world.requireChannel(id)).filter((c) => !c.deleted);
  return {
    ...GUILD_DEFAULTS,
    id: guild.id,
    name: guild.name,
    owner_id: guild.ownerId,
    roles: [everyoneRole(guild)],
    unavailable: false,
    joined_at: guild.joinedAt,
    large: false,
    member_count: 2,
    voice_states: [],
    members: [memberPayload(world.bot, guild.joinedAt)],
    channels: channels.map(channelPayload),
    threads: world.threadsOf(guild.id).map((thread) => threadPayload(thread)),
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function readyPayload(
  world: World,
  session: { id: string; resumeUrl: string; shard: [number, number] },
  guildIds: string[],
): GatewayReadyDispatchData {
  return {
    v: 10,
    user: userPayload(world.bot),
    guilds: guildIds.map((id) => ({ id, unavailable: true })),
    session_id: session.id,
    resume_gateway_url: session.resumeUrl,
    shard: session.shard,
    application: { id: world.applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
  };
}

/** Which shard Discord routes a guild to: (guild_id >> 22) % shard_count. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}
