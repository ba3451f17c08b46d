import { APIUserAbortError } from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { classifyAnthropicError, createAnthropicAnswerer } from '../../../src/answer/anthropic/provider.ts';
import { type FakeFault, faults, startFakeAnthropic, text } from '../../fakes/anthropic.ts';
import { article } from './fixtures.ts';
import { type AnswererSettings, attempt, useFakeAnthropic } from './harness.ts';

const story = article('story', 'Trams', ['The council approved the tram line.', 'It opens in 2027.']);

const harness = useFakeAnthropic({ thinking: 'none' });
const answerer = (settings: AnswererSettings = {}) => harness.answerer(settings);

async function reasonFor(fault: FakeFault, settings: AnswererSettings = {}) {
  harness.fake.injectFaults(fault);
  const { error } = await attempt(answerer(settings).answer(story, 'When does it open?', { language: 'en' }));
  expect(error).toBeDefined();
  return classifyAnthropicError(error);
}

describe('classifyAnthropicError through the real SDK', () => {
  it('GIVEN 429 THEN rate-limited', async () => {
    expect(await reasonFor(faults.rateLimited())).toBe('rate-limited');
  });

  it('GIVEN 529 THEN overloaded', async () => {
    expect(await reasonFor(faults.overloaded())).toBe('overloaded');
  });

  it('GIVEN 500 THEN server-error', async () => {
    expect(await reasonFor(faults.serverError())).toBe('server-error');
  });

  it('GIVEN a dropped connection THEN server-error', async () => {
    expect(await reasonFor(faults.dropConnection())).toBe('server-error');
  });

  it.each([400, 401, 403, 404])(
    'GIVEN %i THEN rejected (an operator problem, not worth a retry)',
    async (status) => {
      expect(await reasonFor(faults.status(status))).toBe('rejected');
    },
  );

  it('GIVEN a wrong API key THEN rejected', async () => {
    const strict = await startFakeAnthropic({ apiKey: 'sk-right' });
    try {
      const wrong = createAnthropicAnswerer({
        apiKey: 'sk-wrong',
        baseURL: strict.url,
        model: 'claude-haiku-5-5',
        timeoutMs: 2_000,
        maxRetries: 0,
        prompts: harness.prompts,
      });
      const { error } = await attempt(wrong.answer(story, 'When?', { language: 'en' }));
      expect(classifyAnthropicError(error)).toBe('rejected');
    } finally {
      await strict.close();
    }
  });

  it('GIVEN response headers slower than the timeout THEN timeout', async () => {
    expect(await reasonFor(faults.slowHeaders(1_000), { timeoutMs: 100 })).toBe('timeout');
  });

  it('GIVEN an overloaded_error frame mid-stream THEN the text so far was streamed, then overloaded', async () => {
    harness.fake.injectFaults(faults.midStreamError('overloaded_error', 5));
    harness.fake.setResponder(() => ({ blocks: [text('The line opens in 2027 as planned.', 1)] }));
    const { seen, error } = await attempt(answerer().answer(story, 'When?', { language: 'en' }));
    expect(seen.some((event) => event.type === 'text')).toBe(true);
    expect(seen.some((event) => event.type === 'done')).toBe(false);
    expect(classifyAnthropicError(error)).toBe('overloaded');
  });

  it('GIVEN the connection cut mid-stream without message_stop THEN server-error', async () => {
    harness.fake.setResponder(() => ({ blocks: [text('The line opens in 2027 as planned.', 1)] }));
    harness.fake.injectFaults(faults.cutStream(5));
    const { seen, error } = await attempt(answerer().answer(story, 'When?', { language: 'en' }));
    expect(seen.some((event) => event.type === 'done')).toBe(false);
    expect(classifyAnthropicError(error)).toBe('server-error');
  });

  it('GIVEN a stream that goes silent after it started THEN timeout, not a hang', async () => {
    harness.fake.setTiming({ firstTokenDelayMs: 1_000 });
    const started = performance.now();
    const { error } = await attempt(answerer({ timeoutMs: 150 }).answer(story, 'When?', { language: 'en' }));
    expect(classifyAnthropicError(error)).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(900);
  });

  it('GIVEN a slow stream that never pauses as long as the limit THEN it is answered in full, not timed out', async () => {
    const reply =
      'The council approved the tram line and it opens in 2027 as planned, on time and on budget.';
    harness.fake.setResponder(() => ({ blocks: [text(reply, 1)] }));
    harness.fake.setTiming({ firstTokenDelayMs: 100, tokensPerSecond: 20 });
    const started = performance.now();
    const { seen, error } = await attempt(
      answerer({ timeoutMs: 200 }).answer(story, 'When?', { language: 'en' }),
    );
    expect(error).toBeUndefined();
    expect(seen.some((event) => event.type === 'done')).toBe(true);
    // Three times the silence limit from first to last token: each event pushed the deadline on.
    expect(performance.now() - started).toBeGreaterThan(600);
  });

  it('GIVEN the model refuses THEN rejected', async () => {
    harness.fake.setResponder(() => ({ blocks: [text('I cannot help with that.')], stopReason: 'refusal' }));
    const { error } = await attempt(answerer().answer(story, 'When?', { language: 'en' }));
    expect(classifyAnthropicError(error)).toBe('rejected');
  });

  it('GIVEN the caller aborts THEN the error is not a fallback reason', async () => {
    harness.fake.setTiming({ firstTokenDelayMs: 500 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { error } = await attempt(
      answerer().answer(story, 'When?', { language: 'en', signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(classifyAnthropicError(error)).toBeNull();
  });

  it('GIVEN an article without text THEN rejected during iteration, and no request is sent', async () => {
    const empty = article('empty', 'Empty', ['  ']);
    const { error } = await attempt(answerer().summarize(empty, { length: 'brief', language: 'en' }));
    expect(classifyAnthropicError(error)).toBe('rejected');
    expect(harness.fake.requests).toHaveLength(0);
  });

  it('GIVEN errors that are not the API failing THEN null', () => {
    expect(classifyAnthropicError(new Error('bug'))).toBeNull();
    expect(classifyAnthropicError('nope')).toBeNull();
    expect(classifyAnthropicError(undefined)).toBeNull();
  });
});

describe('retries before classification', () => {
  it('GIVEN a 429 with retry-after-ms and one retry allowed THEN the SDK retries and the answer arrives', async () => {
    harness.fake.injectFaults(faults.rateLimited(5));
    const { error, seen } = await attempt(
      answerer({ maxRetries: 1 }).answer(story, 'When does it open?', { language: 'en' }),
    );
    expect(error).toBeUndefined();
    expect(seen.at(-1)?.type).toBe('done');
    expect(harness.fake.requests.map((request) => request.headers['x-stainless-retry-count'])).toEqual([
      '0',
      '1',
    ]);
  });

  it('GIVEN a 500 with x-should-retry false THEN no retry happens even with retries allowed', async () => {
    expect(await reasonFor(faults.serverErrorNoRetry(), { maxRetries: 2 })).toBe('server-error');
    expect(harness.fake.requests).toHaveLength(1);
  });

  it('GIVEN 529 on every attempt THEN overloaded after exactly maxRetries + 1 requests', async () => {
    harness.fake.injectFaults(faults.overloaded(1), faults.overloaded(1), faults.overloaded(1));
    const { error } = await attempt(answerer({ maxRetries: 2 }).answer(story, 'When?', { language: 'en' }));
    expect(classifyAnthropicError(error)).toBe('overloaded');
    expect(harness.fake.requests).toHaveLength(3);
  });
});
