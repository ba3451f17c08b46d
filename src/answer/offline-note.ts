import type { MessageKey } from '../core/i18n/index.ts';
import type { FallbackReason } from './types.ts';

/** The label of an offline (extractive) reply, by why the model did not answer. */
export function offlineNoteKey(reason: FallbackReason | undefined): MessageKey {
  if (reason === 'over-budget') return 'reply.offline.over-budget';
  if (reason === 'no-api-key') return 'reply.offline.no-api-key';
  return 'reply.offline';
}
