import { UserFacingError } from '../src/core/errors.ts';
import { primaryLanguage } from '../src/core/i18n/index.ts';
import { ARTICLE_OPTION_MAX_CHARS } from './limits.ts';
import type { ChoiceSpec, CommandRequest, RawOptions, StringOptionSpec } from './types.ts';

/**
 * A mistake in what the user typed. `params` fill the numbers of its catalogue text (`error.<code>`), so a
 * translated message names the same limit as the English one.
 */
export class InputError extends UserFacingError {
  constructor(
    message: string,
    code: string,
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(message, code);
    this.name = 'InputError';
  }
}

/** A text option's value; absent or empty → undefined. */
export function textValue(raw: RawOptions, name: string): string | undefined {
  const value = raw.values[name];
  if (value === undefined || value === '') return undefined;
  return String(value);
}

/** A whole-number option's value, as typed (a transport of plain text passes it as text). */
export function integerValue(raw: RawOptions, name: string): number | undefined {
  const value = raw.values[name];
  if (value === undefined || value === '') return undefined;
  return typeof value === 'number' ? value : Number(value);
}

export function booleanValue(raw: RawOptions, name: string): boolean | undefined {
  const value = raw.values[name];
  if (value === undefined || value === '') return undefined;
  return value === true || value === 'true';
}

/** One of `allowed`, or the default when not given; anything else says what to type. */
export function oneOf<T extends string>(
  raw: RawOptions,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const given = textValue(raw, name);
  if (given === undefined) return fallback;
  const found = allowed.find((value) => value === given);
  if (found) return found;
  throw new InputError(`${name} must be one of ${allowed.join(', ')} (got "${given}").`, 'bad-option');
}

/** Reply languages offered by the `language` option: common ones, within Discord's 25 choices. */
export const REPLY_LANGUAGES = [
  'en',
  'de',
  'fr',
  'es',
  'it',
  'pt',
  'nl',
  'pl',
  'sv',
  'da',
  'fi',
  'cs',
  'uk',
  'ru',
  'tr',
  'el',
  'ar',
  'hi',
  'id',
  'vi',
  'th',
  'ja',
  'ko',
  'zh',
] as const;

/** Each offered as its own name, then its name in the reader's language (Discord localizes choice names). */
const LANGUAGE_CHOICES: readonly ChoiceSpec[] = REPLY_LANGUAGES.map((tag) => ({
  value: tag,
  label: { language: tag },
}));

/** The optional, autocompleted `article` option of /summary and /ask. */
export function articleOption(
  key: 'command.summary.article' | 'command.ask.article',
  fallbackOption?: string,
): StringOptionSpec {
  return {
    type: 'string',
    name: 'article',
    description: { key },
    autocomplete: fallbackOption ? { kind: 'articles', fallbackOption } : { kind: 'articles' },
    maxLength: ARTICLE_OPTION_MAX_CHARS,
  };
}

/** The optional `language` option of /summary and /ask. */
export function languageOption(key: 'command.summary.language' | 'command.ask.language'): StringOptionSpec {
  return { type: 'string', name: 'language', description: { key }, choices: LANGUAGE_CHOICES };
}

/**
 * The reply language: the `language` option when given, else the asker's language (quotes stay in the article's
 * language).
 */
export function replyLanguageOf(raw: RawOptions, request: Pick<CommandRequest, 'locale'>): string {
  return primaryLanguage(textValue(raw, 'language') ?? request.locale);
}

/** The article reference as typed (an id from autocomplete, or words); undefined → the newsroom picks. */
export function articleReference(raw: RawOptions): string | undefined {
  return textValue(raw, 'article');
}
