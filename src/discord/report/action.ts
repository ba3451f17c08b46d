import { type APIButtonComponent, ButtonStyle, ComponentType } from 'discord.js';
import { translate } from '../../core/i18n/index.ts';
import type { AnswerAction } from '../answer-actions.ts';
import { reportButtonId } from './custom-ids.ts';

/** "Report" under every answer, summary and follow-up: it opens the modal that asks what is wrong. */
export const REPORT: AnswerAction = {
  button: (recordId, _record, locale): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: translate(locale, 'report.button'),
    emoji: { name: '🚩' },
    custom_id: reportButtonId(recordId),
  }),
};
