import { describe, expect, it, vi } from 'vitest';
import { NOT_IN_ARTICLE_MARKER } from '../../../src/answer/prompts.ts';
import { FAKE_NOT_IN_ARTICLE_MARKER, text } from '../../fakes/anthropic.ts';
import { article } from './fixtures.ts';
import { collect, streamedText, useFakeAnthropic } from './harness.ts';

const harness = useFakeAnthropic();
const answerer = () => harness.answerer();

describe('when the article does not say', () => {
  const story = article('story', 'Trams', ['The council approved the tram line.', 'It opens in 2027.']);

  it('GIVEN the fake and the app agree on the marker THEN the default fake can signal it', () => {
    expect(FAKE_NOT_IN_ARTICLE_MARKER).toBe(NOT_IN_ARTICLE_MARKER);
  });

  it('GIVEN a reply starting with the marker in pieces THEN answered is false and the marker never shows', async () => {
    harness.fake.setResponder(() => ({
      blocks: [
        { type: 'thinking', thinking: '' },
        text('[NOT_IN'),
        text('_ARTICLE] The article does not say who paid.'),
      ],
    }));
    const { events, result } = await collect(answerer().answer(story, 'Who paid?', { language: 'en' }));
    expect(result.answered).toBe(false);
    expect(result.text).toBe('The article does not say who paid.');
    expect(streamedText(events)).toBe(result.text);
    expect(streamedText(events)).not.toContain('[');
  });

  it('GIVEN the default fake and an unrelated question THEN the provider reports not answered', async () => {
    const { result } = await collect(
      answerer().answer(story, 'What did the football club sign?', { language: 'en' }),
    );
    expect(result.answered).toBe(false);
    expect(result.text).toMatch(/^The article does not say/);
  });

  it('GIVEN a reply that merely mentions brackets THEN it counts as answered and keeps its text', async () => {
    harness.fake.setResponder(() => ({ blocks: [text('[Update] It opens in 2027.', 1)] }));
    const { result } = await collect(answerer().answer(story, 'When?', { language: 'en' }));
    expect(result).toMatchObject({ answered: true, text: '[Update] It opens in 2027.' });
  });

  it('GIVEN a summary THEN it is always answered', async () => {
    const { result } = await collect(answerer().summarize(story, { length: 'brief', language: 'en' }));
    expect(result.answered).toBe(true);
    expect(result.citations[0]).toEqual({ quote: 'The council approved the tram line.', paragraph: 0 });
  });
});

describe('stopping early', () => {
  it('GIVEN the caller stops reading after the first words THEN the call ends at once instead of streaming on', async () => {
    const story = article('story', 'Trams', ['The council approved the tram line.']);
    harness.fake.setResponder(() => ({ blocks: [text('word '.repeat(200), 0)] }));
    harness.fake.setTiming({ tokensPerSecond: 100 });
    const started = performance.now();
    for await (const event of answerer().answer(story, 'What?', { language: 'en' })) {
      if (event.type === 'text') break;
    }
    // The whole reply would take about 4 s at 100 tokens/s.
    expect(performance.now() - started).toBeLessThan(1_500);
    await vi.waitFor(() => expect(harness.fake.streamOutcomes.at(-1)).toBe('client-closed'));
  });
});
