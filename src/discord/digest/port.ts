import type { Client } from 'discord.js';
import type { ChannelCheck, DigestChannelPort, OutgoingPart, PartResult } from '../../digest/port.ts';
import { CHANNEL_GONE, channelRefusal, isDigestChannel, lookUpChannel } from './channel.ts';
import {
  classifyDeliveryError,
  digestNonce,
  RESEND_WINDOW_MS,
  type RetryOptions,
  sendPart,
} from './delivery.ts';
import { type DigestMessage, digestMessages } from './layout.ts';

/**
 * The digest's channel port over this process's discord.js client: the guilds it holds, the channel checks, the
 * layout, and posting with Discord's nonces (a resent part is deduplicated by Discord) and its error codes.
 */
export function createDiscordDigestPort(client: Client, retry: RetryOptions = {}): DigestChannelPort {
  return {
    guildIds: () => [...client.guilds.cache.keys()],
    serves: (guildId) => client.guilds.cache.has(guildId),
    channelRefusal: (guildId, channelId) => channelRefusal(client, guildId, channelId),
    checkChannel: (channelId) => checkChannel(client, channelId),
    render: digestMessages,
    post: (part) => postPart(client, part, retry),
    resendWindowMs: RESEND_WINDOW_MS,
  };
}

async function checkChannel(client: Client, channelId: string): Promise<ChannelCheck> {
  const lookup = await lookUpChannel(client, channelId);
  if (lookup.ok) return { ok: true };
  const { code, reason, missing } = lookup;
  return { ok: false, code, reason, ...(missing ? { missing } : {}) };
}

async function postPart(client: Client, outgoing: OutgoingPart, retry: RetryOptions): Promise<PartResult> {
  try {
    // Checked before the post began; a channel deleted since is Unknown Channel, which pauses like the check.
    const channel =
      client.channels.cache.get(outgoing.channelId) ?? (await client.channels.fetch(outgoing.channelId));
    if (!isDigestChannel(channel)) return { ok: false, failure: 'pause', ...CHANNEL_GONE };
    const nonce = digestNonce(outgoing.guildId, outgoing.nonceSeed, outgoing.index);
    // The part is one this port rendered (digestMessages), stored as JSON and read back as what it was.
    const messageId = await sendPart(channel, outgoing.part as DigestMessage, nonce, retry);
    return { ok: true, messageId };
  } catch (error) {
    const failure = classifyDeliveryError(error);
    if (failure.kind === 'pause')
      return { ok: false, failure: 'pause', code: failure.code, reason: failure.reason };
    const kind = failure.kind === 'transient' ? 'transient' : 'permanent';
    return { ok: false, failure: kind, reason: failure.reason, error };
  }
}
