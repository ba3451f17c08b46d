import { type Message, MessageFlags, type ModalSubmitInteraction } from 'discord.js';
import type { AnswerRecord } from '../../answer/records.ts';
import { boundedNote, REPORT_SHOWN_MAX_CHARS, type Report } from '../../answer/reports.ts';
import { UserFacingError } from '../../core/errors.ts';
import { translate } from '../../core/i18n/index.ts';
import type { CommandDeps } from '../command.ts';
import { retryTime } from '../cooldowns.ts';
import { renderNotice } from '../render.ts';
import { NOTE_FIELD } from './custom-ids.ts';
import type { ReportLimiter } from './limits.ts';

/**
 * The modal's submission: the answer's record (or, when it has expired, what the message shows), the member's note,
 * the server and the reporter's locale are kept as a report — no member id — and the member is thanked privately.
 */

/** What the member typed; '' when the optional field came back empty or not at all. */
function noteOf(interaction: ModalSubmitInteraction): string {
  try {
    return boundedNote(interaction.fields.getTextInputValue(NOTE_FIELD) ?? '');
  } catch {
    return '';
  }
}

/** The text of the message the Report button sat on: title, link, answer and quotes, as shown. */
export function shownText(message: Message | null | undefined): string | null {
  if (!message) return null;
  const parts = [message.content];
  for (const embed of message.embeds) {
    parts.push(embed.title ?? '', embed.url ?? '', embed.description ?? '');
    for (const field of embed.fields) parts.push(field.name, field.value);
  }
  const text = parts.filter((part) => part.trim() !== '').join('\n');
  return text ? text.slice(0, REPORT_SHOWN_MAX_CHARS) : null;
}

/** The record, if it is this server's: an answer given elsewhere is never copied into this server's reports. */
async function recordFor(
  interaction: ModalSubmitInteraction,
  recordId: string,
  deps: CommandDeps,
): Promise<AnswerRecord | null> {
  const record = await deps.records.get(recordId);
  return record && record.guildId === interaction.guildId ? record : null;
}

function refusal(
  interaction: ModalSubmitInteraction,
  verdict: Awaited<ReturnType<ReportLimiter['take']>>,
): string {
  if (verdict.allowed) return '';
  if (verdict.reason === 'already') return translate(interaction.locale, 'report.already');
  return translate(interaction.locale, 'report.too-many', {
    limit: verdict.limit,
    retryAt: retryTime(verdict.retryAt),
  });
}

/** A store that refuses the write costs the member nothing but a retry: they are told it was not saved. */
async function keep(report: Report, interaction: ModalSubmitInteraction, deps: CommandDeps): Promise<void> {
  try {
    await deps.reportStore.file(report);
  } catch (error) {
    deps.logger.warn({ err: error, report: report.id }, 'could not store a report');
    throw new UserFacingError(translate(interaction.locale, 'report.not-saved'), 'report-not-saved');
  }
}

export async function fileReport(
  interaction: ModalSubmitInteraction,
  recordId: string,
  deps: CommandDeps,
  limiter: ReportLimiter,
): Promise<void> {
  const verdict = await limiter.take(interaction.user.id, recordId);
  if (!verdict.allowed) throw new UserFacingError(refusal(interaction, verdict), 'report-refused');
  try {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const record = await recordFor(interaction, recordId, deps);
    const report: Report = {
      id: interaction.id,
      guildId: interaction.guildId,
      recordId,
      record,
      shown: record ? null : shownText(interaction.message),
      note: noteOf(interaction),
      locale: interaction.locale,
      createdAt: new Date(interaction.createdTimestamp).toISOString(),
    };
    await keep(report, interaction, deps);
    verdict.filed();
    const thanks = translate(interaction.locale, record ? 'report.thanks' : 'report.thanks.no-record');
    await interaction.editReply(renderNotice(thanks));
  } catch (error) {
    verdict.release();
    throw error;
  }
}
