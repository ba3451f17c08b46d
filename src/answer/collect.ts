import type { StoredArticle } from '../articles/article.ts';
import type { ArticlePick, ReplyEvent, ReplyResult } from './newsroom-types.ts';

/** A whole reply: what a transport renders once the stream has ended. */
export interface CompletedReply {
  readonly article: StoredArticle;
  readonly disclaimer: string;
  readonly pickedBy: ArticlePick;
  readonly result: ReplyResult;
}

/**
 * Drains a reply stream. `onEvent` sees every event on the way (for live output); the returned reply is built from
 * the `article` and `done` events, which are complete on their own.
 */
export async function collectReply(
  events: AsyncIterable<ReplyEvent>,
  onEvent: (event: ReplyEvent) => void | Promise<void> = () => {},
): Promise<CompletedReply> {
  let head: Extract<ReplyEvent, { type: 'article' }> | undefined;
  let result: ReplyResult | undefined;
  for await (const event of events) {
    if (event.type === 'article') head = event;
    if (event.type === 'done') result = event.result;
    await onEvent(event);
  }
  if (!head || !result) throw new Error('the reply stream ended before its article and result');
  return { article: head.article, disclaimer: head.disclaimer, pickedBy: head.pickedBy, result };
}
