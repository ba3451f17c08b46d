import { type Catalogue, LANGUAGES, type Language } from './section.ts';
import { conversation } from './sections/conversation.ts';
import { core } from './sections/core.ts';
import { digest } from './sections/digest.ts';
import { messageCommand } from './sections/message-command.ts';
import { names } from './sections/names.ts';
import { news } from './sections/news.ts';
import { reports } from './sections/reports.ts';
import { router } from './sections/router.ts';
import { threads } from './sections/threads.ts';

/**
 * The whole catalogue, assembled from the sections (one per feature, sections/*.ts). A new section is added to
 * SECTIONS and to `en`'s spread, one line each.
 */
const SECTIONS = [core, conversation, news, reports, messageCommand, threads, names, digest, router] as const;

export const en = {
  ...core.en,
  ...conversation.en,
  ...news.en,
  ...reports.en,
  ...messageCommand.en,
  ...threads.en,
  ...names.en,
  ...digest.en,
  ...router.en,
} as const;

export type MessageKey = keyof typeof en;

function languageCatalogue(language: Language): Catalogue<MessageKey> {
  return Object.assign({}, ...SECTIONS.map((section) => section[language]));
}

/** Catalogues by primary language subtag (Discord locales like `de`, `en-US`, `pt-BR` reduce to these). */
export const CATALOGUES: Readonly<Record<string, Catalogue<MessageKey>>> = Object.fromEntries(
  // English is `en` itself: translate() knows it by identity and leaves its texts as written.
  LANGUAGES.map((language) => [language, language === 'en' ? en : languageCatalogue(language)]),
);
