import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type Keyv from 'keyv';
import { REPORTS_NAMESPACE } from '../answer/reports.ts';
import type { ArticleStore, StoredArticle } from '../articles/article.ts';
import { runWithConfig } from '../core/cli-support.ts';
import type { Config } from '../core/config.ts';
import { UserFacingError } from '../core/errors.ts';
import type { Logger } from '../core/log.ts';
import {
  articleFileName,
  articleFileText,
  EVAL_MAX_BYTES,
  EVAL_MAX_PAIRS,
  type NotReplayable,
  type ReportCase,
  toCase,
} from './reports/eval-set.ts';
import { newestReports } from './reports/select.ts';

const USAGE = `Usage:
  npm run reports -- export [--out FILE] [--guild ID]
Writes the reported answers (newest first, at most ${EVAL_MAX_PAIRS}) as an evaluation set, FILE (default
reported-answers.json) with the articles they are about in FILE's folder; replay it with
  npm run eval -- --file FILE`;

const OPTIONS = {
  out: { type: 'string', default: 'reported-answers.json' },
  guild: { type: 'string' },
} as const;

function parseFlags(argv: readonly string[]) {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true });
  } catch (error) {
    throw new UserFacingError(`${(error as Error).message}\n${USAGE}`, 'usage');
  }
  const [action, ...rest] = parsed.positionals;
  if (action !== 'export' || rest.length > 0) throw new UserFacingError(USAGE, 'usage');
  const { out, guild } = parsed.values;
  if (guild !== undefined && !/^\d{1,20}$/.test(guild))
    throw new UserFacingError(`--guild must be a server id (digits only).\n${USAGE}`, 'usage');
  return { out: path.resolve(out), guildId: guild };
}

export interface ExportSummary {
  readonly cases: number;
  readonly notReplayable: readonly NotReplayable[];
  /** Reports left out to keep the file within the evaluation loader's bounds. */
  readonly leftOut: number;
  readonly articlesDir: string;
}

/** Converts newest first, stopping where the file would outgrow what `npm run eval` reads. */
async function convert(reports: Awaited<ReturnType<typeof newestReports>>['reports'], store: ArticleStore) {
  const cases: ReportCase[] = [];
  const skipped: NotReplayable[] = [];
  const articles = new Map<string, StoredArticle>();
  let bytes = 0;
  let leftOut = 0;
  for (const report of reports) {
    const id = report.record?.article.id;
    const converted = toCase(report, id ? await store.get(id) : undefined);
    if ('skipped' in converted) {
      skipped.push(converted.skipped);
      continue;
    }
    const size = Buffer.byteLength(JSON.stringify(converted.case)) + 2;
    if (bytes + size > EVAL_MAX_BYTES * 0.9 || cases.length >= EVAL_MAX_PAIRS) {
      leftOut++;
      continue;
    }
    bytes += size;
    cases.push(converted.case);
    articles.set(converted.article.id, converted.article);
  }
  return { cases, skipped, articles, leftOut };
}

export async function exportReports(
  keyv: Keyv,
  store: ArticleStore,
  options: { readonly out: string; readonly guildId?: string | undefined; readonly now?: Date },
): Promise<ExportSummary> {
  const { reports } = await newestReports(keyv, { guildId: options.guildId, limit: EVAL_MAX_PAIRS });
  const { cases, skipped, articles, leftOut } = await convert(reports, store);
  const articlesDir = `${path.basename(options.out, '.json')}-articles`;
  const folder = path.join(path.dirname(options.out), articlesDir);
  await mkdir(folder, { recursive: true });
  for (const article of articles.values())
    await writeFile(path.join(folder, articleFileName(article)), articleFileText(article));
  const set = {
    description: `Answers members reported as wrong (npm run reports -- export, ${(options.now ?? new Date()).toISOString()}${options.guildId ? `, server ${options.guildId}` : ''}). Each pair expects the reported answer not to be given again: it counts as right when the answerer refuses. Add the sentence that does answer a question as "gold" and set "answerable": true once someone has checked the article.`,
    articlesDir,
    pairs: cases,
    notReplayable: skipped,
  };
  await writeFile(options.out, `${JSON.stringify(set, null, 2)}\n`);
  return { cases: cases.length, notReplayable: skipped, leftOut, articlesDir };
}

function summaryLine(out: string, summary: ExportSummary): string {
  const lines = [
    `Wrote ${summary.cases} case${summary.cases === 1 ? '' : 's'} to ${path.relative(process.cwd(), out) || out} (articles in ${summary.articlesDir}/).`,
  ];
  if (summary.notReplayable.length > 0)
    lines.push(
      `${summary.notReplayable.length} report(s) cannot be replayed; they are listed under "notReplayable" with the reason.`,
    );
  if (summary.leftOut > 0)
    lines.push(`${summary.leftOut} older report(s) left out: the file stays within what npm run eval reads.`);
  if (summary.cases > 0)
    lines.push(`Replay: npm run eval -- --file ${path.relative(process.cwd(), out) || out}`);
  return `${lines.join('\n')}\n`;
}

async function openStores(config: Config, logger: Logger) {
  const { openKeyv } = await import('../store/keyv.ts');
  const { openArticleStore } = await import('../articles/store.ts');
  const keyv = await openKeyv(config.storeUrl, { namespace: REPORTS_NAMESPACE, logger });
  const store = await openArticleStore({ url: config.storeUrl, logger });
  return { keyv, store, close: async () => Promise.allSettled([keyv.disconnect(), store.close()]) };
}

/** `npm run reports -- export [--out FILE] [--guild ID]`. */
export function run(argv: readonly string[]): Promise<number> {
  return runWithConfig(async (config, logger) => {
    const flags = parseFlags(argv);
    const opened = await openStores(config, logger);
    try {
      const summary = await exportReports(opened.keyv, opened.store, flags);
      process.stdout.write(summaryLine(flags.out, summary));
      return 0;
    } finally {
      await opened.close();
    }
  });
}
