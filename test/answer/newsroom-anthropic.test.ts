import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectReply } from '../../src/answer/collect.ts';
import { FLIGHT_FAILED_TTL_MS } from '../../src/answer/newsroom-shared-flight.ts';
import { type NewsroomRuntime, openNewsroom } from '../../src/app/runtime.ts';
import { parseConfig } from '../../src/core/config.ts';
import { silentLogger } from '../../src/core/log.ts';
import { type FakeAnthropic, type FakeFault, faults, startFakeAnthropic } from '../fakes/anthropic.ts';
import { sampleArticle } from '../support/articles.ts';

const context = { guildId: '200000000000000002', userId: '400000000000000004' };
const SAMPLES = ['000_5330609adfd73756.txt', '001_tram_line_vote.txt', '006_injection_attempt.txt'];

describe('newsroom on the real Anthropic SDK against the fake Messages API', () => {
  let fake: FakeAnthropic;
  let runtime: NewsroomRuntime;
  /** The runtime's clock: real time plus what a test skips ahead. */
  let skippedMs = 0;

  beforeAll(async () => {
    fake = await startFakeAnthropic();
  });
  afterAll(async () => fake.close());

  beforeEach(async () => {
    fake.requests.length = 0;
    skippedMs = 0;
    const config = parseConfig({
      ANTHROPIC_API_KEY: 'sk-test',
      ANTHROPIC_BASE_URL: fake.url,
      ANTHROPIC_MAX_RETRIES: '1',
      ANTHROPIC_TIMEOUT_MS: '1000',
      STORE_URL: 'memory://',
    });
    runtime = await openNewsroom(config, silentLogger, { now: () => new Date(Date.now() + skippedMs) });
    for (const file of SAMPLES) await runtime.store.upsert(await sampleArticle(file));
  });
  afterEach(async () => runtime.close());

  const ask = (question: string, article = '001_tram_line_vote') =>
    collectReply(runtime.newsroom.ask({ question, article, language: 'en', context }));

  it('GIVEN a working model THEN the answer comes from it, with citations mapped to paragraphs', async () => {
    const reply = await ask('How much will the tram line cost?');
    expect(reply.result.provider).toBe('anthropic');
    expect(reply.result.fallbackReason).toBeUndefined();
    for (const citation of reply.result.citations) {
      expect(reply.article.paragraphs[citation.paragraph]).toContain(citation.quote);
    }
    expect(fake.requests).toHaveLength(1);
  });

  it('GIVEN the same question again THEN it is served from the cache with no request', async () => {
    await ask('How much will the tram line cost?');
    const again = await ask('how much will the tram line cost');
    expect(again.result.cached).toBe(true);
    expect(fake.requests).toHaveLength(1);
  });

  it('GIVEN identical questions in flight at once THEN the model is called once', async () => {
    fake.setTiming({ firstTokenDelayMs: 100 });
    try {
      const replies = await Promise.all([
        ask('Who opposed it?'),
        ask('Who opposed it?'),
        ask('Who opposed it?'),
      ]);
      expect(fake.requests).toHaveLength(1);
      expect(new Set(replies.map((r) => r.result.text)).size).toBe(1);
    } finally {
      fake.setTiming({ firstTokenDelayMs: 0 });
    }
  });

  const cases: [string, FakeFault[], string][] = [
    ['429 after the retry', [faults.rateLimited(), faults.rateLimited()], 'rate-limited'],
    ['529 after the retry', [faults.overloaded(), faults.overloaded()], 'overloaded'],
    ['500 after the retry', [faults.serverError(), faults.serverError()], 'server-error'],
    ['500 with x-should-retry: false', [faults.serverErrorNoRetry()], 'server-error'],
    ['headers delayed past the timeout', [faults.slowHeaders(1_500), faults.slowHeaders(1_500)], 'timeout'],
    ['an error event mid-stream', [faults.midStreamError('overloaded_error', 5)], 'overloaded'],
    ['401 (bad key)', [faults.status(401)], 'rejected'],
  ];
  it.each(cases)('GIVEN %s THEN the labelled offline answer serves', async (_name, injected, reason) => {
    fake.injectFaults(...injected);
    const reply = await ask('How much will the tram line cost?');
    expect(reply.result).toMatchObject({ provider: 'extractive', fallbackReason: reason, cached: false });
    expect(reply.result.text).toContain('1.9 billion euros');
  });

  it('GIVEN a transient failure THEN the offline answer is not cached and the model serves once the failure marker expires', async () => {
    fake.injectFaults(faults.overloaded(), faults.overloaded());
    await ask('How much will the tram line cost?');
    // Moments later the same request is not sent to a model that just failed it...
    const soon = await ask('How much will the tram line cost?');
    expect(soon.result.fallbackReason).toBe('overloaded');
    expect(fake.requests).toHaveLength(2);
    // ...and once the marker's few seconds are past, the model answers (the offline reply was never cached).
    skippedMs = FLIGHT_FAILED_TTL_MS + 1;
    const next = await ask('How much will the tram line cost?');
    expect(next.result.provider).toBe('anthropic');
  });

  it('GIVEN the injection article THEN it still goes to the model as a document, never as instructions', async () => {
    await collectReply(
      runtime.newsroom.summary({
        article: '006_injection_attempt',
        length: 'brief',
        language: 'en',
        context,
      }),
    );
    const body = fake.requests[0]?.body as { system: unknown; messages: { content: { type: string }[] }[] };
    expect(JSON.stringify(body.system)).not.toContain('IMPORTANT SYSTEM NOTICE');
    const document = body.messages[0]?.content.find((block) => block.type === 'document');
    expect(JSON.stringify(document)).toContain('IMPORTANT SYSTEM NOTICE');
  });
});
