import { type APIButtonComponentWithCustomId, ButtonStyle, ComponentType } from 'discord.js';
import { translate } from '../../core/i18n/index.ts';
import { type AnswerAction, answerCustomId, parseAnswerCustomId } from '../answer-actions.ts';
import { DISCORD_LIMITS } from '../render.ts';
import { oneLine, safeSlice, truncate } from '../text.ts';

/**
 * The Discuss buttons. Under an answer or summary: `answer:discuss:<record id>` (the thread continues from that
 * record). Under a digest item: `thread:article:<article id>` (a thread about the article, no first turn); an article
 * id is at most 80 characters, so the id stays within Discord's 100.
 */
export const DISCUSS_ACTION = 'discuss';
const ARTICLE_PREFIX = 'thread:article:';
/** Discord's limit on a thread's name. */
export const THREAD_NAME_MAX_CHARS = DISCORD_LIMITS.threadNameChars;

/** Discuss in a thread, under every answer and summary; not under a follow-up (it is in its thread already). */
export const DISCUSS: AnswerAction = {
  button(recordId, record, locale) {
    if (record.kind === 'follow-up' || record.inThread) return null;
    return {
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: truncate(translate(locale, 'thread.discuss'), DISCORD_LIMITS.buttonLabelChars),
      custom_id: answerCustomId(DISCUSS_ACTION, recordId),
    };
  },
};

/** The record a Discuss button under an answer names; null for any other id. */
export function discussRecordId(customId: string): string | null {
  const parsed = parseAnswerCustomId(customId);
  return parsed?.action === DISCUSS_ACTION ? parsed.recordId : null;
}

export function threadArticleCustomId(articleId: string): string {
  const id = `${ARTICLE_PREFIX}${articleId}`;
  if (id.length > DISCORD_LIMITS.customIdChars)
    throw new Error(`custom id over ${DISCORD_LIMITS.customIdChars} chars: ${id}`);
  return id;
}

export function parseThreadArticleCustomId(customId: string): string | null {
  if (!customId.startsWith(ARTICLE_PREFIX)) return null;
  return customId.slice(ARTICLE_PREFIX.length) || null;
}

/** "Discuss #2" next to a digest item's Summary and Ask buttons. */
export function digestDiscussButton(
  articleId: string,
  position: number,
  locale = 'en',
): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: truncate(translate(locale, 'thread.discuss-item', { position }), DISCORD_LIMITS.buttonLabelChars),
    custom_id: threadArticleCustomId(articleId),
  };
}

/** A thread's name: the article's title on one line, cut at a word boundary to Discord's 100 characters. */
export function threadName(title: string, fallback: string): string {
  const line = oneLine(safeSlice(title, 4 * THREAD_NAME_MAX_CHARS)) || oneLine(fallback) || 'news';
  return truncate(line, THREAD_NAME_MAX_CHARS);
}
