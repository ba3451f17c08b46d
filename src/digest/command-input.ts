import type { ChatInputCommandInteraction, GuildTextBasedChannel } from 'discord.js';
import { UserFacingError } from '../core/errors.ts';
import { primaryLanguage } from '../core/i18n/index.ts';
import { DIGEST_CHANNEL_TYPES, missingPermissions } from './channel.ts';
import { canonicalTimeZone, parseClockTime } from './schedule.ts';
import { DIGEST_ITEMS_DEFAULT, DIGEST_ITEMS_MAX, DIGEST_ITEMS_MIN, type DigestConfig } from './types.ts';

export type DigestSettings = Omit<DigestConfig, 'guildId' | 'since'>;

/** The `/digest set` options, validated; a mistake is a UserFacingError that says what to type instead. */
export function readDigestSettings(interaction: ChatInputCommandInteraction): DigestSettings {
  const channel = interaction.options.getChannel('channel', true, [...DIGEST_CHANNEL_TYPES]);
  const typedTime = interaction.options.getString('time', true);
  const time = parseClockTime(typedTime);
  if (!time) {
    throw new UserFacingError(
      `"${typedTime.slice(0, 20)}" is not a time of day: use HH:MM on a 24-hour clock, e.g. 09:00 or 18:30.`,
      'digest-bad-time',
    );
  }
  const typedZone = interaction.options.getString('timezone', true);
  const timeZone = canonicalTimeZone(typedZone);
  if (!timeZone) {
    throw new UserFacingError(
      `"${typedZone.slice(0, 64)}" is not a time zone I know: pick one from the list, e.g. Europe/Berlin or America/New_York.`,
      'digest-bad-timezone',
    );
  }
  const items = interaction.options.getInteger('items') ?? DIGEST_ITEMS_DEFAULT;
  if (!Number.isInteger(items) || items < DIGEST_ITEMS_MIN || items > DIGEST_ITEMS_MAX) {
    throw new UserFacingError(
      `items must be a whole number from ${DIGEST_ITEMS_MIN} to ${DIGEST_ITEMS_MAX}.`,
      'digest-bad-items',
    );
  }
  return {
    channelId: channel.id,
    time,
    timeZone,
    items,
    announceEmpty: interaction.options.getBoolean('empty_note') ?? false,
    language: primaryLanguage(interaction.guildLocale ?? interaction.locale),
  };
}

/** Refuses a channel the bot cannot post the digest in, naming the permissions it lacks there. */
export async function checkDigestChannel(
  interaction: ChatInputCommandInteraction,
  channelId: string,
): Promise<void> {
  const guild = interaction.guild;
  const channel = guild?.channels.cache.get(channelId);
  if (!guild || !channel?.isTextBased()) {
    throw new UserFacingError(
      'I cannot see that channel. Pick a text or announcement channel of this server.',
      'digest-bad-channel',
    );
  }
  let missing = missingPermissions(channel as GuildTextBasedChannel, interaction.client);
  if (missing === null) {
    // The bot's own member is not cached (large servers): fetch it once, then check.
    await guild.members.fetchMe();
    missing = missingPermissions(channel as GuildTextBasedChannel, interaction.client);
  }
  if (missing && missing.length > 0) {
    throw new UserFacingError(
      `I cannot post the digest in <#${channelId}>: I lack ${missing.join(', ')} there. Grant ${missing.length === 1 ? 'it' : 'them'} to the bot in the channel's permissions, then run /digest set again.`,
      'digest-missing-permission',
    );
  }
}
