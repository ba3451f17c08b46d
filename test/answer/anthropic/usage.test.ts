import { describe, expect, it } from 'vitest';
import type { AnswerResult } from '../../../src/answer/types.ts';
import { sampleArticle } from './fixtures.ts';
import { collect, type Harness, useFakeAnthropic } from './harness.ts';

const FIVE_MINUTES_MS = 5 * 60_000;

let clockMs = 0;
const lowMinimum = useFakeAnthropic({ minCacheablePrefixTokens: 256, now: () => clockMs });
const haikuMinimum = useFakeAnthropic({ now: () => clockMs });

async function ask(
  harness: Harness,
  question: string,
  file = '001_tram_line_vote.txt',
): Promise<AnswerResult> {
  const article = await sampleArticle(file);
  return (await collect(harness.answerer().answer(article, question, { language: 'en' }))).result;
}

describe('usage and prompt caching', () => {
  it('GIVEN a first question THEN the prefix is written; GIVEN a second within 5 min THEN it is read', async () => {
    const first = await ask(lowMinimum, 'Who voted for the tram line?');
    expect(first.usage.cacheWriteTokens).toBeGreaterThan(256);
    expect(first.usage.cacheReadTokens).toBe(0);
    expect(first.usage.outputTokens).toBeGreaterThan(0);

    clockMs += FIVE_MINUTES_MS - 1_000;
    const second = await ask(lowMinimum, 'How much will the tram line cost?');
    expect(second.usage.cacheReadTokens).toBe(first.usage.cacheWriteTokens);
    expect(second.usage.cacheWriteTokens).toBe(0);
    expect(second.usage.inputTokens).toBeLessThan(first.usage.cacheWriteTokens / 10);
  });

  it('GIVEN the cache idle for more than 5 minutes THEN the next question writes it again', async () => {
    const first = await ask(lowMinimum, 'Who voted?');
    clockMs += FIVE_MINUTES_MS + 1;
    const later = await ask(lowMinimum, 'Who voted?');
    expect(later.usage).toMatchObject({ cacheReadTokens: 0, cacheWriteTokens: first.usage.cacheWriteTokens });
  });

  it('GIVEN another article THEN its prefix is a miss', async () => {
    await ask(lowMinimum, 'What happened?', '001_tram_line_vote.txt');
    const other = await ask(lowMinimum, 'What happened?', '002_grain_exports.txt');
    expect(other.usage.cacheReadTokens).toBe(0);
    expect(other.usage.cacheWriteTokens).toBeGreaterThan(0);
  });

  it('GIVEN a sample article under the 4096-token Haiku minimum THEN nothing is cached and all input is billed plainly', async () => {
    await ask(haikuMinimum, 'Who voted?');
    const again = await ask(haikuMinimum, 'Who voted?');
    expect(again.usage).toMatchObject({ cacheReadTokens: 0, cacheWriteTokens: 0 });
    expect(again.usage.inputTokens).toBeGreaterThan(500);
  });
});
