import { languageSubtag } from '../core/i18n/index.ts';

/** The primary subtag of a BCP-47 tag or an English language name, lower case: "de-AT" → "de", "German" → "de". */
export function baseLanguage(language: string | null | undefined): string | null {
  if (!language) return null;
  return LANGUAGE_NAMES[language.trim().toLowerCase()] ?? languageSubtag(language);
}

const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  english: 'en',
  german: 'de',
  deutsch: 'de',
  spanish: 'es',
  español: 'es',
  french: 'fr',
  français: 'fr',
  russian: 'ru',
  italian: 'it',
  italiano: 'it',
  chinese: 'zh',
  japanese: 'ja',
};
