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
