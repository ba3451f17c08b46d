/**
 * A problem the user or operator caused and can fix: its message is shown as is (ephemeral in Discord, one line on
 * the console or stderr) and says what to do. Anything that is not a UserFacingError is unexpected: logged with its
 * stack and context, and the user gets a short generic reply.
 */
export class UserFacingError extends Error {
  constructor(
    message: string,
    /** A stable machine-readable code for tests and JSON output, e.g. "unknown-article". */
    readonly code: string,
  ) {
    super(message);
    this.name = 'UserFacingError';
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The error's code (`ECONNREFUSED`, `SQLITE_BUSY`, `TokenInvalid`…), or its cause's when it has none (undici wraps
 * socket errors in a TypeError whose cause carries the code).
 */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  if ('code' in error && error.code !== undefined && error.code !== null) return String(error.code);
  return 'cause' in error ? errorCode(error.cause) : undefined;
}
