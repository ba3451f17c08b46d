import { type APIActionRowComponent, type APIButtonComponent, ComponentType } from 'discord.js';
import type { AnswerRecord, AnswerRecords } from '../answer/records.ts';
import type { Logger } from '../core/log.ts';
import type { RenderedMessage } from './render.ts';

/**
 * The buttons under every answer and summary (Discuss in a thread, Report, …). Each feature contributes one
 * AnswerAction (the list is answer-action-list.ts, handed to replies as CommandDeps.answerActions); the row is attached to the last part of the reply, next to the disclaimer, once the answer's
 * record is saved (the buttons act on the record, src/answer/records.ts). Custom ids are
 * `answer:<action>:<record id>`: a record id is a snowflake (≤ 20 chars), well within Discord's 100.
 */
export const ANSWER_CUSTOM_ID_PREFIX = 'answer:';
const ROW_MAX_BUTTONS = 5;

export interface AnswerAction {
  /** The button for this record, or null when it does not apply (e.g. Discuss inside a thread). */
  button(recordId: string, record: AnswerRecord, locale: string): APIButtonComponent | null;
}

export function answerCustomId(action: string, recordId: string): string {
  return `${ANSWER_CUSTOM_ID_PREFIX}${action}:${recordId}`;
}

/** `answer:report:123` → { action: 'report', recordId: '123' }; null for any other id. */
export function parseAnswerCustomId(customId: string): { action: string; recordId: string } | null {
  const match = /^answer:([a-z-]+):(\d{1,20})$/.exec(customId);
  return match?.[1] && match[2] ? { action: match[1], recordId: match[2] } : null;
}

export function answerActionRow(
  recordId: string,
  record: AnswerRecord,
  locale: string,
  actions: readonly AnswerAction[],
): APIActionRowComponent<APIButtonComponent> | null {
  const buttons = actions
    .map((action) => action.button(recordId, record, locale))
    .filter((button): button is APIButtonComponent => button !== null)
    .slice(0, ROW_MAX_BUTTONS);
  return buttons.length > 0 ? { type: ComponentType.ActionRow, components: buttons } : null;
}

export interface RecordedAnswer {
  readonly records: AnswerRecords;
  readonly actions: readonly AnswerAction[];
  readonly recordId: string;
  readonly record: AnswerRecord;
  readonly logger: Logger;
}

/**
 * Saves the record and puts the action row on the last part. A store hiccup costs the buttons, never the answer.
 */
export async function withAnswerActions(
  parts: readonly RenderedMessage[],
  recorded: RecordedAnswer | undefined,
): Promise<readonly RenderedMessage[]> {
  if (!recorded || parts.length === 0) return parts;
  const row = answerActionRow(recorded.recordId, recorded.record, recorded.record.language, recorded.actions);
  if (!row) return parts;
  if (!(await recorded.records.save(recorded.recordId, recorded.record))) return parts;
  const last = parts[parts.length - 1] as RenderedMessage;
  return [...parts.slice(0, -1), { ...last, components: [row] }];
}
