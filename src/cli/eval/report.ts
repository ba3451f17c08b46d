import type { EvalFigures, Ratio } from './evaluate.ts';

/** One half's figures as `npm run eval -- --json` prints them (keep the field names: scripts read them). */
export interface SetReport {
  readonly name: string;
  readonly file: string;
  readonly pairs: number;
  readonly articles: number;
  readonly figures: Omit<EvalFigures, 'outcomes'>;
  /** Only with --misses: the questions answered wrongly (never printed for the held-out half by default). */
  readonly misses?: readonly { question: string; article: string; answerable: boolean; error?: string }[];
}

export interface EvalReport {
  readonly answerer: { readonly provider: string; readonly model: string };
  readonly sets: readonly SetReport[];
  /** Halves asked for with --set all whose file is not there (a branch without the held-out half). */
  readonly missing: readonly string[];
}

export function toSetReport(
  name: string,
  file: string,
  articles: number,
  figures: EvalFigures,
  withMisses: boolean,
): SetReport {
  const { outcomes, ...rest } = figures;
  const misses = outcomes
    .filter((outcome) => !outcome.correct)
    .map(({ pair, error }) => ({
      question: pair.question,
      article: pair.article,
      answerable: pair.answerable,
      ...(error ? { error } : {}),
    }));
  return {
    name,
    file,
    pairs: outcomes.length,
    articles,
    figures: rest,
    ...(withMisses ? { misses } : {}),
  };
}

const percent = (ratio: Ratio) => `${(ratio.share * 100).toFixed(1)} %`;
const fraction = (ratio: Ratio) => `${ratio.hits}/${ratio.total} = ${percent(ratio)}`;

/** The human-readable report: one block per half. */
export function formatReport(report: EvalReport): string {
  const lines = [`answerer: ${report.answerer.provider} (${report.answerer.model})`];
  for (const set of report.sets) lines.push('', ...formatSet(set));
  for (const name of report.missing) lines.push('', `${name}: no such set here (skipped)`);
  return `${lines.join('\n')}\n`;
}

function formatSet(set: SetReport): string[] {
  const { figures } = set;
  const { usage } = figures;
  const listed = (ratios: Readonly<Record<string, Ratio>>) =>
    Object.entries(ratios)
      .map(([key, ratio]) => `${key} ${ratio.hits}/${ratio.total}`)
      .join(', ');
  return [
    `${set.name} — ${set.pairs} pairs over ${set.articles} articles (${set.file})`,
    `  accuracy         ${fraction(figures.accuracy)}   answerable, answered with the gold sentence`,
    `  refusals         ${fraction(figures.refusals)}   unanswerable, correctly refused`,
    `  quote exactness  ${fraction(figures.quotes)}   quoted spans found verbatim in the article`,
    `  by kind          ${listed(figures.byKind)}`,
    `  by language      ${listed(figures.byLanguage)}`,
    `  model calls      ${figures.modelCalls}, errors ${figures.errors}, cost $${figures.costUsd.toFixed(4)}` +
      ` (tokens: ${usage.inputTokens} in, ${usage.outputTokens} out, ${usage.cacheReadTokens} cache read,` +
      ` ${usage.cacheWriteTokens} cache write)`,
    `  cpu              ${figures.cpuMsPerQuestion.toFixed(2)} ms per question (this process)`,
    ...(set.misses ?? []).map(
      (miss) =>
        `  miss (${miss.answerable ? 'answerable' : 'unanswerable'}, ${miss.article}): ${miss.question}` +
        (miss.error ? ` — ${miss.error}` : ''),
    ),
  ];
}

/** Width of the progress bar, in characters. */
const BAR_CHARS = 30;

/** A one-line bar redrawn in place: for a terminal only (a pipe gets nothing). */
export function progressLine(label: string, done: number, total: number): string {
  const filled = Math.round((done / Math.max(1, total)) * BAR_CHARS);
  return `\r${label} [${'#'.repeat(filled)}${'-'.repeat(BAR_CHARS - filled)}] ${done}/${total}`;
}
