import {
  ChannelType,
  type Client,
  type GuildTextBasedChannel,
  type NewsChannel,
  PermissionFlagsBits,
  type TextChannel,
} from 'discord.js';
import type { ChannelPause, ChannelRefusal } from '../../digest/port.ts';
import { classifyDeliveryError } from './delivery.ts';

/** Channel kinds a digest can go to (the `/digest set` option offers only these). */
export const DIGEST_CHANNEL_TYPES = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

/** What the bot needs in the digest channel, with the names Discord's settings show. */
export const REQUIRED_PERMISSIONS: readonly { readonly flag: bigint; readonly name: string }[] = [
  { flag: PermissionFlagsBits.ViewChannel, name: 'View Channel' },
  { flag: PermissionFlagsBits.SendMessages, name: 'Send Messages' },
  { flag: PermissionFlagsBits.EmbedLinks, name: 'Embed Links' },
];

export type DigestTextChannel = TextChannel | NewsChannel;

/** The permissions the bot lacks in `channel` (names), or null when its permissions are not known here. */
export function missingPermissions(channel: GuildTextBasedChannel, client: Client): string[] | null {
  if (!client.user) return null;
  const permissions = channel.permissionsFor(client.user);
  if (!permissions) return null;
  return REQUIRED_PERMISSIONS.filter(({ flag }) => !permissions.has(flag)).map(({ name }) => name);
}

export function missingPermissionsReason(missing: readonly string[]): string {
  return `The bot lacks ${missing.join(', ')} in the digest channel. Grant ${missing.length === 1 ? 'it' : 'them'} there (channel settings → Permissions), then run /digest set.`;
}

export type ChannelLookup =
  | { readonly ok: true; readonly channel: DigestTextChannel }
  | ({ readonly ok: false } & ChannelPause);

export const CHANNEL_GONE = {
  code: 'channel-missing',
  reason: 'The digest channel no longer exists. Choose another with /digest set.',
} as const satisfies ChannelPause;

export function isDigestChannel(channel: unknown): channel is DigestTextChannel {
  const type = (channel as { type?: unknown } | null)?.type;
  return DIGEST_CHANNEL_TYPES.some((allowed) => allowed === type);
}

/**
 * The digest channel, checked before posting so a lost permission pauses the digest without a refused request
 * (Discord counts those against the bot). A channel not in the cache is fetched; Unknown Channel means deleted.
 */
export async function lookUpChannel(client: Client, channelId: string): Promise<ChannelLookup> {
  let channel: unknown;
  try {
    channel = client.channels.cache.get(channelId) ?? (await client.channels.fetch(channelId));
  } catch (error) {
    const failure = classifyDeliveryError(error);
    if (failure.kind === 'pause') return { ok: false, code: failure.code, reason: failure.reason };
    throw error;
  }
  if (!isDigestChannel(channel)) return { ok: false, ...CHANNEL_GONE };
  const missing = missingPermissions(channel, client);
  if (missing && missing.length > 0) {
    return { ok: false, code: 'missing-permissions', reason: missingPermissionsReason(missing), missing };
  }
  return { ok: true, channel };
}

/** `/digest set`'s check of the chosen channel: the bot must see it and hold REQUIRED_PERMISSIONS there. */
export async function channelRefusal(
  client: Client,
  guildId: string,
  channelId: string,
): Promise<ChannelRefusal | null> {
  const guild = client.guilds.cache.get(guildId);
  const channel = guild?.channels.cache.get(channelId);
  if (!guild || !channel?.isTextBased()) return { problem: 'unseen' };
  let missing = missingPermissions(channel as GuildTextBasedChannel, client);
  if (missing === null) {
    // The bot's own member is not cached (large servers): fetch it once, then check.
    await guild.members.fetchMe();
    missing = missingPermissions(channel as GuildTextBasedChannel, client);
  }
  return missing && missing.length > 0 ? { problem: 'missing-permissions', missing } : null;
}
