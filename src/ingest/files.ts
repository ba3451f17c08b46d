import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import type { Article, ArticleStore, UpsertOutcome } from '../articles/article.ts';
import { articleIdFromFileName } from '../articles/parse/parse.ts';
import { errorMessage, UserFacingError } from '../core/errors.ts';
import type { Foreground } from '../core/foreground.ts';
import { type Logger, silentLogger } from '../core/log.ts';
import type { WorkerPool } from '../core/workers/pool.ts';
import { type FileParse, type FileParser, fileParser, sharedFileParser } from './file-parse.ts';
import { linkTarget, namedLinkReason, walkArticleFolder } from './folder-walk.ts';
import { forEachInOrder } from './in-order.ts';

/**
 * Files being read and parsed at once: two jobs of the ingest worker's (FILE_BATCH_FILES each), one parsed while
 * the event loop stores the one before. Their size is not known until they are read: at most 32 ×
 * MAX_ARTICLE_BYTES.
 */
export const READ_CONCURRENCY = 32;
/**
 * Files in flight at once (being read and parsed, waiting for their catalogue analysis, being stored): a parse
 * lasts ~0.1 ms and a stored article waits several for its analysis and its commit, so 32 in flight left the
 * three stages idle a fifth of the time; 128 kept them busy (import ~1.2-1.35x faster, interleaved). Bounded in
 * size too: parsed articles not yet handed on hold at most this many characters (~64 MB) before no more is read.
 */
export const FILES_IN_FLIGHT = 128;
const PARSED_CHARS_IN_FLIGHT = 32 * 1024 * 1024;
const GLOB_MAGIC = /[*?[\]{}]/;

export interface IngestFailure {
  readonly path: string;
  readonly reason: string;
}

export interface IngestOutcome {
  new: number;
  updated: number;
  unchanged: number;
  /** Articles parsed (stored or, in a dry run, only parsed). */
  parsed: number;
  readonly failed: IngestFailure[];
}

export interface IngestedArticle {
  readonly path: string;
  readonly article: Article;
  /** What the store did; null in a dry run. */
  readonly outcome: UpsertOutcome | null;
  readonly warnings: readonly string[];
}

/** Where an import writes: the store, or nowhere in a dry run (which only parses; a store given is not used). */
export type IngestTarget =
  | { readonly dryRun: false; readonly store: ArticleStore }
  | { readonly dryRun: true; readonly store?: ArticleStore | undefined };

export type IngestOptions = IngestTarget & IngestCallbacks;

export interface IngestCallbacks {
  /** Called in input order, once per parsed article. */
  readonly onArticle?: (ingested: IngestedArticle) => void;
  readonly onProgress?: (progress: { readonly done: number; readonly total: number }) => void;
  /** Called once per failure, in input order: a missing path, an empty folder, a file that does not parse. */
  readonly onFailure?: (failure: IngestFailure) => void;
  readonly logger?: Logger;
  readonly concurrency?: number;
  /**
   * The folder the paths were found in (the ARTICLES_DIR watcher): a file whose real place is outside it is
   * refused. Files found by walking a folder or glob given in `paths` are held to that folder without it.
   */
  readonly root?: string;
  /** The bot's interactions, which each file gives way to (src/core/foreground.ts): the watcher's, not the CLI's. */
  readonly foreground?: Foreground | undefined;
  /**
   * Where files are read and parsed: by default the process's ingest worker (src/ingest/file-parse.ts); null
   * parses them in the process.
   */
  readonly fileWorkers?: WorkerPool | null;
}

type FileResult = { readonly failure: IngestFailure } | { readonly ingested: IngestedArticle };

/** The characters a parsed article holds (a failure holds only its reason). */
function parsedChars(parsed: FileParse): number {
  if (!parsed.ok) return 0;
  let chars = parsed.article.title.length;
  for (const paragraph of parsed.article.paragraphs) chars += paragraph.length;
  return chars;
}

/**
 * Imports article files, folders (walked recursively for *.txt and *.md) and globs into the store, or only parses
 * them in a dry run. A file that fails is reported and skipped; only a failing store stops the run (thrown as a
 * UserFacingError that says how far it got).
 */
export async function ingestPaths(paths: readonly string[], options: IngestOptions): Promise<IngestOutcome> {
  const outcome: IngestOutcome = { new: 0, updated: 0, unchanged: 0, parsed: 0, failed: [] };
  const fail = (failure: IngestFailure) => {
    outcome.failed.push(failure);
    options.onFailure?.(failure);
  };
  const { files, failures, rootOf } = await collectArticleFiles(paths);
  for (const failure of failures) fail(failure);
  const record = (result: FileResult) => {
    if ('failure' in result) return fail(result.failure);
    outcome.parsed += 1;
    if (result.ingested.outcome !== null) outcome[result.ingested.outcome] += 1;
    options.onArticle?.(result.ingested);
  };
  const realRootOf = realPathsOnce();
  const parse = parserFor(options);
  const readFile = async (file: string): Promise<FileParse> => {
    await options.foreground?.yield();
    const root = rootOf.get(file) ?? options.root;
    const realRoot = root === undefined ? undefined : await realRootOf(root);
    return parse(realRoot === undefined ? { file } : { file, realRoot });
  };
  const storeFile = async (parsed: FileParse, file: string): Promise<FileResult> => {
    if (!parsed.ok) return { failure: { path: file, reason: parsed.reason } };
    const stored = options.dryRun ? null : await saveOrStop(options.store, file, parsed.article);
    return { ingested: { path: file, article: parsed.article, outcome: stored, warnings: parsed.warnings } };
  };
  const limits = {
    items: options.concurrency ?? FILES_IN_FLIGHT,
    firstStage: Math.min(READ_CONCURRENCY, options.concurrency ?? READ_CONCURRENCY),
    weigh: parsedChars,
    maxWeight: PARSED_CHARS_IN_FLIGHT,
  };
  await forEachInOrder(files, limits, { first: readFile, second: storeFile }, record, (done) =>
    options.onProgress?.({ done, total: files.length }),
  );
  return outcome;
}

/** Each import folder's real path, resolved once per import (a folder holds thousands of files). */
function realPathsOnce(): (folder: string) => Promise<string> {
  const resolved = new Map<string, Promise<string>>();
  return (folder) => {
    let real = resolved.get(folder);
    if (real === undefined) {
      // A folder that cannot be resolved is compared as given: the files in it then fail their own checks.
      real = realpath(folder).catch(() => path.resolve(folder));
      resolved.set(folder, real);
    }
    return real;
  };
}

function parserFor(options: IngestOptions): FileParser {
  const logger = options.logger ?? silentLogger;
  const parse =
    options.fileWorkers === null ? fileParser(null) : sharedFileParser(options.fileWorkers, logger);
  return async (file) => {
    const parsed = await parse(file);
    if ('stack' in parsed)
      logger.error(
        { stack: parsed.stack, path: file.file },
        'unexpected error while parsing an article file',
      );
    return parsed;
  };
}

async function saveOrStop(store: ArticleStore, file: string, article: Article) {
  try {
    return (await store.upsert(article)).outcome;
  } catch (error) {
    // Reads run ahead of writes, so the exact count saved is not known here; what matters is that it is kept.
    throw new UserFacingError(
      `${errorMessage(error)}\nImport stopped at ${file}; the articles imported before it are saved. ` +
        'Run ingest again once the store is fixed: unchanged files are skipped.',
      error instanceof UserFacingError ? error.code : 'store-write-failed',
    );
  }
}

/**
 * Expands the arguments into article files, each once, in a stable order. A missing path, a glob that matches
 * nothing, a folder without articles, a symbolic link (named, or found in a folder) and two files that would
 * share one id are failures, named.
 */
export async function collectArticleFiles(args: readonly string[]): Promise<{
  files: string[];
  failures: IngestFailure[];
  /** The folder each file was found in (walk or glob), which it must really be inside when it is read. */
  rootOf: Map<string, string>;
}> {
  const files: string[] = [];
  const failures: IngestFailure[] = [];
  const rootOf = new Map<string, string>();
  const seenPaths = new Set<string>();
  const pathById = new Map<string, string>();
  for (const arg of args) {
    const expanded = await expandArgument(arg);
    if ('reason' in expanded) {
      failures.push({ path: arg, reason: expanded.reason });
      continue;
    }
    failures.push(...expanded.skipped);
    for (const file of expanded.files) {
      const resolved = path.resolve(file);
      if (seenPaths.has(resolved)) continue;
      seenPaths.add(resolved);
      const id = articleIdFromFileName(file);
      const owner = pathById.get(id);
      if (owner === undefined) {
        pathById.set(id, file);
        files.push(file);
        if (expanded.root !== undefined) rootOf.set(file, expanded.root);
      } else {
        failures.push({ path: file, reason: `same article id "${id}" as ${owner}: rename one of them` });
      }
    }
  }
  return { files, failures, rootOf };
}

type Expanded = { files: string[]; skipped: IngestFailure[]; root?: string } | { reason: string };

async function expandArgument(arg: string): Promise<Expanded> {
  const target = await linkTarget(arg);
  if (target !== null) return { reason: namedLinkReason(arg, target) };
  const info = await stat(arg).catch(() => null);
  if (info?.isFile()) return { files: [arg], skipped: [] };
  if (info?.isDirectory()) {
    const { files, links } = await walkArticleFolder(arg);
    const skipped = links.map(({ path: link, reason }) => ({ path: link, reason }));
    if (files.length === 0 && skipped.length === 0)
      return { reason: 'folder has no article files (*.txt, *.md)' };
    return { files: files.sort(), skipped, root: arg };
  }
  if (info) return { reason: 'not a regular file or folder' };
  if (GLOB_MAGIC.test(arg)) return expandGlob(arg);
  return { reason: 'no such file or folder' };
}

/** A glob never matches a symbolic link nor walks through one (tinyglobby leaves them out, unnamed). */
async function expandGlob(pattern: string): Promise<Expanded> {
  const found = await glob(pattern, {
    onlyFiles: true,
    expandDirectories: false,
    followSymbolicLinks: false,
  });
  if (found.length === 0) return { reason: 'no file matches this pattern' };
  return { files: found.sort(), skipped: [], root: globBase(pattern) };
}

/** The folder a glob searches: its path up to the first segment with a wildcard ("news/*\/*.txt" → "news"). */
function globBase(pattern: string): string {
  const segments = pattern.split(/[\\/]/);
  const magic = segments.findIndex((segment) => GLOB_MAGIC.test(segment));
  const base = segments.slice(0, magic === -1 ? segments.length - 1 : magic).join('/');
  return base === '' ? (pattern.startsWith('/') ? '/' : '.') : base;
}
