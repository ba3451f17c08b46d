import type { AnswerAction } from './answer-actions.ts';
import { REPORT } from './report/action.ts';
import { DISCUSS } from './threads/buttons.ts';

/** The buttons under every answer and summary, in the order they appear (one line per feature). */
export const ANSWER_ACTIONS: readonly AnswerAction[] = [DISCUSS, REPORT];
