import { answerCustomId, parseAnswerCustomId } from '../answer-actions.ts';

/**
 * Custom ids of the Report button (`answer:report:<record id>`, one of the answer's actions), its modal
 * (`report:note:<record id>`) and the /reports page buttons (`reports:newer:<page>`, `reports:older:<page>`). A
 * record id is a snowflake and a page at most four digits, so every id is far within Discord's 100 characters.
 */
export const REPORT_ACTION = 'report';
export const NOTE_FIELD = 'note';

export type ReportComponent =
  | { readonly kind: 'button'; readonly recordId: string }
  | { readonly kind: 'modal'; readonly recordId: string }
  | { readonly kind: 'page'; readonly page: number };

export const reportButtonId = (recordId: string) => answerCustomId(REPORT_ACTION, recordId);
export const reportModalId = (recordId: string) => `report:note:${recordId}`;
export const reportPageId = (direction: 'newer' | 'older', page: number) => `reports:${direction}:${page}`;

export function parseReportCustomId(customId: string): ReportComponent | null {
  const answer = parseAnswerCustomId(customId);
  if (answer) return answer.action === REPORT_ACTION ? { kind: 'button', recordId: answer.recordId } : null;
  const modal = /^report:note:(\d{1,20})$/.exec(customId);
  if (modal?.[1]) return { kind: 'modal', recordId: modal[1] };
  const page = /^reports:(?:newer|older):(\d{1,4})$/.exec(customId);
  return page?.[1] ? { kind: 'page', page: Number(page[1]) } : null;
}
