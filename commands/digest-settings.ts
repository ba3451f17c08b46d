import { LocalizedError } from '../src/core/i18n/errors.ts';
import { primaryLanguage } from '../src/core/i18n/index.ts';
import { LANGUAGES } from '../src/core/i18n/section.ts';
import { canonicalTimeZone, parseClockTime } from '../src/digest/schedule.ts';
import type { DigestConfig } from '../src/digest/types.ts';
import { booleanValue, integerValue, textValue } from './input.ts';
import { DIGEST_ITEMS } from './limits.ts';
import type { CommandRequest, RawOptions } from './types.ts';

export type DigestSettings = Omit<DigestConfig, 'guildId' | 'since' | 'language'> & {
  /** The language picked in this /digest set; undefined keeps the earlier pick (see `otherwise`). */
  readonly language: string | undefined;
  /** Without any pick, now or before: the server's Discord language (else the admin's). */
  readonly otherwise: string;
};

/** What was typed, echoed in a refusal: only the characters a time or zone has, so it cannot format or ping. */
const echo = (typed: string, max: number) => typed.replace(/[^\p{L}\p{N}/_+\-:. ]/gu, '').slice(0, max);

/** The languages a digest is posted in: the catalogue's, so its labels and headings are never half English. */
export const DIGEST_LANGUAGES = LANGUAGES;

function clockTime(typed: string): string {
  const time = parseClockTime(typed);
  if (time) return time;
  throw new LocalizedError('digest.bad-time', 'digest-bad-time', { typed: echo(typed, 20) });
}

function timeZone(typed: string): string {
  const zone = canonicalTimeZone(typed);
  if (zone) return zone;
  throw new LocalizedError('digest.bad-timezone', 'digest-bad-timezone', { typed: echo(typed, 64) });
}

function itemCount(typed: number | undefined): number {
  const items = typed ?? DIGEST_ITEMS.default;
  if (Number.isInteger(items) && items >= DIGEST_ITEMS.min && items <= DIGEST_ITEMS.max) return items;
  throw new LocalizedError('digest.bad-items', 'digest-bad-items', {
    min: DIGEST_ITEMS.min,
    max: DIGEST_ITEMS.max,
  });
}

/** The digest language picked, if one was. */
function digestLanguage(typed: string | undefined): string | undefined {
  if (typed === undefined) return undefined;
  const found = DIGEST_LANGUAGES.find((language) => language === typed);
  if (found) return found;
  throw new LocalizedError('digest.bad-language', 'digest-bad-language', {
    languages: DIGEST_LANGUAGES.join(', '),
  });
}

/** A required option no transport should leave out (Discord enforces `required`; the console may not). */
function required(raw: RawOptions, name: string): string {
  const value = textValue(raw, name);
  if (value !== undefined) return value;
  throw new LocalizedError('digest.missing-option', 'bad-option', { name });
}

/** The `/digest set` options, validated; a mistake is a LocalizedError that says what to type instead. */
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
    language: digestLanguage(textValue(raw, 'language')),
    otherwise: primaryLanguage(request.guildLocale ?? request.locale),
  };
}
