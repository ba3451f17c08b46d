import { UserFacingError } from '../errors.ts';
import { type MessageKey, translate } from './index.ts';

/**
 * A problem the user can fix, told from the catalogue: its message is the English text (for logs, the console
 * and the CLI), and a transport that knows the reader's locale shows `translate(locale, key, params)` instead.
 * Any layer may throw one (it needs only src/core).
 */
export class LocalizedError extends UserFacingError {
  constructor(
    readonly key: MessageKey,
    code: string,
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(translate('en', key, params), code);
    this.name = 'LocalizedError';
  }

  /** The message in `locale`. */
  in(locale: string | null | undefined): string {
    return translate(locale, this.key, this.params);
  }
}
