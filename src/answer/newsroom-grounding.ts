import { translator } from '../core/i18n/index.ts';
import type { AnswerEvent, AnswerResult } from './types.ts';

/**
 * A model answer or summary that cites nothing cannot be checked against the article, so it is never shown as the
 * article's answer. (A reply with the not-in-article marker is already answered: false and needs no citation.)
 */
export function isUncited(result: AnswerResult): boolean {
  return result.provider === 'anthropic' && result.answered && result.citations.length === 0;
}

async function offlineResult(events: AsyncIterable<AnswerEvent>): Promise<AnswerResult | undefined> {
  let result: AnswerResult | undefined;
  for await (const event of events) if (event.type === 'done') result = event.result;
  return result;
}

/**
 * The reply that replaces an uncited model answer: "the article does not support an answer", then — when the
 * offline answerer finds something — its sentences, labelled as such, with their quotes. answered: false either
 * way; the model call (usage, model name) is still reported, since it was made and paid for.
 */
export async function withheldReply(
  uncited: AnswerResult,
  kind: 'summary' | 'answer',
  language: string,
  offline: () => AsyncIterable<AnswerEvent>,
  onOfflineError: (error: unknown) => void,
): Promise<AnswerResult> {
  const t = translator(language);
  const extract = await offlineResult(offline()).catch((error: unknown) => {
    onOfflineError(error);
    return undefined;
  });
  const usable = extract?.answered === true && extract.citations.length > 0 ? extract : undefined;
  const lines = [t(kind === 'answer' ? 'reply.unsupported.answer' : 'reply.unsupported.summary')];
  if (usable) {
    const label =
      kind === 'answer' ? 'reply.unsupported.offline-answer' : 'reply.unsupported.offline-summary';
    lines.push('', t(label), usable.text);
  }
  return { ...uncited, text: lines.join('\n'), answered: false, citations: usable?.citations ?? [] };
}
