import { stat } from 'node:fs/promises';
import { errorMessage } from '../core/errors.ts';
import { type Logger, silentLogger } from '../core/log.ts';
import { type SkippedLink, walkArticleFolder } from './folder-walk.ts';

/**
 * Watches ARTICLES_DIR by scanning it: a new or changed article file is handed to `ingest` once its size and
 * modification time have held still for one scan, so a file still being written is never read half-way.
 *
 * A scan, not fs.watch: recursive fs.watch on Linux under Node 20 walks the tree asynchronously and misses events
 * (nodejs/node#48437), and plain inotify watches miss files in folders created after start. A scan of mtime and
 * size every couple of seconds is simple, portable and honest about its cost (one stat per file per scan).
 *
 * Symbolic links in the folder are skipped and named in the log once each (not at every scan).
 */

export const WATCH_INTERVAL_MS = 2_000;

export interface WatchOptions {
  readonly dir: string;
  /** Imports the given files (ingestPaths). Throwing leaves them to be tried again at the next scan. */
  /** Imports the paths; `root` is the folder they must really be inside when read (ingestPaths' root). */
  readonly ingest: (paths: string[], scope: { readonly root: string }) => Promise<unknown>;
  readonly intervalMs?: number;
  readonly logger?: Logger;
}

export interface DirectoryWatcher {
  /** Scans once now (the timer keeps running); resolves when that scan's files are ingested. */
  scan(): Promise<void>;
  /** Stops scanning; resolves once a scan in progress has finished. */
  stop(): Promise<void>;
}

interface Tracked {
  /** size:mtime at the last scan. */
  signature: string;
  /** The signature last handed to ingest, or null when it never was. */
  ingested: string | null;
}

async function signatureOf(file: string): Promise<string | null> {
  try {
    const info = await stat(file);
    return info.size === 0 ? null : `${info.size}:${info.mtimeMs}`; // an empty file is still being created
  } catch {
    return null;
  }
}

/** Logs each skipped link once while it stays; `named` holds only links present at this scan. */
function reportLinks(links: readonly SkippedLink[], named: Set<string>, dir: string, logger: Logger) {
  const present = new Set(links.map((link) => link.path));
  for (const known of named) if (!present.has(known)) named.delete(known);
  for (const link of links) {
    if (named.has(link.path)) continue;
    named.add(link.path);
    logger.warn(
      { dir, path: link.path, target: link.target },
      `articles folder: ${link.path}: ${link.reason}`,
    );
  }
}

/** Files whose signature held still since the last scan and differs from what was last ingested. */
async function settledChanges(files: readonly string[], tracked: Map<string, Tracked>): Promise<string[]> {
  const present = new Set(files);
  for (const file of tracked.keys()) if (!present.has(file)) tracked.delete(file);
  const ready: string[] = [];
  for (const file of files) {
    const signature = await signatureOf(file);
    if (signature === null) continue;
    const entry = tracked.get(file);
    if (!entry) tracked.set(file, { signature, ingested: null });
    else if (entry.signature !== signature) entry.signature = signature;
    else if (entry.ingested !== signature) ready.push(file);
  }
  return ready;
}

export function watchArticlesDir(options: WatchOptions): DirectoryWatcher {
  const logger = options.logger ?? silentLogger;
  const intervalMs = options.intervalMs ?? WATCH_INTERVAL_MS;
  const tracked = new Map<string, Tracked>();
  const namedLinks = new Set<string>();
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  async function scanOnce(): Promise<void> {
    const { files, links } = await walkArticleFolder(options.dir);
    reportLinks(links, namedLinks, options.dir, logger);
    const ready = await settledChanges(files, tracked);
    if (ready.length === 0) return;
    try {
      await options.ingest(ready, { root: options.dir });
      for (const file of ready) {
        const entry = tracked.get(file);
        if (entry) entry.ingested = entry.signature;
      }
      logger.info(
        { dir: options.dir, files: ready.length },
        'articles folder: ingested new or changed files',
      );
    } catch (error) {
      logger.error(
        { dir: options.dir, files: ready.length, err: errorMessage(error) },
        'articles folder: ingest failed; retrying at the next scan',
      );
    }
  }

  const scan = () => {
    running = running.then(scanOnce).catch((error: unknown) => {
      logger.error({ dir: options.dir, err: errorMessage(error) }, 'articles folder: scan failed');
    });
    return running;
  };
  const tick = () => {
    if (stopped) return;
    scan().finally(() => {
      if (!stopped) timer = setTimeout(tick, intervalMs);
    });
  };
  tick();
  return {
    scan,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
