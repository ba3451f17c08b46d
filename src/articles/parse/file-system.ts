import fs, { type Stats } from 'node:fs';
import { promisify } from 'node:util';

/**
 * The file-system calls reading an article file makes (src/articles/parse/read-text.ts), by descriptor. Two
 * ways to make them: asynchronously, on the event loop, where a slow disk must not stall the bot; and
 * synchronously, in the ingest worker, where each asynchronous call would cost a thread-pool round trip and a
 * promise — a fifth of a file's parse — for a wait the worker has no other use for.
 */
export interface ArticleFileSystem {
  open(file: string, flags: number): Promise<number>;
  fstat(fd: number): Promise<Stats>;
  stat(file: string): Promise<Stats>;
  realpath(file: string): Promise<string>;
  /** A symbolic link's text, unresolved. */
  readlink(file: string): Promise<string>;
  /** Reads from the start of the file into `buffer`, up to its length; resolves with the bytes read. */
  read(fd: number, buffer: Buffer): Promise<number>;
  close(fd: number): Promise<void>;
}

const openAsync = promisify(fs.open);
const fstatAsync = promisify(fs.fstat);
const readAsync = promisify(fs.read);
const closeAsync = promisify(fs.close);

export const asyncFileSystem: ArticleFileSystem = {
  open: (file, flags) => openAsync(file, flags),
  fstat: (fd) => fstatAsync(fd),
  stat: (file) => fs.promises.stat(file),
  realpath: (file) => fs.promises.realpath(file),
  readlink: (file) => fs.promises.readlink(file),
  read: async (fd, buffer) => (await readAsync(fd, buffer, 0, buffer.length, 0)).bytesRead,
  close: (fd) => closeAsync(fd),
};

export const syncFileSystem: ArticleFileSystem = {
  open: async (file, flags) => fs.openSync(file, flags),
  fstat: async (fd) => fs.fstatSync(fd),
  stat: async (file) => fs.statSync(file),
  realpath: async (file) => fs.realpathSync.native(file),
  readlink: async (file) => fs.readlinkSync(file),
  read: async (fd, buffer) => fs.readSync(fd, buffer, 0, buffer.length, 0),
  close: async (fd) => fs.closeSync(fd),
};
