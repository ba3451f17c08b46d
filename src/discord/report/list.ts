import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { Report, ReportPage } from '../../answer/reports.ts';
import { type Translate, translator } from '../../core/i18n/index.ts';
import { escapeWithin, type RenderedMessage } from '../render.ts';
import { oneLine, truncate } from '../text.ts';
import { reportPageId } from './custom-ids.ts';

/**
 * One page of /reports: a line saying which reports these are, one embed per report (the article, the question,
 * the answer, what the member wrote, when, the model), and Newer/Older buttons. Everything a member or the model
 * wrote is escaped and cut; five embeds of at most EMBED_MAX_CHARS stay within a message's 6000.
 */
const TITLE_MAX_CHARS = 150;
const QUESTION_MAX_CHARS = 250;
const ANSWER_MAX_CHARS = 350;
const NOTE_MAX_CHARS = 400;
const SHOWN_MAX_CHARS = 700;
const FOOTER_MAX_CHARS = 100;
const COLOR_REPORT = 0xed4245;

function numbers(locale: string) {
  const format = new Intl.NumberFormat(locale);
  return (value: number) => format.format(value);
}

function answerLines(report: Report, t: Translate): string[] {
  const { record } = report;
  if (!record) {
    const shown = report.shown ? escapeWithin(oneLine(report.shown), SHOWN_MAX_CHARS) : '—';
    return [`**${t('report.list.no-record')}**`, shown];
  }
  const question = record.question
    ? `**${t('report.list.question')}:** ${escapeWithin(oneLine(record.question), QUESTION_MAX_CHARS)}`
    : `*${t('report.list.summary')}*`;
  return [
    question,
    `**${t('report.list.answer')}:** ${escapeWithin(oneLine(record.answer), ANSWER_MAX_CHARS)}`,
  ];
}

function isWebLink(url: string | null | undefined): url is string {
  return typeof url === 'string' && /^https?:\/\/\S+$/i.test(url) && url.length <= 2000;
}

export function reportEmbed(report: Report, locale: string): APIEmbed {
  const t = translator(locale);
  const note = report.note
    ? escapeWithin(oneLine(report.note), NOTE_MAX_CHARS)
    : `*${t('report.list.no-note')}*`;
  const lines = [...answerLines(report, t), `**${t('report.list.note')}:** ${note}`];
  const { record } = report;
  const title = record ? escapeWithin(oneLine(record.article.title), TITLE_MAX_CHARS) : t('report.button');
  const embed: APIEmbed = {
    title,
    description: lines.join('\n'),
    color: COLOR_REPORT,
    timestamp: new Date(report.createdAt).toISOString(),
  };
  if (record && isWebLink(record.article.url)) embed.url = record.article.url;
  if (record) {
    const footer = t('report.list.footer', { model: record.model, version: record.article.version });
    embed.footer = { text: truncate(oneLine(footer), FOOTER_MAX_CHARS) };
  }
  return embed;
}

function pageButtons(page: ReportPage, locale: string): APIActionRowComponent<APIButtonComponent> {
  const t = translator(locale);
  const last = Math.max(0, Math.ceil(page.total / page.pageSize) - 1);
  const button = (direction: 'newer' | 'older', target: number, disabled: boolean): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: t(direction === 'newer' ? 'report.list.newer' : 'report.list.older'),
    custom_id: reportPageId(direction, Math.max(0, Math.min(target, last))),
    disabled,
  });
  return {
    type: ComponentType.ActionRow,
    components: [
      button('newer', page.page - 1, page.page === 0),
      button('older', page.page + 1, page.page >= last),
    ],
  };
}

/** The page as a message (the caller makes it private). */
export function renderReportPage(page: ReportPage, locale: string): RenderedMessage {
  const t = translator(locale);
  if (page.total === 0 || page.reports.length === 0)
    return { content: t('report.list.empty'), embeds: [], allowedMentions: { parse: [] }, components: [] };
  const n = numbers(locale);
  const from = page.page * page.pageSize + 1;
  const to = Math.min(page.total, from + page.pageSize - 1);
  const content = t('report.list.header', { from: n(from), to: n(to), total: n(page.total) });
  const embeds = page.reports.map((report) => reportEmbed(report, locale));
  const components = page.total > page.pageSize ? [pageButtons(page, locale)] : [];
  return { content, embeds, allowedMentions: { parse: [] }, components };
}
