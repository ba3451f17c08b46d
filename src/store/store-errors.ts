import path from 'node:path';
import { errorCode, errorMessage, UserFacingError } from '../core/errors.ts';
import { redactCredentials } from '../core/log.ts';
import { StoreTimeoutError } from './adapter-errors.ts';
import { isPostgresConnectionError } from './postgres.ts';
import { isRedisConnectionError } from './redis.ts';

/** Where a store lives, for messages: the STORE_URL as given (password hidden) and, for SQLite, the file. */
export interface StoreTarget {
  readonly url: string;
  readonly file: string | undefined;
  readonly busyTimeoutMs: number;
}

/** `redis://user:secret@host` → `redis://user:***@host`: a URL in a message or log never carries a password. */
/** A store URL as messages may show it: the same credential rules as every log line (src/core/log.ts). */
export function redactUrl(url: string): string {
  return redactCredentials(url);
}

const where = (target: StoreTarget) =>
  target.file === undefined
    ? `the store at STORE_URL=${redactUrl(target.url)}`
    : `the SQLite file ${target.file} (STORE_URL=${redactUrl(target.url)})`;

export function unwritableFolderError(folder: string, target: StoreTarget, cause: unknown): UserFacingError {
  return new UserFacingError(
    `Cannot create or write the store folder ${path.resolve(folder)} for ${where(target)}: ${errorMessage(cause)}. ` +
      'Make that folder writable for this user, or set STORE_URL to a writable place, e.g. sqlite://./data/newsdesk.sqlite.',
    'store-unwritable',
  );
}

export function notSqliteError(target: StoreTarget, detail: string): UserFacingError {
  return new UserFacingError(
    `${capitalise(where(target))} is not a usable SQLite database (${detail}). It was left untouched: ` +
      'restore it from a backup or move it aside, or set STORE_URL to another file; a new one is created on first use.',
    'store-corrupt',
  );
}

function lockedError(target: StoreTarget): UserFacingError {
  return new UserFacingError(
    `${capitalise(where(target))} stayed locked by another process for ${target.busyTimeoutMs} ms. ` +
      'Nothing was changed: stop the other newsdesk process (or the running ingest) using it, then try again.',
    'store-locked',
  );
}

export function unreachableError(target: StoreTarget, cause: unknown): UserFacingError {
  return new UserFacingError(
    `Cannot reach ${where(target)}: ${errorMessage(cause)}. Check that the server runs and that STORE_URL is right.`,
    'store-unreachable',
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Turns a storage failure the operator can fix into a UserFacingError naming STORE_URL and the file; anything
 * else is returned as it was (a bug to see with its stack).
 */
export function describeStoreError(error: unknown, target: StoreTarget): unknown {
  if (error instanceof UserFacingError) return error;
  if (isRedisConnectionError(error) || isPostgresConnectionError(error) || error instanceof StoreTimeoutError)
    return unreachableError(target, error);
  // better-sqlite3 reports extended codes (SQLITE_BUSY_RECOVERY, SQLITE_CANTOPEN_ISDIR): the primary one decides.
  const code = errorCode(error)?.replace(/^(SQLITE_[A-Z]+)_[A-Z_]+$/, '$1');
  switch (code) {
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return notSqliteError(target, `${code}: ${errorMessage(error)}`);
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return lockedError(target);
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_READONLY':
    case 'SQLITE_PERM':
      return unwritableFolderError(path.dirname(target.file ?? '.'), target, error);
    case 'SQLITE_FULL':
      return new UserFacingError(
        `The disk holding ${where(target)} is full. Free some space and retry.`,
        'store-full',
      );
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'ETIMEDOUT':
    case 'ECONNRESET':
      return unreachableError(target, error);
    default:
      return error;
  }
}

/** Runs a store operation, its failure described for the operator (describeStoreError). */
export async function describingStoreErrors<T>(operation: () => Promise<T>, target: StoreTarget): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw describeStoreError(error, target);
  }
}

/** A store that is there but briefly unavailable (locked by another process, server away), as opposed to broken. */
export function isStoreOutage(error: unknown): error is UserFacingError {
  return (
    error instanceof UserFacingError && (error.code === 'store-locked' || error.code === 'store-unreachable')
  );
}
