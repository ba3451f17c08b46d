import { estimateCostUsd } from '../../answer/anthropic/pricing.ts';
import {
  type AnswerEvent,
  type Answerer,
  type AnswerResult,
  NO_USAGE,
  type TokenUsage,
} from '../../answer/types.ts';
import type { Article } from '../../articles/article.ts';
import { errorMessage } from '../../core/errors.ts';
import { collapseSpace } from '../../text/collapse-space.ts';
import type { EvalPair, EvalSet } from './fixture.ts';

export interface EvalOutcome {
  readonly pair: EvalPair;
  /** null when the answerer failed on this pair (`error` says why); the pair then counts as wrong. */
  readonly result: AnswerResult | null;
  readonly correct: boolean;
  readonly error?: string;
}

export interface Ratio {
  readonly hits: number;
  readonly total: number;
  /** hits / total; 1 when there is nothing to count (no quote is an exact quote). */
  readonly share: number;
}

export interface EvalFigures {
  /** Answerable pairs answered with their gold sentence among the quotes or in the text. */
  readonly accuracy: Ratio;
  /** Unanswerable pairs answered with `answered: false`. */
  readonly refusals: Ratio;
  /** Quoted spans found verbatim in their article. */
  readonly quotes: Ratio;
  /** Accuracy (answerable kinds) or refusals (near-miss, off-topic) per kind of pair. */
  readonly byKind: Readonly<Record<string, Ratio>>;
  /** Correct outcomes (answers or refusals) per pair language. */
  readonly byLanguage: Readonly<Record<string, Ratio>>;
  readonly modelCalls: number;
  readonly usage: TokenUsage;
  readonly costUsd: number;
  readonly errors: number;
  /** This process's CPU time (user + system) per question, in ms: the answerer's own cost, the network's aside. */
  readonly cpuMsPerQuestion: number;
  readonly outcomes: readonly EvalOutcome[];
}

export interface EvaluateOptions {
  /** After each pair, with the count done so far (for a progress bar). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Errors no retry can fix (a refused key): stop the run instead of failing every pair the same way. */
  readonly isFatal?: (error: unknown) => boolean;
}

/** Drains an answer stream into its final result. */
export async function collectResult(events: AsyncIterable<AnswerEvent>): Promise<AnswerResult> {
  let result: AnswerResult | undefined;
  for await (const event of events) if (event.type === 'done') result = event.result;
  if (!result) throw new Error('the answer stream ended without a done event');
  return result;
}

/** Asks every question of the set, one at a time (a model's rate limit is per key), and scores the answers. */
export async function evaluateSet(
  answerer: Answerer,
  set: Pick<EvalSet, 'pairs' | 'articles'>,
  options: EvaluateOptions = {},
): Promise<EvalFigures> {
  const outcomes: EvalOutcome[] = [];
  const cpuBefore = process.cpuUsage();
  for (const pair of set.pairs) {
    const article = set.articles.get(pair.article);
    if (!article) throw new Error(`article ${pair.article} was not loaded`);
    outcomes.push(await askOne(answerer, article, pair, options));
    options.onProgress?.(outcomes.length, set.pairs.length);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMsPerQuestion = (cpu.user + cpu.system) / MICROSECONDS_PER_MS / Math.max(1, outcomes.length);
  return { ...tally(outcomes, answerer.name === 'anthropic', set.articles), cpuMsPerQuestion };
}

const MICROSECONDS_PER_MS = 1_000;

async function askOne(
  answerer: Answerer,
  article: Article,
  pair: EvalPair,
  options: EvaluateOptions,
): Promise<EvalOutcome> {
  try {
    const result = await collectResult(
      answerer.answer(article, pair.question, { language: pair.language ?? 'en' }),
    );
    return { pair, result, correct: isCorrect(pair, result) };
  } catch (error) {
    if (options.isFatal?.(error)) throw error;
    return { pair, result: null, correct: false, error: errorMessage(error) };
  }
}

function isCorrect(pair: EvalPair, result: AnswerResult): boolean {
  if (!pair.answerable) return !result.answered;
  if (!result.answered || pair.gold === undefined) return false;
  const gold = collapseSpace(pair.gold);
  return (
    collapseSpace(result.text).includes(gold) ||
    result.citations.some((citation) => collapseSpace(citation.quote).includes(gold))
  );
}

function tally(
  outcomes: readonly EvalOutcome[],
  calledModel: boolean,
  articles: ReadonlyMap<string, Article>,
): Omit<EvalFigures, 'cpuMsPerQuestion'> {
  const results = outcomes.flatMap((outcome) => (outcome.result ? [outcome.result] : []));
  const quotes = outcomes.flatMap((outcome) =>
    (outcome.result?.citations ?? []).map((citation) => ({ citation, article: outcome.pair.article })),
  );
  const exact = quotes.filter(({ citation, article }) => isVerbatim(citation.quote, articles.get(article)));
  const usage = results.reduce(addUsage, NO_USAGE);
  return {
    accuracy: ratio(outcomes.filter((outcome) => outcome.pair.answerable)),
    refusals: ratio(outcomes.filter((outcome) => !outcome.pair.answerable)),
    quotes: share(exact.length, quotes.length),
    byKind: ratiosBy(outcomes, kindOf),
    byLanguage: ratiosBy(outcomes, (outcome) => outcome.pair.language ?? 'unknown'),
    modelCalls: calledModel ? outcomes.length : 0,
    usage,
    costUsd: results.reduce((sum, result) => sum + estimateCostUsd(result.model, result.usage), 0),
    errors: outcomes.filter((outcome) => outcome.error !== undefined).length,
    outcomes,
  };
}

/** Each group's share of correct outcomes (answers for answerable pairs, refusals for the others). */
function ratiosBy(
  outcomes: readonly EvalOutcome[],
  keyOf: (outcome: EvalOutcome) => string,
): Record<string, Ratio> {
  const keys = [...new Set(outcomes.map(keyOf))];
  return Object.fromEntries(keys.map((key) => [key, ratio(outcomes.filter((o) => keyOf(o) === key))]));
}

function kindOf(outcome: EvalOutcome): string {
  return outcome.pair.kind ?? (outcome.pair.answerable ? 'direct' : 'near-miss');
}

/** The quote is a span of one paragraph (or the title) exactly as the article has it. */
function isVerbatim(quote: string, article: Article | undefined): boolean {
  if (!article || quote.length === 0) return false;
  return article.title.includes(quote) || article.paragraphs.some((paragraph) => paragraph.includes(quote));
}

function ratio(outcomes: readonly EvalOutcome[]): Ratio {
  return share(outcomes.filter((outcome) => outcome.correct).length, outcomes.length);
}

function share(hits: number, total: number): Ratio {
  return { hits, total, share: total === 0 ? 1 : hits / total };
}

function addUsage(sum: TokenUsage, { usage }: AnswerResult): TokenUsage {
  return {
    inputTokens: sum.inputTokens + usage.inputTokens,
    outputTokens: sum.outputTokens + usage.outputTokens,
    cacheReadTokens: sum.cacheReadTokens + usage.cacheReadTokens,
    cacheWriteTokens: sum.cacheWriteTokens + usage.cacheWriteTokens,
  };
}
