import type { Dirent } from 'node:fs';
import { lstat, readdir, readlink, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * What newsdesk imports from a folder: regular *.txt and *.md files inside it, never through a symbolic link.
 * Whoever can drop a file into the folder can also drop a link to ../.env or to /etc; following it would put
 * that file into the store, and /ask would quote it to anyone.
 */

export const ARTICLE_EXTENSIONS: ReadonlySet<string> = new Set(['.txt', '.md']);

export interface SkippedLink {
  readonly path: string;
  /** Where the link points, as written in the link. */
  readonly target: string;
  readonly reason: string;
}

export interface FolderContents {
  readonly files: string[];
  readonly links: SkippedLink[];
}

const isArticleName = (name: string) => ARTICLE_EXTENSIONS.has(path.extname(name).toLowerCase());

/** The named reason for a link found inside a folder. */
export function linkInFolderReason(target: string): string {
  return `skipped: a symbolic link (to ${target}); newsdesk only imports regular files inside the folder`;
}

/** The named reason for a link the operator named directly (an argument, or a file that became a link). */
export function namedLinkReason(link: string, target: string): string {
  const resolved = path.resolve(path.dirname(link), target);
  return (
    `skipped: a symbolic link (to ${target}); newsdesk does not follow links, because a shell glob such as ` +
    `folder/* names links for you. Name what it points to (${resolved}) if you mean it`
  );
}

/** Where a symbolic link points, or null when `file` is not one (a trailing slash does not hide a link). */
export async function linkTarget(file: string): Promise<string | null> {
  const bare = file.length > 1 ? file.replace(/[\\/]+$/, '') : file;
  const info = await lstat(bare).catch(() => null);
  if (!info?.isSymbolicLink()) return null;
  return readlink(bare).catch(() => '(unreadable)');
}

/** A link worth naming: one that would have been imported (an article name) or a folder it would walk into. */
async function skippedLink(full: string, name: string): Promise<SkippedLink | null> {
  const pointsAtFolder = (await stat(full).catch(() => null))?.isDirectory() ?? false;
  if (!pointsAtFolder && !isArticleName(name)) return null;
  const target = await readlink(full).catch(() => '(unreadable)');
  return { path: full, target, reason: linkInFolderReason(target) };
}

/**
 * Every article file under `dir` (recursively, hidden entries left out, sorted per folder) and every symbolic
 * link that was skipped. `dir` itself is the operator's choice and may be reached through a link.
 */
export async function walkArticleFolder(dir: string, into: FolderContents = { files: [], links: [] }) {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return into; // a folder removed between scans (or not there yet) has no files
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue; // editor swap and lock files, hidden folders
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) {
      const link = await skippedLink(full, entry.name);
      if (link) into.links.push(link);
    } else if (entry.isDirectory()) await walkArticleFolder(full, into);
    else if (entry.isFile() && isArticleName(entry.name)) into.files.push(full);
  }
  return into;
}
