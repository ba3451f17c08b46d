/**
 * The catalogue is written in sections, one per feature, each in its own file under sections/: English defines a
 * section's keys and every other language gives each of them (the type checker refuses a missing one, and
 * test/core/i18n checks the texts). Placeholders are `{name}`. Article text, quotes and model answers never go
 * through here.
 *
 * Keys name the place a text is shown by their last part, so test/core/i18n holds each to Discord's limit there
 * (placeholders counted as 4 characters): `…button` / `…-button` a button label (≤ 80), `…modal` a modal title
 * (≤ 45), `…input` a text-input label (≤ 45), `…placeholder` (≤ 100), `…choice` a choice name (≤ 100), `command.…`
 * a command, option or choice description (≤ 100), `name.…` a command or option name (1–32, lower case); anything
 * else fits a message (≤ 2000). Counts come in plural forms `<base>.one|few|many|other` (i18n `plural()`).
 */

/** The languages every section is written in; English first (it defines the keys and is the fallback). */
export const LANGUAGES = ['en', 'de', 'es', 'fr', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];
export type OtherLanguage = Exclude<Language, 'en'>;

/** One language's texts for the keys K; a partial one falls back to English key by key. */
export type Catalogue<K extends string> = { readonly [Key in K]?: string };

/** A section: English texts by key, and the other languages' texts of the same keys. */
export type Section<K extends string> = { readonly en: { readonly [Key in K]: string } } & {
  readonly [L in OtherLanguage]: Catalogue<K>;
};

/** A complete section: every other language gives every key English defines. */
export function defineSection<const T extends Record<string, string>>(
  en: T,
  translations: { readonly [L in OtherLanguage]: { readonly [Key in keyof T]: string } },
): { readonly en: T } & { readonly [L in OtherLanguage]: { readonly [Key in keyof T]: string } } {
  return { en, ...translations };
}
