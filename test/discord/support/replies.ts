import type { CompletedReply } from '../../../src/answer/collect.ts';
import type { ReplyResult } from '../../../src/answer/newsroom-types.ts';
import { NO_USAGE } from '../../../src/answer/types.ts';
import type { StoredArticle } from '../../../src/articles/article.ts';

export const DISCLAIMER =
  'Not all news on the site expresses the point of view of the site, but we transmit this news automatically.';

export function storedArticle(overrides: Partial<StoredArticle> = {}): StoredArticle {
  return {
    id: 'tram-line-vote',
    title: 'Harbor City council approves tram line',
    paragraphs: ['The council approved a 14-kilometre tram line.', 'Councillors voted 31 to 12 in favour.'],
    category: 'Local news',
    disclaimer: DISCLAIMER,
    url: 'https://news.example/tram',
    source: 'file',
    language: 'en',
    publishedAt: '2026-11-30T08:00:00.000Z',
    hash: '0123456789abcdef',
    version: 1,
    firstSeenAt: '2026-11-30T08:00:00.000Z',
    updatedAt: '2026-11-30T08:00:00.000Z',
    ...overrides,
  };
}

export function replyResult(overrides: Partial<ReplyResult> = {}): ReplyResult {
  return {
    text: 'The council approved the tram line by 31 votes to 12.',
    answered: true,
    citations: [{ quote: 'Councillors voted 31 to 12 in favour.', paragraph: 1 }],
    provider: 'anthropic',
    model: 'claude-test',
    usage: NO_USAGE,
    cached: false,
    ...overrides,
  };
}

export function completedReply(
  overrides: { article?: Partial<StoredArticle>; result?: Partial<ReplyResult> } & Partial<
    Pick<CompletedReply, 'pickedBy' | 'disclaimer'>
  > = {},
): CompletedReply {
  return {
    article: storedArticle(overrides.article),
    disclaimer: overrides.disclaimer ?? DISCLAIMER,
    pickedBy: overrides.pickedBy ?? 'id',
    result: replyResult(overrides.result),
  };
}

/** Prose of at least `chars` characters ending in a full sentence: paragraphs of numbered sentences. */
export function longProse(chars: number): string {
  let text = '';
  for (let n = 1; text.length < chars; n++) {
    text += `Sentence ${n} says the line would open in four years and carry many people.`;
    text += n % 6 === 0 ? '\n\n' : ' ';
  }
  return text.trim();
}
