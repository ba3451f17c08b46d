import { CATALOGUES, en, type MessageKey } from './messages.ts';
import type { Catalogue } from './section.ts';

export type { MessageKey } from './messages.ts';

export const DEFAULT_LOCALE = 'en';

export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

/** The primary subtag of a BCP-47 tag, lower case: `de-AT` → `de`, `pt_BR` → `pt`; null when there is none. */
export function languageSubtag(tag: string | null | undefined): string | null {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

/** `de-AT` → `de`; anything unparseable → the default locale. */
export function primaryLanguage(locale: string | null | undefined): string {
  return languageSubtag(locale) ?? DEFAULT_LOCALE;
}

function catalogueFor(locale: string | null | undefined): Catalogue<MessageKey> {
  return CATALOGUES[primaryLanguage(locale)] ?? en;
}

/** The bot's commands and /digest's subcommands, as texts name them: `/ask`, `/digest set`. */
const COMMAND_REFERENCE =
  /(?<![\w/])\/(summary|ask|usage|digest|news|help|reports)(?: (set|off|status|preview|post-now))?(?![\w-])/gu;

/** A command or option name as the reader's client shows it (`name.<name>`, registered as name_localizations). */
/** The catalogue key of a command, subcommand or option name (`name.<name>`), when it is translated. */
export function nameKey(name: string): MessageKey | null {
  const key = `name.${name}`;
  return isMessageKey(key) ? key : null;
}

function localName(catalogue: Catalogue<MessageKey>, name: string): string {
  const key = nameKey(name);
  return (key && catalogue[key]) || name;
}

/**
 * Texts name commands in English (`/digest set`); a German client lists them as `/überblick einrichten`, so each
 * reference is written in the reader's names. `/{command}` placeholders get the same treatment.
 */
function localizeCommands(text: string, catalogue: Catalogue<MessageKey>): string {
  if (catalogue === en) return text;
  return text.replace(COMMAND_REFERENCE, (_whole, command: string, sub: string | undefined) =>
    sub
      ? `/${localName(catalogue, command)} ${localName(catalogue, sub)}`
      : `/${localName(catalogue, command)}`,
  );
}

/** Each text with its command references localized, once per catalogue and key (translate runs for every label). */
const localizedTexts = new WeakMap<Catalogue<MessageKey>, Map<MessageKey, string>>();

/** The value kept under `key`, made and kept the first time it is asked for. */
function remembered<K, V>(
  kept: { get(key: K): V | undefined; set(key: K, value: V): unknown },
  key: K,
  make: () => V,
): V {
  const known = kept.get(key);
  if (known !== undefined) return known;
  const value = make();
  kept.set(key, value);
  return value;
}

function localizedText(catalogue: Catalogue<MessageKey>, key: MessageKey): string {
  if (catalogue === en) return en[key];
  const texts = remembered(localizedTexts, catalogue, () => new Map<MessageKey, string>());
  return remembered(texts, key, () => localizeCommands(catalogue[key] ?? en[key], catalogue));
}

function interpolate(
  template: string,
  params: Readonly<Record<string, string | number>>,
  catalogue: Catalogue<MessageKey>,
): string {
  return template.replace(/(\/?)\{(\w+)\}/g, (whole, slash: string, name: string) => {
    if (!(name in params)) return whole;
    const value = String(params[name]);
    return slash ? `/${catalogue === en ? value : localName(catalogue, value)}` : value;
  });
}

/** The message for `key` in `locale`, falling back to English for a missing language or key. */
export function translate(
  locale: string | null | undefined,
  key: MessageKey,
  params: Readonly<Record<string, string | number>> = {},
): string {
  const catalogue = catalogueFor(locale);
  return interpolate(localizedText(catalogue, key), params, catalogue);
}

export function translator(locale: string | null | undefined): Translate {
  return (key, params) => translate(locale, key, params);
}

/** The entry for `key` in one language's own catalogue, without falling back (for per-language maps). */
export function catalogueEntry(language: string, key: MessageKey): string | undefined {
  return CATALOGUES[language]?.[key];
}

export function catalogueLanguages(): readonly string[] {
  return Object.keys(CATALOGUES);
}

/** Whether a key built at run time (e.g. `error.${code}`) is in the catalogue. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** The keys that come in plural forms: `<base>.one`, `.few`, `.many`, `.other` (CLDR's categories). */
export type PluralBase = {
  [K in MessageKey]: K extends `${infer Base}.other` ? Base : never;
}[MessageKey];

/** One Intl object per language and kind: building one costs tens of microseconds, and labels are many. */
function perLanguage<T>(make: (language: string) => T): (language: string) => T {
  const made = new Map<string, T>();
  return (language) => remembered(made, language, () => make(language));
}

const pluralRules = perLanguage((language): Intl.PluralRules => {
  try {
    return new Intl.PluralRules(language);
  } catch {
    return new Intl.PluralRules(DEFAULT_LOCALE);
  }
});

const numberFormat = perLanguage((language): Intl.NumberFormat | null => {
  try {
    return new Intl.NumberFormat(language);
  } catch {
    return null;
  }
});

const languageNames = perLanguage((language): Intl.DisplayNames | null => {
  try {
    return new Intl.DisplayNames([language], { type: 'language' });
  } catch {
    return null;
  }
});

/**
 * `{count} article(s)` in the locale's own plural form (Russian: 1 статья, 3 статьи, 5 статей), the count
 * written with the locale's digits and separators. A category a language does not use falls back to `.other`.
 */
export function plural(locale: string | null | undefined, base: PluralBase, count: number): string {
  const language = primaryLanguage(locale);
  const key = `${base}.${pluralRules(language).select(count)}`;
  const formatted = formatNumber(language, count);
  return translate(language, isMessageKey(key) ? key : `${base}.other`, { count: formatted });
}

/** A number as the locale writes it (`1.234` in German, `1 234` in French and Russian). */
export function formatNumber(locale: string | null | undefined, value: number): string {
  return numberFormat(primaryLanguage(locale))?.format(value) ?? String(value);
}

/** A language's name in `locale`'s words: `de` in French → `allemand`; the tag itself when Intl has no name. */
export function languageName(locale: string | null | undefined, language: string): string {
  try {
    return languageNames(primaryLanguage(locale))?.of(language) ?? language;
  } catch {
    return language;
  }
}
