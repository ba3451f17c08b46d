import Keyv from 'keyv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnswerCache } from '../../src/answer/cache.ts';
import { collectReply } from '../../src/answer/collect.ts';
import { createExtractiveAnswerer } from '../../src/answer/extractive/index.ts';
import { createNewsroom } from '../../src/answer/newsroom.ts';
import type { Answerer } from '../../src/answer/types.ts';
import { createUsageLedger, type UsageLedger } from '../../src/answer/usage.ts';
import type { ArticleStore } from '../../src/articles/article.ts';
import { openArticleStore } from '../../src/articles/store.ts';
import { sampleArticle } from '../support/articles.ts';

/**
 * Found by the system benchmark's model-529 scenario (issue 9): under overload, identical questions asked at once
 * share one model call; when that call failed over to the offline answer, only the first asker's reply reached the
 * usage ledger, so /usage and budgets undercounted what people were shown.
 */

class Overloaded extends Error {}

/** A model that fails with overload once `release` is called (so several requests can join the same call). */
function overloadedModel() {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  // The stream fails before its first event, as the SDK does when every retry met a 529.
  const fail = (): AsyncIterable<never> => ({
    async *[Symbol.asyncIterator]() {
      await gate;
      yield* [];
      throw new Overloaded('529 overloaded');
    },
  });
  const answerer: Answerer = { name: 'anthropic', summarize: fail, answer: fail };
  return { answerer, release: () => release() };
}

const context = { guildId: '200000000000000002', userId: '400000000000000004' };

describe('usage accounting when the model is overloaded', () => {
  let store: ArticleStore;
  let usage: UsageLedger;

  beforeEach(async () => {
    store = await openArticleStore({ url: 'memory://' });
    await store.upsert(await sampleArticle('001_tram_line_vote.txt'));
    usage = createUsageLedger(new Keyv());
  });
  afterEach(async () => store.close());

  it('GIVEN three people asking the same question at once WHEN the shared model call fails THEN all three offline replies are counted', async () => {
    const model = overloadedModel();
    const newsroom = createNewsroom({
      ...{ store, model: model.answerer, modelName: 'claude-haiku-5-5', offline: createExtractiveAnswerer() },
      ...{ cache: createAnswerCache(new Keyv()), usage, promptHash: () => 'prompt' },
      classifyError: (error) => (error instanceof Overloaded ? 'overloaded' : null),
      settings: {
        sourceDisclaimer: 'Disclaimer.',
        summaryTtlMs: 60_000,
        answerTtlMs: 60_000,
        guildDailyTokenBudget: 0,
      },
    });
    const ask = () =>
      collectReply(
        newsroom.ask({
          question: 'What was the tram vote?',
          article: '001_tram_line_vote',
          language: 'en',
          context,
        }),
      );
    const replies = Promise.all([ask(), ask(), ask()]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    model.release();

    const shown = await replies;
    expect(shown.map((reply) => reply.result.fallbackReason)).toEqual([
      'overloaded',
      'overloaded',
      'overloaded',
    ]);
    const [today] = await usage.days(context.guildId, 1);
    expect(today).toMatchObject({ modelCalls: 0, cachedReplies: 0, offlineReplies: 3 });
  });
});
