import { isUtf8 } from 'node:buffer';
import { constants } from 'node:fs';
import path from 'node:path';
import { type ArticleFileSystem, asyncFileSystem } from './file-system.ts';

/** One article is a few KB; anything past this is a dump, a log or a wrong file, refused before it is read. */
export const MAX_ARTICLE_BYTES = 5 * 1024 * 1024;

export type ReadText =
  | { readonly ok: true; readonly text: string; readonly modifiedAt: Date }
  | { readonly ok: false; readonly reason: string };

const CONVERT_HINT = 'save it as UTF-8 (e.g. `iconv -f windows-1252 -t utf-8`)';

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${bytes} bytes`;
}

const isContinuationByte = (byte: number | undefined) => byte !== undefined && (byte & 0xc0) === 0x80;

function decodesAsUtf8(bytes: Uint8Array, stream: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream });
    return true;
  } catch {
    return false;
  }
}

/** Where the byte sequence that ends just before `end` began: back over continuation bytes to the lead byte. */
function sequenceStart(bytes: Uint8Array, end: number): number {
  let start = end - 1;
  while (start > 0 && end - start < 4 && isContinuationByte(bytes[start])) start -= 1;
  return Math.max(start, 0);
}

/**
 * The offset of the first invalid UTF-8 sequence. A streaming decode tolerates a sequence cut at the end, so
 * "the prefix of length n decodes" is monotonic in n: a binary search finds the first byte that fails, and the
 * sequence it interrupted (if any) is where the bad text starts.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  if (decodesAsUtf8(bytes, true)) return sequenceStart(bytes, bytes.length); // only the last sequence is cut
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    if (decodesAsUtf8(bytes.subarray(0, middle), true)) good = middle;
    else bad = middle;
  }
  const failing = bad - 1;
  return decodesAsUtf8(bytes.subarray(0, failing), false) ? failing : sequenceStart(bytes, failing);
}

/** Why these bytes are not a UTF-8 text article, or null when they are. */
export function refuseBytes(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return 'empty file: nothing to import';
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return `UTF-16 text, not UTF-8: ${CONVERT_HINT.replace('windows-1252', 'utf-16')}`;
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) return `binary file (NUL byte at offset ${nul}), not a text article`;
  if (!isUtf8(bytes)) {
    return `not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8Offset(bytes)}): ${CONVERT_HINT}`;
  }
  return null;
}

/** What Linux appends to a descriptor's path once the file it names has been removed. */
const REMOVED_SUFFIX = ' (deleted)';

/**
 * What the opened descriptor really is: the kernel's own path for it, immune to links swapped in on the way. On
 * Linux that is /proc/self/fd/N's link text, already free of links (one readlink; resolving the link again with
 * realpath costs a call per component of the path, a tenth of a file's parse in the ingest worker).
 */
async function openedFilePath(fs: ArticleFileSystem, fd: number, file: string): Promise<string | null> {
  if (process.platform === 'linux') {
    const real = await fs.readlink(`/proc/self/fd/${fd}`).catch(() => null);
    if (real !== null && path.isAbsolute(real) && !real.endsWith(REMOVED_SUFFIX)) return real;
  }
  // Elsewhere (or without /proc): the path's real form, believed only if it names the very file that was opened.
  const real = await fs.realpath(file);
  const [named, opened] = await Promise.all([fs.stat(real), fs.fstat(fd)]);
  return named.dev === opened.dev && named.ino === opened.ino ? real : null;
}

/**
 * Why the opened file is not inside the import folder, or null when it is. The walk checked each folder, but a
 * folder on the way can be swapped for a link (to a private folder, say) before the file is opened; O_NOFOLLOW
 * guards only the last name, so where the file really is is checked on the open descriptor itself.
 */
async function outsideRoot(
  fs: ArticleFileSystem,
  fd: number,
  file: string,
  realRoot: string,
): Promise<string | null> {
  const real = await openedFilePath(fs, fd, file);
  if (real === null) return 'the file was replaced while it was being opened; save it again to import it';
  const relative = path.relative(realRoot, real);
  // A name such as "..notes.txt" is inside; only ".." itself, or a path through it, climbs out.
  const climbsOut = relative === '..' || relative.startsWith(`..${path.sep}`);
  if (relative !== '' && !climbsOut && !path.isAbsolute(relative)) return null;
  return `skipped: it is really ${real}, outside the folder ${realRoot} (a folder on its path was replaced by a link); newsdesk only imports files inside the folder`;
}

export interface ReadArticleOptions {
  /**
   * The import folder's real path (the caller resolves it once per import, not once per file): a file whose real
   * place is not inside it is refused (see outsideRoot).
   */
  readonly realRoot?: string;
  /** How the file is read: asynchronously by default; synchronously in a worker (src/ingest/file-parse.ts). */
  readonly fileSystem?: ArticleFileSystem;
}

// O_NOFOLLOW: a file swapped for a symbolic link after the folder walk checked it is refused, not followed.
// O_NONBLOCK: one swapped for a named pipe opens at once (and is refused below) instead of holding a thread until
// some writer comes; on a regular file it changes nothing.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/**
 * Reads an article file as text, refusing what cannot be one. One descriptor serves the size check and the read
 * (four file-system calls, where stat + readFile take six: this runs thousands of times a second on ingest). The
 * size is checked before any byte is read. A leading byte-order mark is dropped.
 */
export async function readArticleText(file: string, options: ReadArticleOptions = {}): Promise<ReadText> {
  const fs = options.fileSystem ?? asyncFileSystem;
  let fd: number | undefined;
  try {
    fd = await fs.open(file, OPEN_FLAGS);
    const info = await fs.fstat(fd);
    if (!info.isFile()) return { ok: false, reason: 'not a regular file' };
    const outside = options.realRoot === undefined ? null : await outsideRoot(fs, fd, file, options.realRoot);
    if (outside !== null) return { ok: false, reason: outside };
    if (info.size > MAX_ARTICLE_BYTES) return { ok: false, reason: tooLarge(info.size) };
    const buffer = Buffer.allocUnsafe(info.size);
    const bytes = buffer.subarray(0, await fs.read(fd, buffer));
    const refusal = refuseBytes(bytes);
    if (refusal !== null) return { ok: false, reason: refusal };
    return { ok: true, text: new TextDecoder('utf-8').decode(bytes), modifiedAt: info.mtime };
  } catch (error) {
    return { ok: false, reason: describeFsError(error) };
  } finally {
    if (fd !== undefined) await fs.close(fd);
  }
}

function tooLarge(size: number): string {
  return `${formatBytes(size)}, over the ${formatBytes(MAX_ARTICLE_BYTES)} limit for one article: check it is an article, or split it`;
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied: make it readable';
  if (code === 'EISDIR') return 'is a folder, not a file';
  if (code === 'ELOOP') return 'a symbolic link: newsdesk only imports regular files, never through a link';
  return error instanceof Error ? error.message : String(error);
}
