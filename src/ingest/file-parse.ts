import { type ArticleFileSystem, asyncFileSystem, syncFileSystem } from '../articles/parse/file-system.ts';
import { type ParseResult, parseArticleFile } from '../articles/parse/parse.ts';
import { errorMessage } from '../core/errors.ts';
import { type Logger, silentLogger } from '../core/log.ts';
import { JobBatches } from '../core/workers/job-batches.ts';
import type { WorkerPool } from '../core/workers/pool.ts';
import { processIngestPool } from './worker-pool.ts';

/**
 * Reading and parsing article files (src/articles/parse) as an ingest worker job: with its language detection it
 * is most of what a file import costs, ~0.3 ms a file, and in the bot it would run on the thread that must
 * acknowledge interactions (the ARTICLES_DIR watcher).
 */
export const PARSE_FILES_JOB = 'parse-article-files';

/**
 * Files per job: half the import's files in flight (src/ingest/files.ts), so one job is parsed while the one
 * before is stored. A job of the largest files (16 × 5 MB) still ends inside the ingest pool's budget; a few-KB
 * article costs ~0.2 ms.
 */
export const FILE_BATCH_FILES = 16;
/** After the worker failed, files are parsed in the process this long before a worker is tried again. */
const FILE_WORKER_RETRY_MS = 5_000;

export interface FileToParse {
  readonly file: string;
  /** The import folder's real path: a file really outside it is refused (src/articles/parse/read-text.ts). */
  readonly realRoot?: string;
}

/** A parse, or a failure the parser did not foresee, with its stack for the log (a worker cannot log it). */
export type FileParse = ParseResult | { readonly ok: false; readonly reason: string; readonly stack: string };

/** Never throws: a file that breaks the parser fails with the reason, and the rest of the import goes on. */
export async function parseFileSafely(
  { file, realRoot }: FileToParse,
  fileSystem: ArticleFileSystem = asyncFileSystem,
): Promise<FileParse> {
  try {
    return await parseArticleFile(
      file,
      {},
      realRoot === undefined ? { fileSystem } : { realRoot, fileSystem },
    );
  } catch (error) {
    const stack = (error instanceof Error && error.stack) || String(error);
    return { ok: false, reason: `unexpected error: ${errorMessage(error)}`, stack };
  }
}

/** The worker side: a job's files are read one after another, with synchronous calls (see ArticleFileSystem). */
export async function parseFilesJob(files: readonly FileToParse[]): Promise<FileParse[]> {
  const parsed: FileParse[] = [];
  for (const file of files) parsed.push(await parseFileSafely(file, syncFileSystem));
  return parsed;
}

export type FileParser = (file: FileToParse) => Promise<FileParse>;

/** Parses files in `pool`'s worker, batched; in the process while the worker starts or after it failed. */
export function fileParser(pool: (() => WorkerPool) | null, logger: Logger = silentLogger): FileParser {
  const batches = new JobBatches<FileToParse, FileParse>({
    pool,
    job: PARSE_FILES_JOB,
    inProcess: (file) => parseFileSafely(file),
    maxItems: FILE_BATCH_FILES,
    retryMs: FILE_WORKER_RETRY_MS,
    // A file's parse is bounded by its size only: one that stops the worker is refused, not parsed on the loop.
    failedAlone: (_file, error) => ({
      ok: false,
      reason: `${error.message} while parsing this file alone; check that it is an article (it was not parsed anywhere else)`,
    }),
    failureWarning: 'ingest worker failed: parsing article files in this process for now',
    logger,
  });
  return (file) => batches.run(file);
}

/**
 * One parser per pool (the process's ingest pool by default), for every import through it: the watcher calls in
 * with a few files at a time, and each call must find the worker the calls before it started ready, not start
 * over parsing in the process while it checks the worker. The first caller's logger is the parser's.
 */
const parsers = new WeakMap<WorkerPool | (() => WorkerPool), FileParser>();

export function sharedFileParser(pool: WorkerPool | undefined, logger: Logger): FileParser {
  const key = pool ?? processIngestPool;
  let parser = parsers.get(key);
  if (parser === undefined) {
    parser = fileParser(pool ? () => pool : processIngestPool, logger);
    parsers.set(key, parser);
  }
  return parser;
}
