import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { classifyAnthropicError, createAnthropicAnswerer } from '../answer/anthropic/provider.ts';
import { createExtractiveAnswerer, EXTRACTIVE_MODEL } from '../answer/extractive/index.ts';
import { loadPrompts } from '../answer/prompts.ts';
import type { Answerer } from '../answer/types.ts';
import { runWithConfig } from '../core/cli-support.ts';
import type { Config } from '../core/config.ts';
import { UserFacingError } from '../core/errors.ts';
import type { Logger } from '../core/log.ts';
import { evaluateSet } from './eval/evaluate.ts';
import { loadEvalSet } from './eval/fixture.ts';
import { type EvalReport, formatReport, progressLine, type SetReport, toSetReport } from './eval/report.ts';

const USAGE = `Usage:
  npm run eval [-- --set tuning|held-out|all] [--file path.json] [--json] [--misses]
The offline extractive answerer by default; the model when ANTHROPIC_API_KEY is set.`;

/** The two halves, in the order they are reported. */
const SET_NAMES = ['tuning', 'held-out'] as const;
export const EVAL_DIR = path.resolve(import.meta.dirname, '../../test/fixtures/eval');

const OPTIONS = {
  set: { type: 'string', default: 'all' },
  file: { type: 'string' },
  json: { type: 'boolean', default: false },
  misses: { type: 'boolean', default: false },
} as const;

interface Target {
  readonly name: string;
  readonly file: string;
}

function parseFlags(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: false }).values;
  } catch (error) {
    throw new UserFacingError(`${(error as Error).message}\n${USAGE}`, 'usage');
  }
}

/** The files to replay, and the halves asked for with `all` that this checkout does not have. */
function targetsOf(flags: ReturnType<typeof parseFlags>): { targets: Target[]; missing: string[] } {
  if (flags.file)
    return { targets: [{ name: path.basename(flags.file, '.json'), file: flags.file }], missing: [] };
  const names = flags.set === 'all' ? SET_NAMES : SET_NAMES.filter((name) => name === flags.set);
  if (names.length === 0)
    throw new UserFacingError(`--set must be tuning, held-out or all.\n${USAGE}`, 'usage');
  const all = names.map((name) => ({ name, file: path.join(EVAL_DIR, `${name}.json`) }));
  const targets = all.filter((target) => existsSync(target.file) || flags.set !== 'all');
  const missing = all.filter((target) => !targets.includes(target)).map((target) => target.name);
  return { targets, missing };
}

async function configuredAnswerer(
  config: Config,
  logger: Logger,
): Promise<{ answerer: Answerer; model: string }> {
  const { apiKey } = config.anthropic;
  if (!apiKey) return { answerer: createExtractiveAnswerer(), model: EXTRACTIVE_MODEL };
  const answerer = createAnthropicAnswerer({
    apiKey,
    baseURL: config.anthropic.baseUrl,
    model: config.anthropic.model,
    timeoutMs: config.anthropic.timeoutMs,
    maxRetries: config.anthropic.maxRetries,
    prompts: await loadPrompts(),
    logger,
  });
  return { answerer, model: config.anthropic.model };
}

/** A refused key or request fails every pair the same way: stop at the first, saying what the API said. */
function isFatal(error: unknown): boolean {
  return classifyAnthropicError(error) === 'rejected';
}

async function replay(answerer: Answerer, target: Target, misses: boolean): Promise<SetReport> {
  const set = await loadEvalSet(target.file);
  const tty = process.stderr.isTTY === true;
  const figures = await evaluateSet(answerer, set, {
    isFatal,
    ...(tty
      ? { onProgress: (done, total) => process.stderr.write(progressLine(target.name, done, total)) }
      : {}),
  });
  if (tty) process.stderr.write('\n');
  return toSetReport(
    target.name,
    path.relative(process.cwd(), target.file),
    set.articles.size,
    figures,
    misses,
  );
}

/** `npm run eval`: replays the evaluation set(s) through the configured answerer and prints the figures. */
export function run(argv: readonly string[]): Promise<number> {
  return runWithConfig(async (config, logger) => {
    const flags = parseFlags(argv);
    const { targets, missing } = targetsOf(flags);
    const { answerer, model } = await configuredAnswerer(config, logger);
    const sets: SetReport[] = [];
    try {
      for (const target of targets) sets.push(await replay(answerer, target, flags.misses));
    } catch (error) {
      if (!isFatal(error)) throw error;
      throw new UserFacingError(
        `The model refused the evaluation's requests (${(error as Error).message}): check ANTHROPIC_API_KEY and ANTHROPIC_MODEL.`,
        'model-rejected',
      );
    }
    const report: EvalReport = { answerer: { provider: answerer.name, model }, sets, missing };
    process.stdout.write(flags.json ? `${JSON.stringify(report)}\n` : formatReport(report));
    return 0;
  });
}
