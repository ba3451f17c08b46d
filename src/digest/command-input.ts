import type { ChatInputCommandInteraction } from 'discord.js';
import { UserFacingError } from '../core/errors.ts';
import { primaryLanguage } from '../core/i18n/index.ts';
import { DIGEST_CHANNEL_TYPES } from '../discord/digest/channel.ts';
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
