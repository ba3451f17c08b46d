import { formatList } from '../core/i18n/errors.ts';
import { languageName, plural, primaryLanguage, translate } from '../core/i18n/index.ts';
import { permissionKeys } from './permissions.ts';
import type { PostOutcome } from './poster.ts';
import type { DigestStatus } from './service.ts';
import { runtimeZone } from './timezones.ts';
import type { DigestConfig, PausedState } from './types.ts';

/**
 * The words `/digest` answers with, in the locale of the admin who asked: pure functions, so tests read exactly
 * what an admin reads. Dates go through Intl in that locale, in the server's zone, named as the server picked it.
 */

/** `<t:…:R>`: Discord shows it in each reader's own zone and language. */
function discordTime(instant: Date | string, style: 'f' | 'F' | 'R'): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return `<t:${Math.floor(ms / 1000)}:${style}>`;
}

/** `Sonntag, 29. März 2026 um 09:00 (Europe/Berlin)`: the time in the server's zone, in the reader's words. */
export function zonedTime(instant: Date, config: Pick<DigestConfig, 'timeZone'>, locale: string): string {
  const options = { dateStyle: 'full', timeStyle: 'short', timeZone: runtimeZone(config.timeZone) } as const;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(locale, options);
  } catch {
    format = new Intl.DateTimeFormat('en', options);
  }
  return `${format.format(instant)} (${config.timeZone})`;
}

export function describeConfig(config: DigestConfig, locale: string): string {
  return translate(locale, 'digest.config', {
    channel: config.channelId,
    time: config.time,
    zone: config.timeZone,
    items: plural(locale, 'digest.articles', config.items),
    language: languageName(locale, config.language),
    empty: config.announceEmpty ? translate(locale, 'digest.config.empty-note') : '',
  });
}

function messageLink(guildId: string, channelId: string, messageId: string | undefined): string {
  return messageId ? ` — https://discord.com/channels/${guildId}/${channelId}/${messageId}` : '';
}

/** Why the digest paused, in the reader's words (the stored English reason is the log's), naming what is missing. */
function pauseReason(paused: Pick<PausedState, 'code' | 'reason' | 'missing'>, locale: string): string {
  if (paused.code === 'missing-permissions' && paused.missing?.length)
    return translate(locale, 'digest.pause.missing-named', {
      missing: formatList(primaryLanguage(locale), permissionKeys(paused.missing)),
    });
  return translate(locale, `digest.pause.${paused.code}`);
}

function lastPostLine(status: DigestStatus, locale: string): string {
  const { config, state } = status;
  const last = state.lastPost;
  if (!last) return translate(locale, 'digest.status.last-none');
  return translate(locale, 'digest.status.last', {
    at: discordTime(last.at, 'f'),
    count: plural(locale, 'digest.articles', last.articleIds.length),
    link: messageLink(config.guildId, last.channelId, last.messageIds[0]),
  });
}

export function describeStatus(status: DigestStatus, locale: string): string {
  const { config, state, nextPost } = status;
  const lines = [describeConfig(config, locale)];
  if (state.paused) {
    const at = discordTime(state.paused.at, 'f');
    lines.push(translate(locale, 'digest.status.paused', { at, reason: pauseReason(state.paused, locale) }));
  } else if (nextPost) {
    const time = zonedTime(nextPost, config, locale);
    lines.push(translate(locale, 'digest.status.next', { time, relative: discordTime(nextPost, 'R') }));
  }
  lines.push(lastPostLine(status, locale));
  if (state.lastError && !state.paused) {
    const at = discordTime(state.lastError.at, 'f');
    lines.push(translate(locale, 'digest.status.error', { at, message: state.lastError.message }));
  }
  return lines.join('\n');
}

/** What `/digest post-now` tells the admin who ran it. */
export function describeOutcome(outcome: PostOutcome, guildId: string, locale: string): string {
  switch (outcome.kind) {
    case 'posted':
      return translate(locale, 'digest.outcome.posted', {
        count: plural(locale, 'digest.articles', outcome.articles),
        channel: outcome.channelId,
        link: messageLink(guildId, outcome.channelId, outcome.messageIds[0]),
      });
    case 'nothing-new':
      return translate(locale, 'digest.outcome.nothing-new');
    case 'paused':
      return translate(locale, 'digest.outcome.paused', { reason: pauseReason(outcome, locale) });
    case 'busy':
      return translate(locale, 'digest.outcome.busy');
    case 'failed':
      return translate(locale, 'digest.outcome.failed', { reason: outcome.reason });
    case 'abandoned':
      return translate(locale, 'digest.outcome.abandoned');
    case 'idle':
    case 'missed':
      return translate(locale, 'digest.outcome.nothing');
  }
}
