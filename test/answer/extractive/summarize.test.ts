import { describe, expect, it } from 'vitest';
import { createExtractiveAnswerer } from '../../../src/answer/extractive/index.ts';
import type { AnswerEvent, SummaryLength } from '../../../src/answer/types.ts';
import { collectResult } from '../../../src/cli/eval/evaluate.ts';
import { articleOf, loadSample } from './samples.ts';

const answerer = createExtractiveAnswerer();

async function events(stream: AsyncIterable<AnswerEvent>): Promise<AnswerEvent[]> {
  const collected: AnswerEvent[] = [];
  for await (const event of stream) collected.push(event);
  return collected;
}

const summarize = (fileName: string, length: SummaryLength) =>
  collectResult(answerer.summarize(loadSample(fileName), { length, language: 'en' }));

describe('extractive summaries', () => {
  it('GIVEN the three lengths THEN brief < standard < detailed, about 2, 4 and 7 sentences', async () => {
    const [brief, standard, detailed] = await Promise.all(
      (['brief', 'standard', 'detailed'] as const).map((length) =>
        summarize('000_5330609adfd73756.txt', length),
      ),
    );
    expect(brief?.citations).toHaveLength(2);
    expect(standard?.citations).toHaveLength(4);
    expect(detailed?.citations).toHaveLength(7);
    expect(brief?.text.length).toBeLessThan(standard?.text.length ?? 0);
    expect(standard?.text.length).toBeLessThan(detailed?.text.length ?? 0);
  });

  it('GIVEN any summary THEN every citation is an exact span of its paragraph and the text is the quotes joined', async () => {
    for (const fileName of ['000_5330609adfd73756.txt', '002_grain_exports.txt', '005_vaccine_trial.txt']) {
      const article = loadSample(fileName);
      const result = await collectResult(answerer.summarize(article, { length: 'detailed', language: 'en' }));
      for (const citation of result.citations) {
        expect(article.paragraphs[citation.paragraph]).toContain(citation.quote);
      }
      expect(result.text).toBe(result.citations.map((citation) => citation.quote).join(' '));
    }
  });

  it('GIVEN a summary THEN its sentences come in article order and the lead sentence is one of them', async () => {
    const result = await summarize('001_tram_line_vote.txt', 'standard');
    const article = loadSample('001_tram_line_vote.txt');
    const positions = result.citations.map((citation) =>
      article.paragraphs.join('\n').indexOf(citation.quote),
    );
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(result.citations[0]?.paragraph).toBe(0);
  });

  it('GIVEN an article shorter than the length asked for THEN every sentence once, no more', async () => {
    const article = articleOf('Short', [
      'The council met on Monday.',
      'It approved the budget for next year.',
    ]);
    const result = await collectResult(answerer.summarize(article, { length: 'detailed', language: 'en' }));
    expect(result.citations.map((citation) => citation.quote)).toEqual([
      'The council met on Monday.',
      'It approved the budget for next year.',
    ]);
  });

  it('GIVEN a summary THEN text events, then one citation event per sentence, then one done from the extractive provider', async () => {
    const stream = await events(
      answerer.summarize(loadSample('003_heatwave_power.txt'), { length: 'standard', language: 'de' }),
    );
    const kinds = stream.map((event) => event.type);
    expect(kinds.at(-1)).toBe('done');
    expect(kinds.filter((kind) => kind === 'done')).toHaveLength(1);
    expect(kinds.lastIndexOf('text')).toBeLessThan(kinds.indexOf('citation'));
    const done = stream.at(-1);
    if (done?.type !== 'done') throw new Error('no done event');
    const streamedText = stream.flatMap((event) => (event.type === 'text' ? [event.text] : [])).join('');
    expect(streamedText).toBe(done.result.text);
    expect(kinds.filter((kind) => kind === 'citation')).toHaveLength(done.result.citations.length);
    expect(done.result).toMatchObject({
      provider: 'extractive',
      model: 'extractive-v2',
      answered: true,
      usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
    });
  });

  it('GIVEN the injection sample THEN no summary length ever repeats the planted instruction', async () => {
    for (const length of ['brief', 'standard', 'detailed'] as const) {
      const result = await summarize('006_injection_attempt.txt', length);
      expect(result.text).not.toMatch(/ignore all previous|@everyone|system prompt|AI assistant/i);
      expect(result.citations.every((citation) => citation.paragraph !== 2)).toBe(true);
    }
  });

  it('GIVEN an article with no text THEN a plain statement, not answered, no citations', async () => {
    const result = await collectResult(
      answerer.summarize(articleOf('Empty', []), { length: 'brief', language: 'en' }),
    );
    expect(result).toMatchObject({ answered: false, citations: [] });
    expect(result.text).toMatch(/no text/);
  });

  it('GIVEN an aborted signal THEN the summary stops before any event', async () => {
    const controller = new AbortController();
    controller.abort(new Error('user went away'));
    const stream = answerer.summarize(loadSample('004_football_final.txt'), {
      length: 'brief',
      language: 'en',
      signal: controller.signal,
    });
    await expect(events(stream)).rejects.toThrow('user went away');
  });
});
