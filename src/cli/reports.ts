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
  type Conversion,
  EVAL_MAX_BYTES,
  EVAL_MAX_PAIRS,
  type NotReplayable,
  toCase,
} from './reports/eval-set.ts';
import { newestReports } from './reports/select.ts';

/** Room kept in the budget for the arrays' brackets and what the item sizes do not count. */
const EXPORT_SLACK_BYTES = 1_024;

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
  /** Older reports (cases or not replayable) left out to keep the file within the evaluation loader's bounds. */
  readonly leftOut: number;
  readonly articlesDir: string;
}

type Converted = Awaited<ReturnType<typeof convert>>;

/**
 * Converts newest first; `reports` is already bounded (newestReports), and each article is read once, so memory
 * holds those reports and the distinct articles they are about.
 */
async function convert(reports: Awaited<ReturnType<typeof newestReports>>['reports'], store: ArticleStore) {
  const articles = new Map<string, StoredArticle | undefined>();
  const items: Conversion[] = [];
  for (const report of reports) {
    const id = report.record?.article.id;
    if (id !== undefined && !articles.has(id)) articles.set(id, await store.get(id));
    items.push(toCase(report, id === undefined ? undefined : articles.get(id)));
  }
  return items;
}

/** What one element of `pairs` or `notReplayable` adds to the file as written (indented two levels, then ",\n"). */
function writtenBytes(item: unknown): number {
  const text = JSON.stringify(item, null, 2);
  const lines = text.split('\n').length;
  return Buffer.byteLength(text) + 4 * lines + 2;
}

function setText(description: string, articlesDir: string, items: readonly Conversion[]): string {
  const pairs = items.flatMap((item) => ('case' in item ? [item.case] : []));
  const notReplayable = items.flatMap((item) => ('skipped' in item ? [item.skipped] : []));
  return `${JSON.stringify({ description, articlesDir, pairs, notReplayable }, null, 2)}\n`;
}

/**
 * The newest reports that fit in what `npm run eval` reads (EVAL_MAX_BYTES as written, pretty-printed, with the
 * notReplayable list; EVAL_MAX_PAIRS pairs): each item's written size is budgeted, and the text is measured once
 * more at the end. Older reports past the budget are left out, and counted.
 */
function fitted(items: Converted, description: string, articlesDir: string) {
  let bytes = Buffer.byteLength(setText(description, articlesDir, [])) + EXPORT_SLACK_BYTES;
  let pairs = 0;
  const kept: Conversion[] = [];
  for (const item of items) {
    const size = writtenBytes('case' in item ? item.case : item.skipped);
    if (bytes + size > EVAL_MAX_BYTES || ('case' in item && pairs >= EVAL_MAX_PAIRS)) continue;
    bytes += size;
    if ('case' in item) pairs++;
    kept.push(item);
  }
  let text = setText(description, articlesDir, kept);
  while (Buffer.byteLength(text) > EVAL_MAX_BYTES && kept.length > 0) {
    kept.pop();
    text = setText(description, articlesDir, kept);
  }
  return { kept, text, leftOut: items.length - kept.length };
}

export async function exportReports(
  keyv: Keyv,
  store: ArticleStore,
  options: { readonly out: string; readonly guildId?: string | undefined; readonly now?: Date },
): Promise<ExportSummary> {
  const { reports } = await newestReports(keyv, { guildId: options.guildId, limit: EVAL_MAX_PAIRS });
  const articlesDir = `${path.basename(options.out, '.json')}-articles`;
  const description = `Answers members reported as wrong (npm run reports -- export, ${(options.now ?? new Date()).toISOString()}${options.guildId ? `, server ${options.guildId}` : ''}). Each pair expects the reported answer not to be given again: it counts as right when the answerer refuses. Add the sentence that does answer a question as "gold" and set "answerable": true once someone has checked the article.`;
  const { kept, text, leftOut } = fitted(await convert(reports, store), description, articlesDir);
  const folder = path.join(path.dirname(options.out), articlesDir);
  await mkdir(folder, { recursive: true });
  const articles = new Map(kept.flatMap((item) => ('case' in item ? [[item.article.id, item.article]] : [])));
  for (const article of articles.values())
    await writeFile(path.join(folder, articleFileName(article)), articleFileText(article));
  await writeFile(options.out, text);
  const notReplayable = kept.flatMap((item) => ('skipped' in item ? [item.skipped] : []));
  return { cases: kept.length - notReplayable.length, notReplayable, leftOut, articlesDir };
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
