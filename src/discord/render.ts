import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
  MessageFlags,
} from 'discord.js';
import type { CompletedReply } from '../answer/collect.ts';
import { offlineNoteKey } from '../answer/offline-note.ts';
import { ArticleNotResolvedError, describeUnresolved } from '../answer/resolve.ts';
import type { Citation } from '../answer/types.ts';
import { UserFacingError } from '../core/errors.ts';
import { type Translate, translator } from '../core/i18n/index.ts';
import {
  defuseMentions,
  escapeUntrusted,
  escapeWithin,
  oneLine,
  safeSlice,
  splitEscaped,
  truncate,
  unescapeUntrusted,
} from './text.ts';

/** The one escaping function for text that is not the bot's own wording (see text.ts); call it from here. */
export { escapeUntrusted, escapeWithin, splitEscaped };

/**
 * The one module that knows Discord's limits, suppresses mentions, splits long answers and puts the source's
 * disclaimer on the last part. Pure functions: they return discord.js reply options and never call Discord.
 * Everything from articles, feeds, members or the model is escaped (escapeUntrusted) before it is measured and
 * cut; only the bot's own wording carries Markdown, and only the bot's own links (the article URL) are links.
 */
export const DISCORD_LIMITS = {
  contentChars: 2000,
  embedTitleChars: 256,
  embedDescriptionChars: 4096,
  embedFieldNameChars: 256,
  embedFieldValueChars: 1024,
  embedFooterChars: 2048,
  embedTotalChars: 6000,
  autocompleteChoices: 25,
  choiceNameChars: 100,
  choiceValueChars: 100,
  commandNameChars: 32,
  buttonLabelChars: 80,
  customIdChars: 100,
  threadNameChars: 100,
  modalTitleChars: 45,
  textInputLabelChars: 45,
  placeholderChars: 100,
  embedFields: 25,
} as const;

/** A runaway answer is cut rather than flooding the channel (also Discord's follow-up cap for user installs). */
const MAX_PARTS = 5;
const MAX_QUOTES = 5;
const QUOTE_MAX_CHARS = 300;
/** Whitespace collapses, so a little more than a quote line is read to fill one. */
const QUOTE_SCAN_CHARS = 4 * QUOTE_MAX_CHARS;
const NOTE_TITLE_MAX_CHARS = 200;
const COLOR_ANSWER = 0x5865f2;
const COLOR_OFFLINE = 0x99aab5;

/** Nothing the bot posts may ping: article text and questions are data. */
const NO_MENTIONS = { parse: [] as [] };

export interface RenderedMessage {
  readonly content?: string;
  readonly embeds: APIEmbed[];
  readonly allowedMentions: { readonly parse: [] };
  /** Buttons (the answer's actions, src/discord/answer-actions.ts). */
  readonly components?: APIActionRowComponent<APIButtonComponent>[];
}

/** Seen only by the person who ran the command. */
export interface EphemeralMessage extends RenderedMessage {
  readonly flags: MessageFlags.Ephemeral;
}

/** A short message (errors, notices): plain content, no embeds. */
export function renderNotice(text: string): RenderedMessage {
  return {
    content: truncate(defuseMentions(text), DISCORD_LIMITS.contentChars),
    embeds: [],
    allowedMentions: NO_MENTIONS,
  };
}

/** The same message, seen only by the person who ran the command. */
export function ephemeral(message: RenderedMessage): EphemeralMessage {
  return { ...message, flags: MessageFlags.Ephemeral };
}

/**
 * "No article matches" with the close titles (or the articles considered), in the reply language, titles as
 * escaped plain text; the router shows it ephemerally like any user-facing problem. Other errors pass unchanged.
 */
export function localizeUnresolved(error: unknown, locale: string | null | undefined): unknown {
  if (!(error instanceof ArticleNotResolvedError)) return error;
  const plain = (title: string) => escapeWithin(oneLine(title), NOTE_TITLE_MAX_CHARS);
  return new UserFacingError(describeUnresolved(error, translator(locale), plain), 'article-not-resolved');
}

/** Discord renders `<t:…>` in each reader's own time zone and language. */
function discordTimestamp(iso: string, style: 'd' | 'D' | 't' | 'R'): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso.slice(0, 10) : `<t:${Math.floor(ms / 1000)}:${style}>`;
}

/** Which article answered, when the user did not pick it themselves. */
function pickedNote(head: ReplyHead, t: Translate): string[] {
  if (head.pickedBy === 'id') return [];
  const title = escapeWithin(oneLine(head.article.title), NOTE_TITLE_MAX_CHARS);
  return [
    t(`reply.picked.${head.pickedBy}`, { title, date: discordTimestamp(head.article.publishedAt, 'D') }),
  ];
}

function replyNotes(reply: CompletedReply, t: Translate): string {
  const { result } = reply;
  const lines = pickedNote(reply, t);
  if (result.provider === 'extractive') lines.push(t(offlineNoteKey(result.fallbackReason)));
  if (result.budgetNotice)
    lines.push(
      t('reply.budget', {
        resetsAt: discordTimestamp(result.budgetNotice.resetsAt, 'R'),
        zone: result.budgetNotice.zone,
      }),
    );
  return truncate(defuseMentions(lines.join('\n')), DISCORD_LIMITS.contentChars);
}

/** The cited sentences as one field of block quotes, deduplicated, each shortened, the whole within 1024. */
export function quoteField(citations: readonly Citation[], t: Translate): APIEmbedField | null {
  const lines: string[] = [];
  let length = 0;
  // A cited block can be a whole (huge) paragraph: only what a quote line can show is looked at.
  const quotes = citations.map((c) => oneLine(safeSlice(c.quote, QUOTE_SCAN_CHARS)));
  for (const quote of new Set(quotes.filter(Boolean))) {
    const line = `> ${escapeWithin(quote, QUOTE_MAX_CHARS)}`;
    if (length + line.length + 1 > DISCORD_LIMITS.embedFieldValueChars || lines.length === MAX_QUOTES) break;
    lines.push(line);
    length += line.length + 1;
  }
  const name = truncate(t('reply.quotes'), DISCORD_LIMITS.embedFieldNameChars);
  return lines.length > 0 ? { name, value: lines.join('\n') } : null;
}

/** Characters Discord counts toward an embed's 6000 total. */
export function embedCharacterCount(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  const parts = [embed.title, embed.description, embed.footer?.text, embed.author?.name];
  return fields + parts.reduce((sum, text) => sum + (text?.length ?? 0), 0);
}

/** An article URL as a link target: http(s) only, else none. */
export function safeUrl(url: string | null): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** What a reply shows before its answer is complete: the article and how it was picked. */
export type ReplyHead = Pick<CompletedReply, 'article' | 'pickedBy'>;

function articleHeading(article: ReplyHead['article']): APIEmbed {
  const url = safeUrl(article.url);
  return {
    title: escapeWithin(oneLine(article.title) || article.id, DISCORD_LIMITS.embedTitleChars),
    ...(url ? { url } : {}),
  };
}

/** The last `max` code units of `text`, one fewer when that would start inside a surrogate pair. */
function safeTail(text: string, max: number): string {
  const start = text.length - max;
  const code = text.charCodeAt(start);
  return text.slice(code >= 0xdc00 && code <= 0xdfff ? start + 1 : start);
}

/** How much of a long answer a live edit shows: its latest words, so the reader follows the writing. */
export const LIVE_TAIL_CHARS = 1_800;

/**
 * The answer while the model is still writing: the article heading, the text so far (its last LIVE_TAIL_CHARS
 * when longer) and a "writing…" marker where the disclaimer will be. The final render (renderReply) replaces it.
 */
export function renderLive(
  head: ReplyHead,
  text: string,
  locale: string | null | undefined,
): RenderedMessage {
  const t = translator(locale);
  const trimmed = text.trim();
  const shown = trimmed.length > LIVE_TAIL_CHARS ? `…${safeTail(trimmed, LIVE_TAIL_CHARS - 1)}` : trimmed;
  // Escaped after cutting, so no cut lands inside an escape; twice LIVE_TAIL_CHARS still fits a description.
  const tail = escapeWithin(shown, DISCORD_LIMITS.embedDescriptionChars);
  const notes = truncate(defuseMentions(pickedNote(head, t).join('\n')), DISCORD_LIMITS.contentChars);
  const embed: APIEmbed = {
    color: COLOR_ANSWER,
    ...articleHeading(head.article),
    ...(tail ? { description: tail } : {}),
    footer: { text: t('reply.writing') },
  };
  return { content: notes, embeds: [embed], allowedMentions: NO_MENTIONS };
}

/** More of an answer than MAX_PARTS descriptions can show is never escaped or split (one part more marks the cut). */
const MAX_ANSWER_CHARS = (MAX_PARTS + 1) * DISCORD_LIMITS.embedDescriptionChars;

/** Splits the answer so every part's description fits, and the last part also fits its quotes and footer. */
function describeChunks(text: string, lastPartOverhead: number, t: Translate): string[] {
  const shown = text.length > MAX_ANSWER_CHARS ? safeSlice(text, MAX_ANSWER_CHARS) : text;
  const chunks = splitEscaped(shown, DISCORD_LIMITS.embedDescriptionChars);
  const lastLimit = Math.min(
    DISCORD_LIMITS.embedDescriptionChars,
    DISCORD_LIMITS.embedTotalChars - lastPartOverhead,
  );
  const last = chunks.pop();
  if (last !== undefined) chunks.push(...splitEscaped(unescapeUntrusted(last), lastLimit));
  if (chunks.length <= MAX_PARTS) return chunks;
  const kept = chunks.slice(0, MAX_PARTS);
  const note = `\n${t('reply.truncated')}`;
  kept[MAX_PARTS - 1] = `${truncate(kept[MAX_PARTS - 1] ?? '', lastLimit - note.length)}${note}`;
  return kept;
}

/**
 * A newsroom reply as one or more messages: the first is the edit of the deferred reply, the rest follow-ups.
 * Article title (linked when there is a URL) on the first; quotes and the disclaimer footer on the last.
 */
export function renderReply(reply: CompletedReply, locale: string | null | undefined): RenderedMessage[] {
  const t = translator(locale);
  const { result } = reply;
  const head = articleHeading(reply.article);
  const quotes = quoteField(result.citations, t);
  const tail: APIEmbed = {
    ...(quotes ? { fields: [quotes] } : {}),
    footer: { text: truncate(oneLine(reply.disclaimer), DISCORD_LIMITS.embedFooterChars) },
  };
  const chunks = describeChunks(result.text, embedCharacterCount({ ...head, ...tail }), t);
  const total = Math.max(chunks.length, 1);
  const notes = replyNotes(reply, t);
  const color = result.provider === 'extractive' ? COLOR_OFFLINE : COLOR_ANSWER;
  return Array.from({ length: total }, (_, index) => {
    const chunk = chunks[index];
    const isLast = index === total - 1;
    const embed: APIEmbed = {
      color,
      ...(index === 0 ? head : {}),
      ...(chunk ? { description: chunk } : {}),
      ...(isLast ? tail : { footer: { text: t('reply.continued', { part: index + 1, total }) } }),
    };
    const content = index === 0 ? notes : '';
    return { ...(content ? { content } : {}), embeds: [embed], allowedMentions: NO_MENTIONS };
  });
}
