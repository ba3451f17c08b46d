import type { PostOutcome } from './poster.ts';
import type { DigestStatus } from './service.ts';
import type { DigestConfig } from './types.ts';

/** The words `/digest` answers with: pure functions, so tests read exactly what an admin reads. */

/** `<t:…:R>`: Discord shows it in each reader's own zone and language. */
function discordTime(instant: Date | string, style: 'f' | 'F' | 'R'): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return `<t:${Math.floor(ms / 1000)}:${style}>`;
}

/** `Sunday, 29 March 2026, 09:00 (Europe/Berlin)`: the time in the server's chosen zone. */
export function zonedTime(instant: Date, config: Pick<DigestConfig, 'timeZone' | 'language'>): string {
  const text = new Intl.DateTimeFormat(config.language, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: config.timeZone,
  }).format(instant);
  return `${text} (${config.timeZone})`;
}

export function describeConfig(config: DigestConfig): string {
  const items = config.items === 1 ? '1 article' : `${config.items} articles`;
  const empty = config.announceEmpty ? ', with a one-line note on days without news' : '';
  return `Daily digest in <#${config.channelId}> at ${config.time} ${config.timeZone}, up to ${items}${empty}.`;
}

function messageLink(guildId: string, channelId: string, messageId: string | undefined): string {
  return messageId ? ` — https://discord.com/channels/${guildId}/${channelId}/${messageId}` : '';
}

export function describeStatus(status: DigestStatus): string {
  const { config, state, nextPost } = status;
  const lines = [describeConfig(config)];
  if (state.paused) {
    lines.push(`**Paused** since ${discordTime(state.paused.at, 'f')}: ${state.paused.reason}`);
  } else if (nextPost) {
    lines.push(`Next post: ${zonedTime(nextPost, config)}, ${discordTime(nextPost, 'R')}.`);
  }
  const last = state.lastPost;
  if (last) {
    const count = last.articleIds.length === 1 ? '1 article' : `${last.articleIds.length} articles`;
    const link = messageLink(config.guildId, last.channelId, last.messageIds[0]);
    lines.push(`Last post: ${discordTime(last.at, 'f')}, ${count}${link}`);
  } else lines.push('Last post: none yet.');
  if (state.lastError && !state.paused) {
    lines.push(`Last error (${discordTime(state.lastError.at, 'f')}): ${state.lastError.message}`);
  }
  return lines.join('\n');
}

/** What `/digest post-now` tells the admin who ran it. */
export function describeOutcome(outcome: PostOutcome, guildId: string): string {
  switch (outcome.kind) {
    case 'posted': {
      const count = outcome.articles === 1 ? '1 article' : `${outcome.articles} articles`;
      return `Posted the digest (${count}) in <#${outcome.channelId}>${messageLink(guildId, outcome.channelId, outcome.messageIds[0])}.`;
    }
    case 'nothing-new':
      return 'No new articles since the last digest, so nothing was posted.';
    case 'paused':
      return `The digest is paused: ${outcome.reason}`;
    case 'busy':
      return 'A digest is being posted in this server right now; check the channel in a moment.';
    case 'failed':
    case 'abandoned':
      return `The digest could not be posted: ${outcome.reason}`;
    case 'idle':
    case 'missed':
      return 'Nothing was posted.';
  }
}
