import { afterAll, afterEach, beforeAll } from 'vitest';
import { createAnthropicAnswerer } from '../../../src/answer/anthropic/provider.ts';
import type { Prompts } from '../../../src/answer/prompts.ts';
import type { AnswerEvent, Answerer, AnswerResult } from '../../../src/answer/types.ts';
import { type FakeAnthropic, type FakeAnthropicOptions, startFakeAnthropic } from '../../fakes/anthropic.ts';
import { realPrompts } from './fixtures.ts';

export const MODEL = 'claude-haiku-5-5';

export interface AnswererSettings {
  readonly maxRetries?: number;
  readonly timeoutMs?: number;
  readonly apiKey?: string;
}

export interface Harness {
  readonly fake: FakeAnthropic;
  readonly prompts: Prompts;
  /** The real provider on the real SDK, pointed at the fake (no retries, 2 s timeout unless told). */
  answerer(settings?: AnswererSettings): Answerer;
}

/** Starts one fake per test file; each test starts with the default responder, no records and a cold cache. */
export function useFakeAnthropic(options: FakeAnthropicOptions = {}): Harness {
  let fake: FakeAnthropic | undefined;
  let prompts: Prompts | undefined;
  beforeAll(async () => {
    fake = await startFakeAnthropic(options);
    prompts = await realPrompts();
  });
  afterEach(() => {
    fake?.setResponder(undefined);
    fake?.setTiming({ firstTokenDelayMs: 0, tokensPerSecond: 0 });
    fake?.requests.splice(0);
    fake?.streamOutcomes.splice(0);
    fake?.cache.clear();
  });
  afterAll(() => fake?.close());
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the fake is not started yet (use it inside a test)');
    return value;
  };
  return {
    get fake() {
      return ready(fake);
    },
    get prompts() {
      return ready(prompts);
    },
    answerer: (settings = {}) =>
      createAnthropicAnswerer({
        apiKey: settings.apiKey ?? 'sk-test',
        baseURL: ready(fake).url,
        model: MODEL,
        timeoutMs: settings.timeoutMs ?? 2_000,
        maxRetries: settings.maxRetries ?? 0,
        prompts: ready(prompts),
      }),
  };
}

/** Reads a call to its end; fails the test when it does not end with `done`. */
export async function collect(
  events: AsyncIterable<AnswerEvent>,
): Promise<{ events: AnswerEvent[]; result: AnswerResult }> {
  const all: AnswerEvent[] = [];
  for await (const event of events) all.push(event);
  const done = all.at(-1);
  if (done?.type !== 'done') throw new Error('the stream did not end with done');
  return { events: all, result: done.result };
}

/** Reads a call to its end or its error. */
export async function attempt(
  events: AsyncIterable<AnswerEvent>,
): Promise<{ seen: AnswerEvent[]; error: unknown }> {
  const seen: AnswerEvent[] = [];
  try {
    for await (const event of events) seen.push(event);
    return { seen, error: undefined };
  } catch (error) {
    return { seen, error };
  }
}

export const streamedText = (events: readonly AnswerEvent[]): string =>
  events.map((event) => (event.type === 'text' ? event.text : '')).join('');
