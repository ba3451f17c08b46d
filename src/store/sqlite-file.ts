import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { notSqliteError, type StoreTarget, unwritableFolderError } from './store-errors.ts';

export const DEFAULT_SQLITE_FILE = './data/newsdesk.sqlite';
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** `sqlite://./data/x.sqlite` → `./data/x.sqlite`; `sqlite:///abs/x.sqlite` → `/abs/x.sqlite`; empty → default. */
export function sqliteFileFromUrl(url: string): string {
  const file = url.replace(/^sqlite:\/\//, '').replace(/[?#].*$/, '');
  return file === '' ? DEFAULT_SQLITE_FILE : file;
}

export const isInMemorySqlite = (file: string) => file === ':memory:';

/** Creates the folder on first use; fails with a clear message when it cannot be created or written. */
async function prepareFolder(folder: string, target: StoreTarget): Promise<void> {
  try {
    await fs.mkdir(folder, { recursive: true });
    await fs.access(folder, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw unwritableFolderError(folder, target, error);
  }
}

/**
 * Checks an existing file BEFORE SQLite opens it: a file that is not a database (or a folder) fails here, with its
 * bytes untouched, instead of somewhere inside the driver.
 */
async function checkExistingFile(file: string, target: StoreTarget): Promise<void> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (stat === undefined) return;
  if (!stat.isFile()) throw notSqliteError(target, 'it is not a regular file');
  try {
    await fs.access(file, constants.R_OK | constants.W_OK);
  } catch (error) {
    throw unwritableFolderError(path.dirname(file), target, error);
  }
  if (stat.size === 0) return; // SQLite treats an empty file as an empty database.
  const handle = await fs.open(file, 'r');
  try {
    const header = Buffer.alloc(SQLITE_HEADER.length);
    const { bytesRead } = await handle.read(header, 0, header.length, 0);
    if (bytesRead < header.length || !header.equals(SQLITE_HEADER)) {
      throw notSqliteError(target, 'the file does not start with the SQLite header');
    }
  } finally {
    await handle.close();
  }
}

/** Everything that can be checked about a SQLite file without opening it. */
export async function prepareSqliteFile(file: string, target: StoreTarget): Promise<void> {
  if (isInMemorySqlite(file)) return;
  await prepareFolder(path.dirname(path.resolve(file)), target);
  await checkExistingFile(file, target);
}
