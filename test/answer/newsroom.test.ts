import Keyv from 'keyv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnswerCache } from '../../src/answer/cache.ts';
import { collectReply } from '../../src/answer/collect.ts';
import { createNewsroom, type NewsroomDeps } from '../../src/answer/newsroom.ts';
import type { ReplyEvent } from '../../src/answer/newsroom-types.ts';
import type { AnswerEvent, Answerer, FallbackReason } from '../../src/answer/types.ts';
import { createUsageLedger } from '../../src/answer/usage.ts';
import type { Article, ArticleStore } from '../../src/articles/article.ts';
import { openArticleStore } from '../../src/articles/store.ts';
import { UserFacingError } from '../../src/core/errors.ts';
import { sampleArticle } from '../support/articles.ts';

class ModelDown extends Error {
  constructor(readonly reason: FallbackReason) {
    super(`model down: ${reason}`);
  }
}

/** A scripted Answerer (our own interface): counts calls, can stall until released, can fail mid-stream. */
function scriptedModel(
  script: { failWith?: FallbackReason; failAfterText?: boolean; gate?: Promise<void> } = {},
) {
  const calls: string[] = [];
  async function* reply(kind: string, article: Article): AsyncGenerator<AnswerEvent> {
    calls.push(`${kind}:${article.id}`);
    await script.gate;
    if (script.failWith && !script.failAfterText) throw new ModelDown(script.failWith);
    yield { type: 'text', text: 'Model says: ' };
    if (script.failWith) throw new ModelDown(script.failWith);
    const quote = article.paragraphs[0] ?? '';
    yield { type: 'citation', citation: { quote, paragraph: 0 } };
    yield { type: 'text', text: 'grounded text.' };
    yield {
      type: 'done',
      result: {
        text: 'Model says: grounded text.',
        answered: true,
        citations: [{ quote, paragraph: 0 }],
        provider: 'anthropic',
        model: 'claude-haiku-5-5',
        usage: { inputTokens: 100, outputTokens: 20, cacheReadTokens: 0, cacheWriteTokens: 900 },
      },
    };
  }
  const answerer: Answerer = {
    name: 'anthropic',
    summarize: (article) => reply('summary', article),
    answer: (article) => reply('answer', article),
  };
  return { answerer, calls };
}

const offline: Answerer = {
  name: 'extractive',
  async *summarize(article) {
    const quote = article.paragraphs[0] ?? '';
    yield { type: 'text', text: quote };
    yield {
      type: 'done',
      result: {
        text: quote,
        answered: true,
        citations: [{ quote, paragraph: 0 }],
        provider: 'extractive',
        model: 'extractive-v2',
        usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
      },
    };
  },
  answer(article) {
    return this.summarize(article, { length: 'brief', language: 'en' });
  },
};

const context = { guildId: '200000000000000002', userId: '400000000000000004' };

describe('newsroom services', () => {
  let store: ArticleStore;
  let usageKeyv: Keyv;

  beforeEach(async () => {
    store = await openArticleStore({ url: 'memory://' });
    usageKeyv = new Keyv();
    for (const file of ['000_5330609adfd73756.txt', '001_tram_line_vote.txt', '004_football_final.txt']) {
      await store.upsert(await sampleArticle(file));
    }
  });
  afterEach(async () => store.close());

  function newsroom(model: Answerer | null, overrides: Partial<NewsroomDeps['settings']> = {}) {
    return createNewsroom({
      store,
      model,
      modelName: 'claude-haiku-5-5',
      offline,
      cache: createAnswerCache(new Keyv()),
      usage: createUsageLedger(usageKeyv),
      classifyError: (error) => (error instanceof ModelDown ? error.reason : null),
      promptHash: (kind) => `prompt-${kind}`,
      settings: {
        sourceDisclaimer: 'Configured disclaimer.',
        summaryTtlMs: 60_000,
        answerTtlMs: 60_000,
        guildDailyTokenBudget: 0,
        ...overrides,
      },
    });
  }

  it('GIVEN no API key THEN the offline answer serves, labelled no-api-key, with the article disclaimer', async () => {
    const reply = await collectReply(newsroom(null).summary({ length: 'brief', language: 'en', context }));
    expect(reply.result.provider).toBe('extractive');
    expect(reply.result.fallbackReason).toBe('no-api-key');
    expect(reply.disclaimer).toMatch(/^Not all news on the site/);
  });

  it('GIVEN a summary already made THEN the second request makes no model call and says it was cached', async () => {
    const { answerer, calls } = scriptedModel();
    const room = newsroom(answerer);
    const first = await collectReply(
      room.summary({ article: '001_tram_line_vote', length: 'brief', language: 'en', context }),
    );
    const second = await collectReply(
      room.summary({ article: '001_tram_line_vote', length: 'brief', language: 'en', context }),
    );
    expect(calls).toEqual(['summary:001_tram_line_vote']);
    expect(first.result.cached).toBe(false);
    expect(second.result).toMatchObject({
      cached: true,
      text: first.result.text,
      citations: first.result.citations,
    });
  });

  it('GIVEN another length or language THEN it is a different cache entry', async () => {
    const { answerer, calls } = scriptedModel();
    const room = newsroom(answerer);
    await collectReply(
      room.summary({ article: '001_tram_line_vote', length: 'brief', language: 'en', context }),
    );
    await collectReply(
      room.summary({ article: '001_tram_line_vote', length: 'detailed', language: 'en', context }),
    );
    await collectReply(
      room.summary({ article: '001_tram_line_vote', length: 'brief', language: 'de', context }),
    );
    expect(calls).toHaveLength(3);
  });

  it('GIVEN the article changed THEN the cached summary of the old version is not served', async () => {
    const { answerer, calls } = scriptedModel();
    const room = newsroom(answerer);
    const request = { article: '001_tram_line_vote', length: 'brief' as const, language: 'en', context };
    await collectReply(room.summary(request));
    const old = await sampleArticle('001_tram_line_vote.txt');
    await store.upsert({
      ...old,
      paragraphs: [...old.paragraphs, 'A new paragraph.'],
      hash: 'ffffffffffffffff',
    });
    const again = await collectReply(room.summary(request));
    expect(calls).toHaveLength(2);
    expect(again.result.cached).toBe(false);
  });

  it('GIVEN five identical questions at once THEN one model call serves all five', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { answerer, calls } = scriptedModel({ gate });
    const room = newsroom(answerer);
    const ask = () =>
      collectReply(
        room.ask({
          question: 'Who scored the penalty?',
          article: '004_football_final',
          language: 'en',
          context,
        }),
      );
    const pending = [ask(), ask(), ask(), ask(), ask()];
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    const replies = await Promise.all(pending);
    expect(calls).toHaveLength(1);
    expect(new Set(replies.map((r) => r.result.text))).toEqual(new Set(['Model says: grounded text.']));
  });

  it.each(['rate-limited', 'overloaded', 'timeout', 'server-error', 'rejected'] as const)(
    'GIVEN the model fails with %s THEN the labelled offline answer serves',
    async (reason) => {
      const { answerer } = scriptedModel({ failWith: reason });
      const reply = await collectReply(
        newsroom(answerer).summary({ length: 'standard', language: 'en', context }),
      );
      expect(reply.result).toMatchObject({ provider: 'extractive', fallbackReason: reason, cached: false });
    },
  );

  it('GIVEN the model fails after streaming some text THEN a restart event precedes the offline answer', async () => {
    const { answerer } = scriptedModel({ failWith: 'overloaded', failAfterText: true });
    const events: ReplyEvent['type'][] = [];
    const reply = await collectReply(
      newsroom(answerer).summary({ length: 'brief', language: 'en', context }),
      (e) => {
        events.push(e.type);
      },
    );
    expect(events.indexOf('restart')).toBeGreaterThan(events.indexOf('text'));
    expect(reply.result.text).not.toContain('Model says');
  });

  it('GIVEN a guild over its daily budget THEN the offline answer serves and the reset note shows once a day', async () => {
    const { answerer, calls } = scriptedModel();
    const room = newsroom(answerer, { guildDailyTokenBudget: 500 });
    const ask = (question: string) =>
      collectReply(room.ask({ question, article: '004_football_final', language: 'en', context }));
    const spent = await ask('Who scored?');
    const over = await ask('Who coached?');
    const overAgain = await ask('Who attended?');
    expect(spent.result.provider).toBe('anthropic');
    expect(calls).toHaveLength(1);
    expect(over.result).toMatchObject({ provider: 'extractive', fallbackReason: 'over-budget' });
    expect(over.result.budgetNotice?.resetsAt).toMatch(/T00:00:00.000Z$/);
    expect(overAgain.result.budgetNotice).toBeUndefined();
  });

  it('GIVEN model calls and cache hits THEN usage is recorded per guild per day', async () => {
    const { answerer } = scriptedModel();
    const room = newsroom(answerer);
    const request = { article: '004_football_final', length: 'brief' as const, language: 'en', context };
    await collectReply(room.summary(request));
    await collectReply(room.summary(request));
    const [today] = await createUsageLedger(usageKeyv).days(context.guildId, 1);
    expect(today).toMatchObject({ modelCalls: 1, cachedReplies: 1, inputTokens: 100, cacheWriteTokens: 900 });
  });

  it('GIVEN an unknown article THEN a user-facing error says how to pick one', async () => {
    const events = newsroom(null).summary({
      article: 'zzqx-nothing-like-this',
      length: 'brief',
      language: 'en',
      context,
    });
    await expect(collectReply(events)).rejects.toThrow(UserFacingError);
    await expect(
      collectReply(newsroom(null).summary({ article: 'zzqx', length: 'brief', language: 'en', context })),
    ).rejects.toThrow(/pick one from the list/);
  });

  it('GIVEN an empty store THEN a user-facing error says how to import articles', async () => {
    const empty = await openArticleStore({ url: 'memory://' });
    const room = createNewsroom({ ...depsOf(), store: empty });
    await expect(collectReply(room.summary({ length: 'brief', language: 'en', context }))).rejects.toThrow(
      /npm run ingest/,
    );
    await empty.close();

    function depsOf(): NewsroomDeps {
      return {
        store: empty,
        model: null,
        modelName: 'm',
        offline,
        cache: createAnswerCache(new Keyv()),
        usage: createUsageLedger(new Keyv()),
        classifyError: () => null,
        promptHash: () => 'p',
        settings: { sourceDisclaimer: 'd', summaryTtlMs: 1, answerTtlMs: 1, guildDailyTokenBudget: 0 },
      };
    }
  });

  it('GIVEN a question without an article THEN the best-matching article answers and the pick is reported', async () => {
    const reply = await collectReply(
      newsroom(null).ask({
        question: 'How many lives did the 2020 violence in Karabakh claim?',
        language: 'en',
        context,
      }),
    );
    expect(reply.article.id).toBe('000_5330609adfd73756');
    expect(reply.pickedBy).toBe('best-match');
  });

  // The length limit is the commands' to check (commands/ask.ts; test/commands/parse.test.ts), before the newsroom.
  it('GIVEN an empty question THEN it is refused before any model call', async () => {
    const { answerer, calls } = scriptedModel();
    const room = newsroom(answerer);
    await expect(collectReply(room.ask({ question: '   ', language: 'en', context }))).rejects.toThrow(
      /type a question/,
    );
    expect(calls).toHaveLength(0);
  });
});
