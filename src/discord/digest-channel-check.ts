import type { Client, GuildTextBasedChannel } from 'discord.js';
import { UserFacingError } from '../core/errors.ts';
import { missingPermissions } from '../digest/channel.ts';
import type { DigestService } from '../digest/service.ts';

/**
 * Refuses a channel the bot cannot post the digest in, naming the permissions it lacks there.
 * (Moved from src/digest/command-input.ts. The digest slice moves this check behind its port, into
 * DigestService.configure; then this file and withDigestChannelCheck go.)
 */
export async function checkDigestChannel(client: Client, guildId: string, channelId: string): Promise<void> {
  const guild = client.guilds.cache.get(guildId);
  const channel = guild?.channels.cache.get(channelId);
  if (!guild || !channel?.isTextBased()) {
    throw new UserFacingError(
      'I cannot see that channel. Pick a text or announcement channel of this server.',
      'digest-bad-channel',
    );
  }
  let missing = missingPermissions(channel as GuildTextBasedChannel, client);
  if (missing === null) {
    // The bot's own member is not cached (large servers): fetch it once, then check.
    await guild.members.fetchMe();
    missing = missingPermissions(channel as GuildTextBasedChannel, client);
  }
  if (missing && missing.length > 0) {
    throw new UserFacingError(
      `I cannot post the digest in <#${channelId}>: I lack ${missing.join(', ')} there. Grant ${missing.length === 1 ? 'it' : 'them'} to the bot in the channel's permissions, then run /digest set again.`,
      'digest-missing-permission',
    );
  }
}

/** The digest service, with `/digest set`'s channel checked through the bot's client before it is saved. */
export function withDigestChannelCheck(digest: DigestService, client: Client): DigestService {
  return {
    ...digest,
    async configure(config) {
      await checkDigestChannel(client, config.guildId, config.channelId);
      return digest.configure(config);
    },
  };
}
