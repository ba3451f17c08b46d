import { UserFacingError } from '../errors.ts';
import { isMessageKey, type MessageKey, primaryLanguage, translate } from './index.ts';

/**
 * A placeholder's value: a number or text, or a list whose items are catalogue keys (translated) or texts, joined
 * as the reader's language lists things ("View Channel and Embed Links", « Voir le salon et Intégrer des liens »).
 */
export type LocalizedParam = string | number | readonly string[];

/** Items (catalogue keys, translated, or texts) joined as `locale` lists things: "A, B and C". */
export function formatList(locale: string, items: readonly string[]): string {
  const words = items.map((item) => (isMessageKey(item) ? translate(locale, item) : item));
  try {
    return new Intl.ListFormat(locale, { type: 'conjunction' }).format(words);
  } catch {
    return words.join(', ');
  }
}

/** `params` with every list written out in `locale`. */
function resolved(
  locale: string,
  params: Readonly<Record<string, LocalizedParam>>,
): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => [
      name,
      Array.isArray(value) ? formatList(locale, value) : value,
    ]),
  ) as Record<string, string | number>;
}

/**
 * A problem the user can fix, told from the catalogue: its message is the English text (for logs, the console
 * and the CLI), and a transport that knows the reader's locale shows `in(locale)` instead. Any layer may throw
 * one (it needs only src/core).
 */
export class LocalizedError extends UserFacingError {
  constructor(
    readonly key: MessageKey,
    code: string,
    readonly params: Readonly<Record<string, LocalizedParam>> = {},
  ) {
    super(translate('en', key, resolved('en', params)), code);
    this.name = 'LocalizedError';
  }

  /** The message in `locale`. */
  in(locale: string | null | undefined): string {
    const language = primaryLanguage(locale);
    return translate(language, this.key, resolved(language, this.params));
  }
}
