import { describe, expect, it } from 'vitest';
import { evaluateAnswerer, formatFigures } from '../../../src/answer/extractive/evaluate.ts';
import { createExtractiveAnswerer } from '../../../src/answer/extractive/index.ts';
import { loadEvalPairs, loadSample } from './samples.ts';

/** Floors from issue 3: the offline answerer must stay this good on test/fixtures/eval.json. */
const MIN_ACCURACY = 0.85;
const MIN_REFUSAL_RATE = 0.8;

describe('extractive evaluation (test/fixtures/eval.json)', () => {
  const pairs = loadEvalPairs();

  it('GIVEN the fixture THEN it has at least 40 pairs, 10 unanswerable, every gold sentence verbatim in its article', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(40);
    expect(pairs.filter((pair) => !pair.answerable).length).toBeGreaterThanOrEqual(10);
    for (const pair of pairs.filter((candidate) => candidate.answerable)) {
      expect(pair.gold, pair.question).toBeDefined();
      expect(loadSample(pair.article).paragraphs.join('\n'), pair.question).toContain(pair.gold);
    }
  });

  it('GIVEN every question of the fixture THEN accuracy and correct refusals stay above their floors', async () => {
    const figures = await evaluateAnswerer(createExtractiveAnswerer(), pairs, loadSample);
    const misses = figures.outcomes.filter((outcome) => !outcome.correct);
    console.log(`extractive evaluation: ${formatFigures(figures)}`);
    for (const miss of misses) {
      console.log(`  miss (${miss.pair.answerable ? 'answerable' : 'unanswerable'}): ${miss.pair.question}`);
    }
    expect(figures.accuracy).toBeGreaterThanOrEqual(MIN_ACCURACY);
    expect(figures.refusalRate).toBeGreaterThanOrEqual(MIN_REFUSAL_RATE);
  });
});
