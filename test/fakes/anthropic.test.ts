import Anthropic, { BadRequestError } from '@anthropic-ai/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  FAKE_NOT_IN_ARTICLE_MARKER,
  type FakeAnthropic,
  faults,
  startFakeAnthropic,
  text,
} from './anthropic.ts';

const PARAGRAPHS = [
  'The city council approved the new tram line on Tuesday.',
  'Construction will cost 240 million euros and start in spring.',
  'The first trams are expected to run in 2027.',
];

let fake: FakeAnthropic;
let client: Anthropic;

beforeAll(async () => {
  fake = await startFakeAnthropic({ thinking: 'none' });
  client = new Anthropic({ apiKey: 'sk-test', baseURL: fake.url, maxRetries: 0, timeout: 2_000 });
});
afterEach(() => {
  fake.setResponder(undefined);
  fake.requests.length = 0;
  fake.cache.clear();
});
afterAll(() => fake.close());

function documentRequest(instruction: string, extra: Record<string, unknown> = {}) {
  return {
    model: 'claude-haiku-5-5',
    max_tokens: 512,
    system: 'Answer from the article.',
    messages: [
      {
        role: 'user' as const,
        content: [
          {
            type: 'document' as const,
            source: {
              type: 'content' as const,
              content: PARAGRAPHS.map((p) => ({ type: 'text' as const, text: p })),
            },
            title: 'Tram line',
            citations: { enabled: true },
            cache_control: { type: 'ephemeral' as const },
          },
          { type: 'text' as const, text: instruction },
        ],
      },
    ],
    ...extra,
  };
}

const rawPost = (body: unknown, headers: Record<string, string>) =>
  fetch(`${fake.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2026-10-21', ...headers },
    body: JSON.stringify(body),
  });

describe('the fake Messages API: protocol', () => {
  it('GIVEN x-api-key or Bearer THEN accepted with JSON and a request-id; GIVEN neither THEN 401', async () => {
    const body = documentRequest('<question>When do trams run?</question>');
    const viaKey = await rawPost(body, { 'x-api-key': 'sk-test' });
    expect(viaKey.status).toBe(200);
    expect(viaKey.headers.get('content-type')).toBe('application/json');
    expect(viaKey.headers.get('request-id')).toMatch(/^req_/);
    expect((await rawPost(body, { authorization: 'Bearer sk-test' })).status).toBe(200);
    const anonymous = await rawPost(body, {});
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
  });

  it('GIVEN a non-streaming request THEN text blocks carry content_block_location citations and usage', async () => {
    const message = await client.messages.create(
      documentRequest('<question>How much will construction cost?</question>'),
    );
    expect(message._request_id).toMatch(/^req_/);
    const cited = message.content.flatMap((block) => (block.type === 'text' ? (block.citations ?? []) : []));
    expect(cited[0]).toMatchObject({
      type: 'content_block_location',
      cited_text: PARAGRAPHS[1],
      document_index: 0,
      document_title: 'Tram line',
      start_block_index: 1,
      end_block_index: 2,
    });
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it('GIVEN a streaming request THEN every frame has an event line, a ping comes, and the SDK assembles it', async () => {
    const response = await rawPost(
      { ...documentRequest('Summary length: brief'), stream: true },
      { 'x-api-key': 'k' },
    );
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const frames = (await response.text()).trim().split('\n\n');
    expect(frames.every((frame) => /^event: \w+\ndata: \{/.test(frame))).toBe(true);
    const names = frames.map((frame) => /^event: (\w+)/.exec(frame)?.[1]);
    expect(names[0]).toBe('message_start');
    expect(names).toContain('ping');
    expect(names.slice(-2)).toEqual(['message_delta', 'message_stop']);

    const final = await client.messages.stream(documentRequest('Summary length: brief')).finalMessage();
    expect(final.content).toHaveLength(1);
    expect(final.content[0]).toMatchObject({ type: 'text', text: PARAGRAPHS[0] });
  });

  it('GIVEN temperature on claude-haiku-5-5 THEN 400 invalid_request_error; on claude-sonnet-5-5 THEN accepted', async () => {
    const rejected = client.messages.create(documentRequest('hi', { temperature: 0.2 }));
    await expect(rejected).rejects.toBeInstanceOf(BadRequestError);
    await expect(rejected).rejects.toMatchObject({ status: 400, type: 'invalid_request_error' });
    const sonnet = await client.messages.create(
      documentRequest('hi', { temperature: 0.2, model: 'claude-sonnet-5-5' }),
    );
    expect(sonnet.model).toBe('claude-sonnet-5-5');
  });

  it('GIVEN an empty paragraph block or five cache breakpoints THEN 400 like the real API', async () => {
    const empty = documentRequest('hi');
    empty.messages[0]!.content[0] = {
      ...empty.messages[0]!.content[0],
      source: { type: 'content', content: [{ type: 'text', text: ' ' }] },
    } as never;
    await expect(client.messages.create(empty)).rejects.toThrow(/must be non-empty/);
    const many = documentRequest('hi', {
      system: Array.from({ length: 4 }, () => ({
        type: 'text',
        text: 'rule',
        cache_control: { type: 'ephemeral' },
      })),
    });
    await expect(client.messages.create(many)).rejects.toThrow(/maximum of 4 blocks with cache_control/);
  });

  it('GIVEN any request THEN it is recorded with headers and the parsed body', async () => {
    await client.messages.create(documentRequest('hi'));
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/messages',
      body: { model: 'claude-haiku-5-5' },
    });
    expect(fake.requests[0]?.headers['anthropic-version']).toBeTruthy();
  });
});

describe('the fake Messages API: answers', () => {
  it('GIVEN a question sharing words with one paragraph THEN the default responder cites that paragraph', async () => {
    const message = await client.messages.create(
      documentRequest('<question>When will the first trams run?</question>'),
    );
    const blocks = message.content.filter((block) => block.type === 'text');
    expect(blocks.flatMap((block) => block.citations ?? [])).toMatchObject([{ start_block_index: 2 }]);
  });

  it('GIVEN a question the article does not touch THEN the reply starts with the not-in-article marker', async () => {
    const message = await client.messages.create(
      documentRequest('<question>Who won the football final?</question>'),
    );
    const first = message.content.find((block) => block.type === 'text');
    expect(first?.type === 'text' && first.text.startsWith(FAKE_NOT_IN_ARTICLE_MARKER)).toBe(true);
  });

  it('GIVEN a scripted reply THEN the model says exactly that, thinking block included', async () => {
    fake.setResponder(() => ({
      blocks: [{ type: 'thinking', thinking: 'hmm' }, text('Spring', 1), text('.')],
    }));
    const message = await client.messages.stream(documentRequest('anything')).finalMessage();
    expect(message.content.map((block) => block.type)).toEqual(['thinking', 'text', 'text']);
    expect(message.content[1]).toMatchObject({ text: 'Spring', citations: [{ cited_text: PARAGRAPHS[1] }] });
  });
});

describe('the fake Messages API: prompt cache', () => {
  it('GIVEN a prefix under the minimum THEN nothing is cached, ever', async () => {
    await client.messages.create(documentRequest('one'));
    const again = await client.messages.create(documentRequest('two'));
    expect(again.usage).toMatchObject({ cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
  });

  it('GIVEN a prefix over the minimum THEN the first request writes and an identical prefix reads within the TTL', async () => {
    let now = 0;
    const small = await startFakeAnthropic({ minCacheablePrefixTokens: 20, now: () => now });
    try {
      const sdk = new Anthropic({ apiKey: 'k', baseURL: small.url, maxRetries: 0, timeout: 2_000 });
      const first = await sdk.messages.create(documentRequest('<question>one?</question>'));
      expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(20);
      expect(first.usage.cache_creation).toMatchObject({
        ephemeral_5m_input_tokens: first.usage.cache_creation_input_tokens,
      });
      now += 60_000;
      const second = await sdk.messages.create(documentRequest('<question>two?</question>'));
      expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
      expect(second.usage.input_tokens).toBeLessThan(first.usage.cache_creation_input_tokens ?? 0);
      now += 10 * 60_000;
      const expired = await sdk.messages.create(documentRequest('<question>three?</question>'));
      expect(expired.usage.cache_read_input_tokens).toBe(0);
    } finally {
      await small.close();
    }
  });
});

describe('the fake Messages API: faults', () => {
  it('GIVEN a 429 with retry-after-ms THEN the SDK waits that long, retries, and succeeds', async () => {
    fake.injectFaults(faults.rateLimited(5));
    const retrying = new Anthropic({ apiKey: 'k', baseURL: fake.url, maxRetries: 1, timeout: 2_000 });
    await retrying.messages.create(documentRequest('hi'));
    expect(fake.requests.map((request) => request.headers['x-stainless-retry-count'])).toEqual(['0', '1']);
  });

  it('GIVEN an event: error after some text THEN the SDK throws APIError with no status and the error type', async () => {
    fake.injectFaults(faults.midStreamError('overloaded_error', 5));
    const stream = client.messages.stream(documentRequest('Summary length: detailed'));
    const texts: string[] = [];
    stream.on('text', (delta) => texts.push(delta));
    await expect(stream.finalMessage()).rejects.toMatchObject({
      status: undefined,
      type: 'overloaded_error',
    });
    expect(texts.length).toBeGreaterThan(0);
  });

  it('GIVEN a first-token delay THEN the stream takes at least that long', async () => {
    fake.setTiming({ firstTokenDelayMs: 120 });
    try {
      const started = performance.now();
      await client.messages.stream(documentRequest('Summary length: brief')).finalMessage();
      expect(performance.now() - started).toBeGreaterThanOrEqual(100);
    } finally {
      fake.setTiming({ firstTokenDelayMs: 0 });
    }
  });

  it('GIVEN an unknown path THEN 404 not_found_error in the API shape', async () => {
    const response = await fetch(`${fake.url}/v1/complete`, {
      method: 'POST',
      headers: { 'x-api-key': 'k' },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
  });
});
