import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createExtractiveAnswerer } from '../../../src/answer/extractive/index.ts';
import { evaluateSet } from '../../../src/cli/eval/evaluate.ts';
import { loadEvalSet } from '../../../src/cli/eval/fixture.ts';
import { EVAL_DIR } from '../../../src/cli/eval.ts';

/*
 * Floors for the offline answerer on each part of the evaluation set; they stop regressions, they are not the
 * goals. Tuning: what it reaches (it was tuned there), minus about a point. Dev: pairs over articles of their
 * own, checked only now and then while tuning, minus one pair each; dev-2 likewise (written fresh in session 9,
 * scored before any tuning at 37.5 % / 74.1 %, then used while tuning); dev-3 likewise (written fresh in the
 * embeddings session, scored before any change at 37.3 % / 72.2 %). Held-out: written by someone who never
 * read the code, measured and not tuned on, minus about two points; the goals there (issue 14: answerable
 * ≥ 85 %, refusals ≥ 90 %) stay goals, stated in the README with the measured figures. Every part is always
 * replayed; the held-out misses are never printed here, so nobody tunes on them.
 */
const FLOORS = {
  tuning: { accuracy: 0.8, refusals: 0.88, minPairs: 230, minArticles: 16 },
  dev: { accuracy: 0.69, refusals: 0.77, minPairs: 20, minArticles: 2 },
  'dev-2': { accuracy: 0.52, refusals: 0.85, minPairs: 60, minArticles: 4 },
  'dev-3': { accuracy: 0.35, refusals: 0.69, minPairs: 90, minArticles: 4 },
  'held-out': { accuracy: 0.58, refusals: 0.73, minPairs: 150, minArticles: 13 },
} as const;
/** Issue 14: at least this share of each half is unanswerable. */
const MIN_UNANSWERABLE_SHARE = 0.3;

const parts = Object.keys(FLOORS) as (keyof typeof FLOORS)[];

describe.each(parts)('the %s part of the evaluation set, offline', (name) => {
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
    if (name !== 'held-out') {
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
