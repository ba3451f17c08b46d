import { type Catalogue, LANGUAGES, type Language } from './section.ts';
import { core } from './sections/core.ts';
import { digest } from './sections/digest.ts';
import { names } from './sections/names.ts';

/**
 * The whole catalogue, assembled from the sections (one per feature, sections/*.ts). A new section is added to
 * SECTIONS and to `en`'s spread, one line each.
 */
const SECTIONS = [core, names, digest] as const;

export const en = {
  ...core.en,
  ...names.en,
  ...digest.en,
} as const;

export type MessageKey = keyof typeof en;

function languageCatalogue(language: Language): Catalogue<MessageKey> {
  return Object.assign({}, ...SECTIONS.map((section) => section[language]));
}

/** Catalogues by primary language subtag (Discord locales like `de`, `en-US`, `pt-BR` reduce to these). */
export const CATALOGUES: Readonly<Record<string, Catalogue<MessageKey>>> = Object.fromEntries(
  LANGUAGES.map((language) => [language, languageCatalogue(language)]),
);
