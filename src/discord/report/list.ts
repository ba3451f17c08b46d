import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import { REPORTS_PAGE_SIZE, type Report, type ReportPage } from '../../answer/reports.ts';
import { type Translate, translator } from '../../core/i18n/index.ts';
import { DISCORD_LIMITS, embedCharacterCount, escapeWithin, type RenderedMessage } from '../render.ts';
import { escapeUntrusted, oneLine, truncate } from '../text.ts';
import { reportPageId } from './custom-ids.ts';

/**
 * One page of /reports: a line saying which reports these are, one embed per report (the article, the question,
 * the answer, what the member wrote, when, the model), and Newer/Older buttons. Everything a member or the model
 * wrote is escaped and cut. Each embed gets EMBED_BUDGET characters (as Discord counts them, embedCharacterCount),
 * so a full page stays within a message's 6000 whatever the texts and the language: the title, footer and labels
 * are measured first, and what is left is shared between the question, the answer and the note.
 */
const EMBED_BUDGET = Math.floor(DISCORD_LIMITS.embedTotalChars / REPORTS_PAGE_SIZE);
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

/** One line of the description: a fixed part (a label, or the whole line) and the untrusted text after it. */
interface Line {
  readonly fixed: string;
  readonly text?: string;
  readonly max?: number;
}

function reportLines(report: Report, t: Translate): Line[] {
  const { record } = report;
  const note: Line = report.note
    ? { fixed: `**${t('report.list.note')}:** `, text: report.note, max: NOTE_MAX_CHARS }
    : { fixed: `**${t('report.list.note')}:** *${t('report.list.no-note')}*` };
  if (!record) {
    const shown: Line = report.shown
      ? { fixed: '', text: report.shown, max: SHOWN_MAX_CHARS }
      : { fixed: '—' };
    return [{ fixed: `**${t('report.list.no-record')}**` }, shown, note];
  }
  const question: Line = record.question
    ? { fixed: `**${t('report.list.question')}:** `, text: record.question, max: QUESTION_MAX_CHARS }
    : { fixed: `*${t('report.list.summary')}*` };
  const answer = { fixed: `**${t('report.list.answer')}:** `, text: record.answer, max: ANSWER_MAX_CHARS };
  return [question, answer, note];
}

/** Escaped, on one line, at most `max` characters (the text is cut before escaping, so a long one costs no more). */
function shownLength(text: string, max: number): number {
  return escapeUntrusted(oneLine(text.slice(0, max + 1))).length;
}

/**
 * Shares `room` characters between the lines' texts: each gets at most its own cap, a short text leaves what it
 * does not need to the others (the shortest are served first, the rest split what remains evenly).
 */
function shares(lines: readonly Line[], room: number): Map<Line, number> {
  const wanted = lines
    .filter((line) => line.text !== undefined)
    .map((line) => ({ line, want: shownLength(line.text ?? '', line.max ?? 0) }))
    .sort((a, b) => a.want - b.want);
  const given = new Map<Line, number>();
  let left = Math.max(0, room);
  wanted.forEach(({ line, want }, index) => {
    const share = Math.min(want, Math.floor(left / (wanted.length - index)));
    given.set(line, share);
    left -= share;
  });
  return given;
}

function description(lines: readonly Line[], room: number): string {
  const given = shares(lines, room);
  return lines
    .map((line) => {
      const max = given.get(line) ?? 0;
      if (line.text === undefined) return line.fixed;
      return `${line.fixed}${max > 0 ? escapeWithin(oneLine(line.text), max) : '…'}`;
    })
    .join('\n');
}

export function reportEmbed(report: Report, locale: string, budget = EMBED_BUDGET): APIEmbed {
  const t = translator(locale);
  const { record } = report;
  const title = record ? escapeWithin(oneLine(record.article.title), TITLE_MAX_CHARS) : t('report.button');
  const embed: APIEmbed = { title, color: COLOR_REPORT, timestamp: new Date(report.createdAt).toISOString() };
  if (record && isWebLink(record.article.url)) embed.url = record.article.url;
  if (record) {
    const footer = t('report.list.footer', { model: record.model, version: record.article.version });
    embed.footer = { text: truncate(oneLine(footer), FOOTER_MAX_CHARS) };
  }
  const lines = reportLines(report, t);
  // What the labels, newlines and the '…' of a text with no room take; the rest is the texts' room.
  const fixed = lines.reduce((sum, line) => sum + line.fixed.length + (line.text === undefined ? 0 : 1), 0);
  const room = budget - embedCharacterCount(embed) - fixed - (lines.length - 1);
  embed.description = description(lines, room);
  return embed;
}

function isWebLink(url: string | null | undefined): url is string {
  return typeof url === 'string' && /^https?:\/\/\S+$/i.test(url) && url.length <= 2000;
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
  const to = Math.min(page.total, from + page.reports.length - 1);
  const content = t('report.list.header', { from: n(from), to: n(to), total: n(page.total) });
  const embeds = page.reports.map((report) => reportEmbed(report, locale));
  const components = page.total > page.pageSize ? [pageButtons(page, locale)] : [];
  return { content, embeds, allowedMentions: { parse: [] }, components };
}
