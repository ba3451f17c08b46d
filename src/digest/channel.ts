import {
  ChannelType,
  type Client,
  type GuildTextBasedChannel,
  type NewsChannel,
  PermissionFlagsBits,
  type TextChannel,
} from 'discord.js';
import { classifyDeliveryError } from './delivery.ts';
import type { PauseCode } from './types.ts';

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
  | { readonly ok: false; readonly code: PauseCode; readonly reason: string };

const GONE: ChannelLookup = {
  ok: false,
  code: 'channel-missing',
  reason: 'The digest channel no longer exists. Choose another with /digest set.',
};

function isDigestChannel(channel: unknown): channel is DigestTextChannel {
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
  if (!isDigestChannel(channel)) return GONE;
  const missing = missingPermissions(channel, client);
  if (missing && missing.length > 0) {
    return { ok: false, code: 'missing-permissions', reason: missingPermissionsReason(missing) };
  }
  return { ok: true, channel };
}
