import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectReply } from '../../../src/answer/collect.ts';
import { type NewsroomRuntime, openNewsroom } from '../../../src/app/runtime.ts';
import type { StoredArticle } from '../../../src/articles/article.ts';
import { contentHash } from '../../../src/articles/identity.ts';
import { parseConfig } from '../../../src/core/config.ts';
import { UserFacingError } from '../../../src/core/errors.ts';
import { translate } from '../../../src/core/i18n/index.ts';
import { silentLogger } from '../../../src/core/log.ts';
import { type FakeAnthropic, faults, startFakeAnthropic, text } from '../../fakes/anthropic.ts';
import { sampleArticle } from '../../support/articles.ts';
import { context, conversationAbout, followUp, GUILD } from './support.ts';

type Block = {
  type: string;
  text?: string;
  cache_control?: unknown;
  source?: { content: { text: string }[] };
};
type Body = { messages: { role: string; content: Block[] }[] };

const TRAM = '001_tram_line_vote';
const COST_TURN = {
  question: 'How much will the tram line cost?',
  answer: 'The line is expected to cost 1.9 billion euros.',
};

describe('follow-ups on the real Anthropic SDK against the fake Messages API', () => {
  let fake: FakeAnthropic;
  let runtime: NewsroomRuntime;
  let tram: StoredArticle;

  beforeAll(async () => {
    // The bundled article is short: a low minimum lets its prefix be cached as a long article's would be.
    fake = await startFakeAnthropic({ minCacheablePrefixTokens: 1_024 });
  });
  afterAll(async () => fake.close());

  const open = async (extra: Record<string, string> = {}) => {
    const config = parseConfig({
      ANTHROPIC_API_KEY: 'sk-test',
      ANTHROPIC_BASE_URL: fake.url,
      ANTHROPIC_MAX_RETRIES: '0',
      ANTHROPIC_TIMEOUT_MS: '2000',
      STORE_URL: 'memory://',
      ...extra,
    });
    runtime = await openNewsroom(config, silentLogger);
    tram = (await runtime.store.upsert(await sampleArticle(`${TRAM}.txt`))).article;
  };
  beforeEach(async () => {
    fake.requests.length = 0;
    fake.cache.clear();
    fake.setResponder(undefined);
    await open();
  });
  afterEach(async () => runtime.close());

  const bodyOf = (index: number) => fake.requests[index]?.body as unknown as Body;

  it('GIVEN an answered question WHEN a member follows up THEN the model reads the article once, the earlier turn, and the new question last', async () => {
    const { reply } = await followUp(
      runtime,
      conversationAbout(tram, [COST_TURN]),
      'How many stops will it have?',
    );
    const { messages } = bodyOf(0);
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    const [first, earlier, now] = messages;
    expect(first?.content[0]?.type).toBe('document');
    expect(first?.content[0]?.cache_control).toEqual({ type: 'ephemeral' });
    expect(first?.content[1]?.text).toContain('<question>How much will the tram line cost?</question>');
    expect(earlier?.content[0]?.text).toBe(COST_TURN.answer);
    expect(now?.content.map((block) => block.type)).toEqual(['text']);
    expect(now?.content[0]?.text).toContain('<question>How many stops will it have?</question>');
    expect(messages.flatMap((m) => m.content).filter((b) => b.type === 'document')).toHaveLength(1);
    expect(reply.result).toMatchObject({ provider: 'anthropic', answered: true, cached: false });
    expect(reply.result.text).toContain('11 stops');
    for (const citation of reply.result.citations)
      expect(reply.article.paragraphs[citation.paragraph]).toContain(citation.quote);
  });

  it('GIVEN a summary turn (a thread opened under a summary) THEN it reads as "summarise" and the summary', async () => {
    const summaryTurn = { question: null, answer: 'Harbor City approved a tram line to the airport.' };
    await followUp(runtime, conversationAbout(tram, [summaryTurn]), 'How many stops will it have?');
    const [first, earlier] = bodyOf(0).messages;
    expect(first?.content[1]?.text).toContain('<question>Summarise the article.</question>');
    expect(earlier?.content[0]?.text).toBe(summaryTurn.answer);
  });

  it('GIVEN an earlier turn with a blank answer or many more turns than kept THEN the request leaves them out and the model still answers', async () => {
    const blank = { question: 'Who opposed it?', answer: '   ' };
    const many = Array.from({ length: 30 }, (_, i) => ({
      question: `Question ${i}?`,
      answer: `Answer ${i}.`,
    }));
    const { reply } = await followUp(
      runtime,
      conversationAbout(tram, [...many, blank]),
      'How many stops will it have?',
    );
    expect(reply.result.provider).toBe('anthropic');
    const { messages } = bodyOf(0);
    expect(messages).toHaveLength(2 * 7 + 1);
    expect(JSON.stringify(messages)).not.toContain('Who opposed it?');
    expect(JSON.stringify(messages)).not.toContain('Question 22?');
    expect(messages[0]?.content[1]?.text).toContain('Question 23?');
  });

  it('GIVEN two follow-ups in a row THEN the second reads the article from the prompt cache, and /usage counts both calls', async () => {
    const conversation = conversationAbout(tram, [COST_TURN]);
    const first = await followUp(runtime, conversation, 'How many stops will it have?');
    const grown = {
      ...conversation,
      turns: [
        ...conversation.turns,
        { question: 'How many stops will it have?', answer: first.reply.result.text },
      ],
    };
    const second = await followUp(runtime, grown, 'How many passengers will it carry?');
    expect(first.reply.result.usage.cacheWriteTokens).toBeGreaterThan(1_000);
    expect(second.reply.result.usage.cacheReadTokens).toBe(first.reply.result.usage.cacheWriteTokens);
    expect(second.reply.result.usage.cacheWriteTokens).toBe(0);
    expect(bodyOf(1).messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
    ]);
    const [today] = await runtime.usage.days(GUILD, 1);
    expect(today).toMatchObject({
      modelCalls: 2,
      cacheReadTokens: second.reply.result.usage.cacheReadTokens,
    });
  });

  it("GIVEN an /ask answer THEN the thread's first follow-up already reads the article from the cache that answer wrote", async () => {
    const asked = await collectReply(
      runtime.newsroom.ask({ question: COST_TURN.question, article: TRAM, language: 'en', context }),
    );
    const turn = { question: COST_TURN.question, answer: asked.result.text };
    const { reply } = await followUp(
      runtime,
      conversationAbout(tram, [turn]),
      'How many stops will it have?',
    );
    expect(asked.result.usage.cacheWriteTokens).toBeGreaterThan(1_000);
    expect(reply.result.usage.cacheReadTokens).toBe(asked.result.usage.cacheWriteTokens);
  });

  it("GIVEN a thread with no turns yet (opened from a digest item) THEN its first question is the /ask's, served from its answer cache", async () => {
    await collectReply(
      runtime.newsroom.ask({ question: 'How many stops?', article: TRAM, language: 'en', context }),
    );
    const { reply } = await followUp(runtime, conversationAbout(tram, []), 'how many stops');
    expect(reply.result.cached).toBe(true);
    expect(fake.requests).toHaveLength(1);
  });

  it('GIVEN the same follow-up after the same turns THEN it is served from the answer cache; after other turns it is asked anew', async () => {
    await followUp(runtime, conversationAbout(tram, [COST_TURN]), 'How many stops will it have?');
    const again = await followUp(
      runtime,
      conversationAbout(tram, [COST_TURN], '900000000000000010'),
      'how many stops will it have',
    );
    expect(again.reply.result.cached).toBe(true);
    expect(fake.requests).toHaveLength(1);
    const otherTurn = { question: 'Who opposed the line?', answer: 'Opposition councillors did.' };
    const other = await followUp(
      runtime,
      conversationAbout(tram, [otherTurn]),
      'How many stops will it have?',
    );
    expect(other.reply.result.cached).toBe(false);
    expect(fake.requests).toHaveLength(2);
    const [today] = await runtime.usage.days(GUILD, 1);
    expect(today).toMatchObject({ modelCalls: 2, cachedReplies: 1 });
  });

  it('GIVEN the model answers a follow-up without citing the article THEN it is not presented as the answer', async () => {
    fake.setResponder(() => ({ blocks: [text('The tram will be painted bright green.')] }));
    const { reply } = await followUp(
      runtime,
      conversationAbout(tram, [COST_TURN]),
      'What colour will it be?',
    );
    expect(reply.result.answered).toBe(false);
    expect(reply.result.text).toContain(translate('en', 'reply.unsupported.answer'));
    expect(reply.result.text).not.toContain('bright green');
  });

  it('GIVEN the article changed since the conversation began THEN the answer is from the stored version and says which version it began on', async () => {
    const conversation = conversationAbout(tram, [COST_TURN]);
    const changed = await sampleArticle(`${TRAM}.txt`);
    const paragraphs = changed.paragraphs.map((p) => p.replace('11 stops', '12 stops'));
    const hash = contentHash(changed.title, paragraphs);
    const stored = (await runtime.store.upsert({ ...changed, paragraphs, hash })).article;
    expect(stored.version).toBe(2);
    const { reply, head } = await followUp(runtime, conversation, 'How many stops will it have?');
    expect(head).toMatchObject({ type: 'article', changedSince: { version: 1 } });
    expect(reply.result.text).toContain('12 stops');
    const unchanged = await followUp(runtime, conversationAbout(stored, []), 'How many stops will it have?');
    expect(unchanged.head).not.toHaveProperty('changedSince');
  });

  it("GIVEN the article is no longer stored THEN the follow-up is refused in the asker's language and no model is called", async () => {
    const gone = {
      ...conversationAbout(tram, [COST_TURN]),
      article: { ...conversationAbout(tram, []).article, id: 'removed_article' },
    };
    const failure = followUp(runtime, gone, 'How many stops will it have?', 'de');
    await expect(failure).rejects.toBeInstanceOf(UserFacingError);
    await expect(failure).rejects.toMatchObject({
      code: 'conversation-article-gone',
      message: translate('de', 'conversation.article-gone'),
    });
    expect(fake.requests).toHaveLength(0);
  });

  it('GIVEN the model is down THEN the follow-up gets the labelled offline answer, reading "it" from the earlier question', async () => {
    fake.injectFaults(faults.overloaded());
    const turn = { question: 'When does construction begin?', answer: 'Next spring.' };
    const { reply } = await followUp(runtime, conversationAbout(tram, [turn]), 'How long will it take?');
    expect(reply.result).toMatchObject({
      provider: 'extractive',
      fallbackReason: 'overloaded',
      answered: true,
    });
    expect(reply.result.text).toContain('last four years');
  });

  it('GIVEN the server spent its daily budget THEN follow-ups are answered offline and the budget notice shows once', async () => {
    await runtime.close();
    await open({ GUILD_DAILY_TOKEN_BUDGET: '100' });
    const conversation = conversationAbout(tram, [COST_TURN]);
    await followUp(runtime, conversation, 'How many stops will it have?');
    const over = await followUp(runtime, conversation, 'How many passengers will it carry?');
    expect(over.reply.result).toMatchObject({ provider: 'extractive', fallbackReason: 'over-budget' });
    expect(over.reply.result.budgetNotice).toBeDefined();
    expect(over.reply.result.text).toContain('40,000 passengers');
    expect(fake.requests).toHaveLength(1);
  });
});
