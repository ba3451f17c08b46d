import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createExtractiveAnswerer } from '../../../src/answer/extractive/index.ts';
import { EVAL_DIR } from '../../../src/eval/cli.ts';
import { evaluateSet } from '../../../src/eval/evaluate.ts';
import { loadEvalSet } from '../../../src/eval/fixture.ts';

/*
 * Floors for the offline answerer on each half of the evaluation set. Tuning: what it reaches now (it was tuned
 * there, so these only guard against regressions). Held-out: the goals (issue 14), written by someone who
 * never read the code; the half is replayed whenever its file is in the checkout (it lives on its own branch until
 * merged), and its misses are never printed here, so nobody tunes on them.
 */
const FLOORS = {
  tuning: { accuracy: 0.8, refusals: 0.88, minPairs: 150, minArticles: 12 },
  'held-out': { accuracy: 0.85, refusals: 0.9, minPairs: 150, minArticles: 13 },
} as const;
/** Issue 14: at least this share of each half is unanswerable. */
const MIN_UNANSWERABLE_SHARE = 0.3;

const halves = (Object.keys(FLOORS) as (keyof typeof FLOORS)[]).filter(
  (name) => name === 'tuning' || existsSync(path.join(EVAL_DIR, `${name}.json`)),
);

describe.each(halves)('the %s half of the evaluation set, offline', (name) => {
  const floors = FLOORS[name];
  const file = path.join(EVAL_DIR, `${name}.json`);

  it('GIVEN the file THEN it is large and mixed enough, and every gold sentence is verbatim in its article', async () => {
    const set = await loadEvalSet(file);
    expect(set.pairs.length).toBeGreaterThanOrEqual(floors.minPairs);
    expect(set.articles.size).toBeGreaterThanOrEqual(floors.minArticles);
    const unanswerable = set.pairs.filter((pair) => !pair.answerable).length;
    expect(unanswerable / set.pairs.length).toBeGreaterThanOrEqual(MIN_UNANSWERABLE_SHARE);
    for (const pair of set.pairs.filter((candidate) => candidate.answerable)) {
      const article = set.articles.get(pair.article);
      expect(
        article?.paragraphs.some((paragraph) => paragraph.includes(pair.gold ?? '\u0000')),
        pair.question,
      ).toBe(true);
    }
  });

  it('GIVEN every question THEN accuracy and refusals stay above their floors and every quote is exact', async () => {
    const set = await loadEvalSet(file);
    const figures = await evaluateSet(createExtractiveAnswerer(), set);
    console.log(
      `${name}: accuracy ${figures.accuracy.hits}/${figures.accuracy.total}, ` +
        `refusals ${figures.refusals.hits}/${figures.refusals.total}, quotes ${figures.quotes.hits}/${figures.quotes.total}`,
    );
    if (name === 'tuning') {
      for (const miss of figures.outcomes.filter((outcome) => !outcome.correct))
        console.log(
          `  miss (${miss.pair.answerable ? 'answerable' : 'unanswerable'}): ${miss.pair.question}`,
        );
    }
    expect(figures.accuracy.share).toBeGreaterThanOrEqual(floors.accuracy);
    expect(figures.refusals.share).toBeGreaterThanOrEqual(floors.refusals);
    expect(figures.quotes.share).toBe(1);
  });
});
