import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIEmbed } from 'discord.js';
import { plural, translate } from '../../core/i18n/index.ts';
import { runtimeZone } from '../../digest/timezones.ts';
import type { ComposedDigest, DigestConfig, DigestItem } from '../../digest/types.ts';
import { DISCORD_LIMITS, embedCharacterCount, escapeWithin } from '../render.ts';
import { oneLine, truncate } from '../text.ts';
import { digestDiscussButton } from '../threads/buttons.ts';
import { articleButtonRow } from './article-buttons.ts';

/**
 * The digest as Discord messages, in the server's digest language: pure functions from items to API payloads. One embed per article (title linked
 * when there is a URL, a one- or two-sentence summary), one row of buttons per article, the distinct source
 * disclaimers once, in the footer of the last embed. Discord's limits decide the split: 5 action rows (so 5
 * articles) per message, 10 embeds, 6000 embed characters, 2000 content characters.
 */

export type { DigestItem } from '../../digest/types.ts';

/**
 * One Discord message of a digest, as plain API data: what the poster stores while sending (a type, not an
 * interface, so that it is the plain JSON part the digest core keeps).
 */
export type DigestMessage = {
  readonly content?: string;
  readonly embeds: APIEmbed[];
  readonly components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
};

/** Discord's limits (from the one render module) plus the component limits only the digest needs. */
export const DIGEST_LIMITS = {
  ...DISCORD_LIMITS,
  actionRowsPerMessage: 5,
  buttonLabelChars: 80,
} as const;

/** Items are one or two sentences; this bound keeps any item plus the disclaimer footer within 6000. */
const ITEM_DESCRIPTION_MAX_CHARS = 1_000;
const COLOR_ITEM = 0x5865f2;
const COLOR_OFFLINE = 0x99aab5;

function safeUrl(url: string | null): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function itemEmbed(item: DigestItem, position: number, language: string): APIEmbed {
  const url = safeUrl(item.url);
  const number = `${position}. `;
  // Titles and summaries come from feeds and the model: escaped, and measured once escaped.
  const title = `${number}${escapeWithin(oneLine(item.title) || item.articleId, DIGEST_LIMITS.embedTitleChars - number.length)}`;
  const offlineLabel = translate(language, 'digest.post.offline-label');
  const summary = escapeWithin(item.summary, ITEM_DESCRIPTION_MAX_CHARS - offlineLabel.length - 1);
  const description = item.offline ? `${summary}\n${offlineLabel}` : summary;
  return {
    title,
    ...(url ? { url } : {}),
    description,
    color: item.offline ? COLOR_OFFLINE : COLOR_ITEM,
    ...(Number.isNaN(Date.parse(item.publishedAt))
      ? {}
      : { timestamp: new Date(item.publishedAt).toISOString() }),
  };
}

/** Summary and Ask (shared with /news), and Discuss: a thread about the article. */
function itemRow(item: DigestItem, position: number, language: string) {
  const row = articleButtonRow(item.articleId, position, language);
  return { ...row, components: [...row.components, digestDiscussButton(item.articleId, position, language)] };
}

/**
 * The distinct disclaimers, in the order their articles appear, as one footer. Each source gets its share of the
 * footer: short ones whole, the room left split evenly among the longer ones, so one source's long disclaimer
 * (a page can carry a 3,000-character one) never pushes another source's out of the digest.
 */
export function disclaimerFooter(items: readonly DigestItem[]): string {
  const distinct = [...new Set(items.map((item) => oneLine(item.disclaimer)).filter(Boolean))];
  let room = DIGEST_LIMITS.embedFooterChars - Math.max(0, distinct.length - 1); // one newline between two
  const share = new Map<string, number>();
  const shortestFirst = [...distinct].sort((a, b) => a.length - b.length);
  shortestFirst.forEach((text, index) => {
    const fair = Math.floor(room / (shortestFirst.length - index));
    share.set(text, Math.min(text.length, fair));
    room -= Math.min(text.length, fair);
  });
  return distinct.map((text) => truncate(text, share.get(text) ?? text.length)).join('\n');
}

function heading(items: readonly DigestItem[], config: DigestConfig, now: Date): string {
  const { language } = config;
  const date = new Intl.DateTimeFormat(language, {
    dateStyle: 'full',
    timeZone: runtimeZone(config.timeZone),
  });
  const count = plural(language, 'digest.post.new-articles', items.length);
  const lines = [translate(language, 'digest.post.heading', { date: date.format(now), count })];
  if (items.some((item) => item.offline)) lines.push(translate(language, 'digest.post.offline-note'));
  return truncate(lines.join('\n'), DIGEST_LIMITS.contentChars);
}

/** Groups item embeds into messages within the row and character limits, keeping room for the footer. */
function pack(items: readonly DigestItem[], footerChars: number, language: string): number[][] {
  const budget = DIGEST_LIMITS.embedTotalChars - footerChars;
  const groups: number[][] = [];
  let current: number[] = [];
  let chars = 0;
  items.forEach((item, index) => {
    const size = embedCharacterCount(itemEmbed(item, index + 1, language));
    if (
      current.length === DIGEST_LIMITS.actionRowsPerMessage ||
      (current.length > 0 && chars + size > budget)
    ) {
      groups.push(current);
      current = [];
      chars = 0;
    }
    current.push(index);
    chars += size;
  });
  if (current.length > 0) groups.push(current);
  return groups;
}

/** A digest of at least one item as messages: heading on the first, disclaimers on the last. */
export function renderDigest(items: readonly DigestItem[], config: DigestConfig, now: Date): DigestMessage[] {
  const footer = disclaimerFooter(items);
  const { language } = config;
  const groups = pack(items, footer.length, language);
  return groups.map((group, groupIndex) => {
    const embeds = group.map((index) => itemEmbed(items[index] as DigestItem, index + 1, language));
    const last = embeds.at(-1);
    if (groupIndex === groups.length - 1 && last && footer) last.footer = { text: footer };
    const components = group.map((index) => itemRow(items[index] as DigestItem, index + 1, language));
    return groupIndex === 0
      ? { content: heading(items, config, now), embeds, components }
      : { embeds, components };
  });
}

/** The one line a server that chose so gets on a day without new articles, in the digest's language. */
export function renderEmptyDigest(language = 'en'): DigestMessage[] {
  return [{ content: translate(language, 'digest.post.empty'), embeds: [], components: [] }];
}

/** A composed digest as the messages to post: none when there is nothing to post. */
export function digestMessages(composed: ComposedDigest, config: DigestConfig, now: Date): DigestMessage[] {
  if (composed.items.length > 0) return renderDigest(composed.items, config, now);
  return composed.announceEmpty ? renderEmptyDigest(config.language) : [];
}
