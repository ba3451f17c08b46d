/**
 * Extractive answerer benchmark: `npx tsx bench/extractive.bench.ts [--runs N]`. Prints a table, then the figures
 * as one JSON line (the last line).
 *
 * Latency: answer and summarize on the longest sample article, each over N runs (default 2,000) after a short
 * warm-up, cycling through that article's evaluation questions and the three summary lengths; answers are timed
 * twice, on the prepared (cached) article and on a new article every run. The very first answer (cold WordNet
 * reads, JIT) is reported apart. Quality: accuracy and correct refusals on each half of test/fixtures/eval/
 * (tuning, and held-out when the checkout has it).
 *
 * Targets (issue 3): answer p99 < 20 ms on the longest sample; accuracy >= 85 %, correct refusals >= 80 %.
 */

import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createExtractiveAnswerer } from '../src/answer/extractive/index.ts';
import { SUMMARY_LENGTHS } from '../src/answer/types.ts';
import { evaluateSet } from '../src/cli/eval/evaluate.ts';
import { loadEvalSet } from '../src/cli/eval/fixture.ts';
import { EVAL_DIR } from '../src/cli/eval.ts';
import { loadSample, SAMPLES_DIR } from '../test/answer/extractive/samples.ts';
import { percentiles, round } from './support/stats.ts';

const RUNS = Number(argValue('--runs') ?? 2_000);
const WARM_UP_RUNS = 50;

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function longestSample(): string {
  const files = readdirSync(SAMPLES_DIR).filter((name) => name.endsWith('.txt'));
  const bySize = files.map((name) => ({ name, bytes: statSync(path.join(SAMPLES_DIR, name)).size }));
  const longest = bySize.sort((a, b) => b.bytes - a.bytes)[0];
  if (!longest) throw new Error(`no samples in ${SAMPLES_DIR}`);
  return longest.name;
}

async function drain(events: AsyncIterable<unknown>): Promise<void> {
  for await (const _event of events) {
    // Consume the whole stream: the caller times until `done`.
  }
}

async function timeRuns(runs: number, run: (index: number) => Promise<void>): Promise<number[]> {
  for (let index = 0; index < WARM_UP_RUNS; index++) await run(index);
  const samples: number[] = [];
  for (let index = 0; index < runs; index++) {
    const started = performance.now();
    await run(index);
    samples.push(performance.now() - started);
  }
  return samples;
}

const pairs = (await loadEvalSet(path.join(EVAL_DIR, 'tuning.json'))).pairs;
const fileName = longestSample();
const article = loadSample(fileName);
const questions = pairs.filter((pair) => pair.article === fileName).map((pair) => pair.question);
const answerer = createExtractiveAnswerer();

const coldStarted = performance.now();
await drain(answerer.answer(article, questions[0] ?? 'What happened?', { language: 'en' }));
const firstAnswerMs = round(performance.now() - coldStarted);

const answerLatency = percentiles(
  await timeRuns(RUNS, (index) =>
    drain(answerer.answer(article, questions[index % questions.length] ?? '', { language: 'en' })),
  ),
);
// A new article every run (its title differs), so nothing prepared is reused: what the first question costs.
const newArticleLatency = percentiles(
  await timeRuns(RUNS, (index) =>
    drain(
      answerer.answer(
        { ...article, title: `${article.title} (${index})` },
        questions[index % questions.length] ?? '',
        {
          language: 'en',
        },
      ),
    ),
  ),
);
const summaryLatency = percentiles(
  await timeRuns(RUNS, (index) =>
    drain(answerer.summarize(article, { length: SUMMARY_LENGTHS[index % 3] ?? 'standard', language: 'en' })),
  ),
);

const halves = ['tuning', 'held-out'].filter((name) => existsSync(path.join(EVAL_DIR, `${name}.json`)));
const quality: Record<
  string,
  {
    answerable: number;
    correctAnswers: number;
    accuracy: number;
    unanswerable: number;
    correctRefusals: number;
    refusalRate: number;
  }
> = {};
for (const name of halves) {
  const { accuracy, refusals } = await evaluateSet(
    createExtractiveAnswerer(),
    await loadEvalSet(path.join(EVAL_DIR, `${name}.json`)),
  );
  quality[name] = {
    answerable: accuracy.total,
    correctAnswers: accuracy.hits,
    accuracy: accuracy.share,
    unanswerable: refusals.total,
    correctRefusals: refusals.hits,
    refusalRate: refusals.share,
  };
}
const percent = (share: number) => `${round(share * 100, 1)} %`;
const rows: [string, string, string][] = [
  [`first answer, cold (${fileName})`, `${firstAnswerMs} ms`, ''],
  [
    `answer (${answerLatency.runs} runs)`,
    `p50 ${answerLatency.p50} ms, p99 ${answerLatency.p99} ms`,
    'p99 < 20 ms',
  ],
  [
    `answer, new article each run (${newArticleLatency.runs})`,
    `p50 ${newArticleLatency.p50} ms, p99 ${newArticleLatency.p99} ms`,
    'p99 < 20 ms',
  ],
  [
    `summarize (${summaryLatency.runs} runs)`,
    `p50 ${summaryLatency.p50} ms, p99 ${summaryLatency.p99} ms`,
    '',
  ],
  ...Object.entries(quality).flatMap(([set, figures]): [string, string, string][] => [
    [
      `accuracy, ${set} (${figures.answerable} answerable)`,
      `${figures.correctAnswers}/${figures.answerable} = ${percent(figures.accuracy)}`,
      '>= 85 %',
    ],
    [
      `correct refusals, ${set} (${figures.unanswerable})`,
      `${figures.correctRefusals}/${figures.unanswerable} = ${percent(figures.refusalRate)}`,
      '>= 80 %',
    ],
  ]),
];
for (const [what, figure, target] of rows) console.log(`${what.padEnd(46)} ${figure.padEnd(34)} ${target}`);
console.log(
  JSON.stringify({
    article: fileName,
    firstAnswerMs,
    answerLatency,
    newArticleLatency,
    summaryLatency,
    quality,
  }),
);
