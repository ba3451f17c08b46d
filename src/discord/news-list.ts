import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { HelpTopic } from '../../commands/help.ts';
import { articleDate } from '../../commands/news.ts';
import type { ArticleListReply } from '../../commands/types.ts';
import type { ArticleSummaryEntry } from '../articles/article.ts';
import { type Translate, translator } from '../core/i18n/index.ts';
import { articleButtonRow } from './digest/article-buttons.ts';
import {
  DISCORD_LIMITS,
  type EphemeralMessage,
  embedCharacterCount,
  ephemeral,
  escapeWithin,
  renderNotice,
  safeUrl,
} from './render.ts';
import { defuseMentions, oneLine, truncate } from './text.ts';

/**
 * /news and /help as Discord messages: pure functions to private (ephemeral) reply options. Titles, categories and
 * the member's own words are escaped plain text; only the article URL is a link; nothing pings.
 */

const COLOR_LIST = 0x5865f2;
/** A query is echoed in the heading: enough to recognise it. */
const QUERY_ECHO_MAX_CHARS = 100;
const CATEGORY_MAX_CHARS = 200;

function entryEmbed(entry: ArticleSummaryEntry, position: number, locale: string, t: Translate): APIEmbed {
  const url = safeUrl(entry.url);
  const number = `${position}. `;
  const title = escapeWithin(
    oneLine(entry.title) || entry.id,
    DISCORD_LIMITS.embedTitleChars - number.length,
  );
  const category = entry.category
    ? escapeWithin(oneLine(entry.category), CATEGORY_MAX_CHARS)
    : t('news.no-category');
  return {
    title: `${number}${title}`,
    ...(url ? { url } : {}),
    description: defuseMentions(`${articleDate(entry.publishedAt, locale)} · ${category}`),
    color: COLOR_LIST,
  };
}

const echo = (query: string) => escapeWithin(oneLine(query), QUERY_ECHO_MAX_CHARS);

/** The list: a heading, one embed and one row of Summary/Ask buttons per article; "no match" when empty. */
export function renderArticleList(reply: ArticleListReply): EphemeralMessage {
  const t = translator(reply.locale);
  const { articles, query, locale } = reply;
  if (articles.length === 0) return ephemeral(renderNotice(t('news.no-match', { query: echo(query ?? '') })));
  const count = articles.length;
  const heading =
    query === null
      ? t('news.heading.latest', { count })
      : t('news.heading.matches', { query: echo(query), count });
  return ephemeral({
    content: truncate(defuseMentions(heading), DISCORD_LIMITS.contentChars),
    embeds: articles.map((entry, index) => entryEmbed(entry, index + 1, locale, t)),
    components: articles.map((entry, index) => articleButtonRow(entry.id, index + 1, locale)),
    allowedMentions: { parse: [] },
  });
}

/** Whole lines while they fit `max`, then an ellipsis line: a field never ends mid-word. */
function fitLines(lines: readonly string[], max: number): string {
  const kept: string[] = [];
  let length = 0;
  for (const line of lines) {
    if (length + line.length + 1 > max - 2) {
      kept.push('…');
      break;
    }
    kept.push(line);
    length += line.length + 1;
  }
  return kept.join('\n');
}

function topicField(topic: HelpTopic, t: Translate, max: number): APIEmbedField {
  const name = topic.kind === 'message' ? t('help.message-command', { name: topic.name }) : `/${topic.name}`;
  const option = (o: HelpTopic['options'][number]) =>
    `• \`${o.name}\`${o.required ? ` (${t('help.required')})` : ''} — ${o.description}`;
  const lines = [
    topic.description,
    ...(topic.manageServer ? [`*${t('help.manage-server')}*`] : []),
    ...topic.options.map(option),
    ...topic.subcommands.map((sub) => `• \`/${topic.name} ${sub.name}\` — ${sub.description}`),
  ];
  return {
    name: truncate(name, DISCORD_LIMITS.embedFieldNameChars),
    value: fitLines(lines, Math.min(max, DISCORD_LIMITS.embedFieldValueChars)),
  };
}

/** Discord's cap on fields per embed. */

/** /help: one embed, a field per command; each field gets a fair share of the 6000 characters an embed holds. */
export function renderHelp(topics: readonly HelpTopic[], locale: string): EphemeralMessage {
  const t = translator(locale);
  const shown = topics.slice(0, DISCORD_LIMITS.embedFields);
  const head: APIEmbed = { title: t('help.title'), description: t('help.intro'), color: COLOR_LIST };
  const names = shown.reduce((sum, topic) => sum + topic.name.length + 40, 0);
  const share = Math.floor(
    (DISCORD_LIMITS.embedTotalChars - embedCharacterCount(head) - names) / Math.max(1, shown.length),
  );
  const fields = shown.map((topic) => topicField(topic, t, share));
  return ephemeral({ embeds: [{ ...head, fields }], allowedMentions: { parse: [] } });
}
