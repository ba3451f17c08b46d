import { primaryLanguage } from '../src/core/i18n/index.ts';
import { canonicalTimeZone, parseClockTime } from '../src/digest/schedule.ts';
import type { DigestConfig } from '../src/digest/types.ts';
import { booleanValue, InputError, integerValue, textValue } from './input.ts';
import { DIGEST_ITEMS } from './limits.ts';
import type { CommandRequest, RawOptions } from './types.ts';

export type DigestSettings = Omit<DigestConfig, 'guildId' | 'since'>;

function clockTime(typed: string): string {
  const time = parseClockTime(typed);
  if (time) return time;
  throw new InputError(
    `"${typed.slice(0, 20)}" is not a time of day: use HH:MM on a 24-hour clock, e.g. 09:00 or 18:30.`,
    'digest-bad-time',
  );
}

function timeZone(typed: string): string {
  const zone = canonicalTimeZone(typed);
  if (zone) return zone;
  throw new InputError(
    `"${typed.slice(0, 64)}" is not a time zone I know: pick one from the list, e.g. Europe/Berlin or America/New_York.`,
    'digest-bad-timezone',
  );
}

function itemCount(typed: number | undefined): number {
  const items = typed ?? DIGEST_ITEMS.default;
  if (Number.isInteger(items) && items >= DIGEST_ITEMS.min && items <= DIGEST_ITEMS.max) return items;
  throw new InputError(
    `items must be a whole number from ${DIGEST_ITEMS.min} to ${DIGEST_ITEMS.max}.`,
    'digest-bad-items',
  );
}

/** A required option no transport should leave out (Discord enforces `required`; the console may not). */
function required(raw: RawOptions, name: string): string {
  const value = textValue(raw, name);
  if (value !== undefined) return value;
  throw new InputError(`/digest set needs ${name}.`, 'bad-option');
}

/** The `/digest set` options, validated; a mistake is an InputError that says what to type instead. */
export function parseDigestSettings(raw: RawOptions, request: CommandRequest): DigestSettings {
  const channelId = required(raw, 'channel');
  const time = clockTime(required(raw, 'time'));
  const zone = timeZone(required(raw, 'timezone'));
  return {
    channelId,
    time,
    timeZone: zone,
    items: itemCount(integerValue(raw, 'items')),
    announceEmpty: booleanValue(raw, 'empty_note') ?? false,
    language: primaryLanguage(request.guildLocale ?? request.locale),
  };
}
