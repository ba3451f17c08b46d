import { parseArgs } from 'node:util';
import type Keyv from 'keyv';
import type { Article } from '../articles/article.ts';
import { runWithConfig } from '../core/cli-support.ts';
import type { Config } from '../core/config.ts';
import { errorMessage, UserFacingError } from '../core/errors.ts';
import type { Logger } from '../core/log.ts';
import {
  type IngestFailure,
  type IngestOptions,
  type IngestOutcome,
  type IngestTarget,
  ingestPaths,
} from '../ingest/files.ts';
import { type IngestionTarget, ingestUrls, loadFeedDefinitions } from '../ingest/sources.ts';
import { defaultIngestDeps, type IngestCliDeps, type TextSink } from './ingest-deps.ts';
import { printFeedStatus, watchSources } from './ingest-watch.ts';

const USAGE = `Usage: npm run ingest -- <file|folder|glob|feed URL|article URL>… [--dry-run] [--json]
       npm run ingest -- --watch     keep polling NEWS_FEEDS and watching ARTICLES_DIR until Ctrl+C
       npm run ingest -- --status    show each feed's state (last poll, failures, next poll)
  --dry-run   parse only and store nothing
  --json      print each article as one JSON line on stdout (id, title, category, disclaimer, paragraphs, hash);
              the summary line then goes to stderr
With no argument, ARTICLES_DIR is imported.`;

/** Non-terminal progress: one line per this many files, so a log of a big import stays short. */
const PROGRESS_EVERY_FILES = 500;
/** Terminal progress: a redrawn line at most this often. */
const PROGRESS_REDRAW_MS = 100;

/** The kinds of argument ingest knows. Files, folders and globs are imported; the others are reserved. */
export type SourceKind = 'path' | 'url';

export function sourceKind(arg: string): SourceKind {
  return /^https?:\/\//i.test(arg) ? 'url' : 'path';
}

type SourceHandler = (args: readonly string[], options: IngestOptions) => Promise<IngestOutcome>;

/** Feed and article URLs go through the feed poller's fetcher; files, folders and globs through ingestPaths. */
function sourceHandlers(config: Config, feedState: Keyv | undefined): Record<SourceKind, SourceHandler> {
  return {
    path: ingestPaths,
    url: async (urls, options) =>
      ingestUrls(
        urls,
        {
          ...urlTarget(options, feedState),
          logger: options.logger,
          feeds: await loadFeedDefinitions(config.feeds.urls, config.feeds.file),
          fetching: config.fetch,
          onArticle: (article, outcome) =>
            options.onArticle?.({ path: article.url ?? article.id, article, outcome, warnings: [] }),
        },
        options.onFailure,
      ),
  };
}

/** A dry run writes nowhere; otherwise runIngest has opened the feeds' state, as URLs are among the sources. */
function urlTarget(target: IngestTarget, feedState: Keyv | undefined): IngestionTarget {
  if (target.dryRun) return { dryRun: true, store: target.store };
  if (!feedState) throw new Error('ingest: URLs to store need the feeds state');
  return { store: target.store, feedState };
}

function parseIngestFlags(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        watch: { type: 'boolean', default: false },
        status: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UserFacingError(`${errorMessage(error)}\n${USAGE}`, 'usage');
  }
}

/** The exact JSON line of `--json`: scripts rely on these fields. */
export function articleJsonLine(article: Article): string {
  const { id, title, category, disclaimer, paragraphs, hash } = article;
  return `${JSON.stringify({ id, title, category, disclaimer, paragraphs, hash })}\n`;
}

export function summaryLine(outcome: IngestOutcome, dryRun: boolean): string {
  const failed = outcome.failed.length;
  return dryRun
    ? `${outcome.parsed} parsed, ${failed} failed (dry run: nothing stored)`
    : `${outcome.new} new, ${outcome.updated} updated, ${outcome.unchanged} unchanged, ${failed} failed`;
}

function progressPrinter(stderr: TextSink, now: () => number) {
  let lastDrawMs = 0;
  let drawn = false;
  const clear = () => {
    if (drawn) stderr.write('\r\u001b[K');
    drawn = false;
  };
  const show = ({ done, total }: { done: number; total: number }) => {
    if (stderr.isTTY) {
      if (now() - lastDrawMs < PROGRESS_REDRAW_MS && done < total) return;
      lastDrawMs = now();
      stderr.write(`\r${done}/${total} files`);
      drawn = true;
    } else if (done % PROGRESS_EVERY_FILES === 0) {
      stderr.write(`${done}/${total} files\n`);
    }
  };
  return { show, clear };
}

async function ingestSources(
  sources: readonly string[],
  handlers: Record<SourceKind, SourceHandler>,
  options: IngestOptions,
): Promise<IngestOutcome> {
  const total: IngestOutcome = { new: 0, updated: 0, unchanged: 0, parsed: 0, failed: [] };
  for (const kind of Object.keys(handlers) as SourceKind[]) {
    const args = sources.filter((source) => sourceKind(source) === kind);
    if (args.length === 0) continue;
    const outcome = await handlers[kind](args, options);
    total.new += outcome.new;
    total.updated += outcome.updated;
    total.unchanged += outcome.unchanged;
    total.parsed += outcome.parsed;
    total.failed.push(...outcome.failed);
  }
  return total;
}

/** `ingest` with its dependencies: returns the exit code (0 only when every source imported cleanly). */
export async function runIngest(
  argv: readonly string[],
  config: Config,
  logger: Logger,
  deps: IngestCliDeps = defaultIngestDeps,
): Promise<number> {
  const { values, positionals } = parseIngestFlags(argv);
  if (values.help) {
    deps.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.watch) return watchSources(config, logger, deps);
  if (values.status) return printFeedStatus(config, logger, deps);
  const dryRun = values['dry-run'];
  const sources = positionals.length > 0 ? positionals : config.articlesDir ? [config.articlesDir] : [];
  if (sources.length === 0) throw new UserFacingError(`Nothing to import.\n${USAGE}`, 'usage');
  const progress = progressPrinter(deps.stderr, deps.now);
  const target: IngestTarget = dryRun
    ? { dryRun: true }
    : { dryRun: false, store: await deps.openStore(config, logger) };
  const needsFeedState = !dryRun && sources.some((source) => sourceKind(source) === 'url');
  const feedState = needsFeedState ? await deps.openFeedState(config, logger) : undefined;
  try {
    const outcome = await ingestSources(sources, sourceHandlers(config, feedState), {
      ...target,
      logger,
      onProgress: progress.show,
      onFailure: (failure: IngestFailure) => {
        progress.clear();
        deps.stderr.write(`${failure.path}: ${failure.reason}\n`);
      },
      onArticle: ({ path, article, warnings }) => {
        if (warnings.length > 0) logger.warn({ path, warnings }, 'article parsed with warnings');
        if (values.json) deps.stdout.write(articleJsonLine(article));
      },
    });
    progress.clear();
    (values.json ? deps.stderr : deps.stdout).write(`${summaryLine(outcome, dryRun)}\n`);
    if (outcome.parsed === 0 && outcome.failed.length === 0) deps.stderr.write('No article found.\n');
    return outcome.failed.length === 0 && outcome.parsed > 0 ? 0 : 1;
  } finally {
    progress.clear();
    await feedState?.disconnect();
    await target.store?.close();
  }
}

/** `npm run ingest -- <file|folder|glob>… [--dry-run] [--json]` */
export function run(argv: readonly string[]): Promise<number> {
  return runWithConfig((config, logger) => runIngest(argv, config, logger));
}
