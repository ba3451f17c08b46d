import type { Article } from '../../articles/article.ts';
import type { AnswerEvent, Answerer, AnswerResult } from '../types.ts';

/** One pair of the evaluation fixture (test/fixtures/eval.json). */
export interface EvalPair {
  /** File name of the sample article under data/samples. */
  readonly article: string;
  readonly question: string;
  readonly answerable: boolean;
  /** For answerable pairs: the article's sentence, verbatim, that a correct answer contains. */
  readonly gold?: string;
}

export interface EvalOutcome {
  readonly pair: EvalPair;
  readonly result: AnswerResult;
  readonly correct: boolean;
}

export interface EvalFigures {
  readonly answerable: number;
  readonly correctAnswers: number;
  /** Share of answerable pairs whose answer contains the gold sentence. */
  readonly accuracy: number;
  readonly unanswerable: number;
  readonly correctRefusals: number;
  /** Share of unanswerable pairs answered with `answered: false`. */
  readonly refusalRate: number;
  readonly outcomes: readonly EvalOutcome[];
}

/** Drains an answer stream into its final result. */
export async function collectResult(events: AsyncIterable<AnswerEvent>): Promise<AnswerResult> {
  let result: AnswerResult | undefined;
  for await (const event of events) if (event.type === 'done') result = event.result;
  if (!result) throw new Error('the answer stream ended without a done event');
  return result;
}

/** Asks every question of the fixture and scores the answers (any Answerer: extractive or a model). */
export async function evaluateAnswerer(
  answerer: Answerer,
  pairs: readonly EvalPair[],
  loadArticle: (fileName: string) => Article,
): Promise<EvalFigures> {
  const outcomes: EvalOutcome[] = [];
  for (const pair of pairs) {
    const result = await collectResult(
      answerer.answer(loadArticle(pair.article), pair.question, { language: 'en' }),
    );
    outcomes.push({ pair, result, correct: isCorrect(pair, result) });
  }
  const answerable = outcomes.filter((outcome) => outcome.pair.answerable);
  const unanswerable = outcomes.filter((outcome) => !outcome.pair.answerable);
  const correctAnswers = answerable.filter((outcome) => outcome.correct).length;
  const correctRefusals = unanswerable.filter((outcome) => outcome.correct).length;
  return {
    answerable: answerable.length,
    correctAnswers,
    accuracy: correctAnswers / Math.max(1, answerable.length),
    unanswerable: unanswerable.length,
    correctRefusals,
    refusalRate: correctRefusals / Math.max(1, unanswerable.length),
    outcomes,
  };
}

function isCorrect(pair: EvalPair, result: AnswerResult): boolean {
  if (!pair.answerable) return !result.answered;
  return result.answered && pair.gold !== undefined && squash(result.text).includes(squash(pair.gold));
}

function squash(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** One line of figures for logs and the benchmark. */
export function formatFigures(figures: EvalFigures): string {
  const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
  return (
    `accuracy ${figures.correctAnswers}/${figures.answerable} = ${percent(figures.accuracy)} on answerable pairs; ` +
    `correct refusals ${figures.correctRefusals}/${figures.unanswerable} = ${percent(figures.refusalRate)}`
  );
}
