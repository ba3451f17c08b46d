import { DiscordAPIError, DiscordjsError, DiscordjsErrorCodes, RESTJSONErrorCodes } from 'discord.js';
import { InputError } from '../../commands/input.ts';
import { UserFacingError } from '../core/errors.ts';
import { LocalizedError } from '../core/i18n/errors.ts';
import { isStoreOutage } from '../store/store-errors.ts';

/**
 * The one place that decides what a failure means for the person who ran a command:
 * - `user`: they can fix it (unknown article, empty store…): show the message as is;
 * - `store-unavailable`: the store is locked, unreachable, full or damaged: the operator's message (STORE_URL,
 *   the file, what to do) is for the log; the person gets, in their language, "try again in a minute" for an
 *   outage, "tell an admin" for a store that needs one;
 * - `interaction-gone`: Discord no longer accepts replies for this interaction (too late, already answered,
 *   token expired): nothing can be shown, so log and stop;
 * - `unexpected`: a bug or an outage: log with context, tell the user briefly.
 * Model overload/rate limits never reach here: the newsroom answers those with the labelled offline answer.
 */
export type FailureKind =
  | {
      readonly kind: 'user';
      readonly message: string;
      readonly code: string;
      /** The numbers its catalogue text names (a limit), for the translation. */
      readonly params: Readonly<Record<string, string | number>>;
      /** Its text in a reader's language, when it was thrown from the catalogue (LocalizedError). */
      readonly inLocale?: (locale: string) => string;
    }
  | {
      readonly kind: 'store-unavailable';
      readonly message: string;
      readonly code: string;
      /** Locked or unreachable (it comes back by itself), as opposed to damaged, full or unwritable. */
      readonly outage: boolean;
    }
  | { readonly kind: 'interaction-gone'; readonly reason: string }
  | { readonly kind: 'unexpected' };

const GONE_API_CODES: ReadonlySet<number> = new Set([
  RESTJSONErrorCodes.UnknownInteraction,
  RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
  RESTJSONErrorCodes.InvalidWebhookToken,
]);

const GONE_CLIENT_CODES: ReadonlySet<string> = new Set([
  DiscordjsErrorCodes.InteractionAlreadyReplied,
  DiscordjsErrorCodes.InteractionNotReplied,
]);

/** The interaction token (15 min) ran out before the reply was ready: nothing can be shown any more. */
export class InteractionExpiredError extends Error {
  constructor(readonly expiredAt: number) {
    super(`the interaction token expired at ${new Date(expiredAt).toISOString()}; the reply was dropped`);
    this.name = 'InteractionExpiredError';
  }
}

export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof UserFacingError) {
    if (!error.code.startsWith('store-')) {
      if (error instanceof LocalizedError) {
        const inLocale = (locale: string) => error.in(locale);
        return { kind: 'user', message: error.message, code: error.code, params: {}, inLocale };
      }
      const params = error instanceof InputError ? error.params : {};
      return { kind: 'user', message: error.message, code: error.code, params };
    }
    return {
      kind: 'store-unavailable',
      message: error.message,
      code: error.code,
      outage: isStoreOutage(error),
    };
  }
  if (error instanceof InteractionExpiredError) return { kind: 'interaction-gone', reason: error.message };
  if (error instanceof DiscordAPIError && typeof error.code === 'number' && GONE_API_CODES.has(error.code)) {
    return { kind: 'interaction-gone', reason: `DiscordAPIError[${error.code}]: ${error.message}` };
  }
  if (error instanceof DiscordjsError && GONE_CLIENT_CODES.has(error.code)) {
    return { kind: 'interaction-gone', reason: error.message };
  }
  return { kind: 'unexpected' };
}
