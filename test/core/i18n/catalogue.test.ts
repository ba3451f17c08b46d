import { describe, expect, it } from 'vitest';
import { CATALOGUES, en, type MessageKey } from '../../../src/core/i18n/messages.ts';
import { LANGUAGES } from '../../../src/core/i18n/section.ts';
import { DISCORD_COMMANDS, DISCORD_MESSAGE_COMMANDS } from '../../../src/discord/adapter.ts';
import { DISCORD_LOCALES_BY_LANGUAGE } from '../../../src/discord/command.ts';

/**
 * The catalogue is complete and every text fits where Discord shows it. A key missing in any language, a text left
 * in English, a placeholder lost, or a name/description/label over Discord's limit fails here, for every section
 * (each helper's included) and every command the bot registers.
 */

const KEYS = Object.keys(en) as MessageKey[];
const OTHER_LOCALES = Object.values(DISCORD_LOCALES_BY_LANGUAGE).flat();

/** Placeholders filled with a wide sample, so `Summary #{position}` is measured as it can be shown. */
const filled = (text: string) => text.replace(/\{\w+\}/g, '9999');

/** Limits by the role a key's last part names (section.ts documents these suffixes). */
const ROLE_LIMITS: readonly (readonly [RegExp, number, string])[] = [
  [/(^|[.-])button$/, 80, 'button label'],
  [/(^|[.-])modal$/, 45, 'modal title'],
  [/(^|[.-])input$/, 45, 'text-input label'],
  [/(^|[.-])placeholder$/, 100, 'placeholder'],
  [/(^|[.-])choice$/, 100, 'choice name'],
  [/^command\./, 100, 'command, option or choice text'],
];

const CHAT_INPUT_NAME = /^[-_\p{L}\p{N}]{1,32}$/u;

/**
 * The texts the code puts where Discord has a small limit, by key (the code truncates, so without this a long
 * translation would ship cut short and nothing would fail). A key with an untrusted part ({title}) keeps room for
 * it: its own words may fill at most `own` characters.
 */
const LABELS: readonly { readonly key: string; readonly max: number; readonly own?: number }[] = [
  { key: 'news.button.summary', max: 80 },
  { key: 'news.button.ask', max: 80 },
  { key: 'thread.discuss', max: 80 },
  { key: 'thread.discuss-item', max: 80 },
  { key: 'report.button', max: 80 },
  { key: 'report.list.newer', max: 80 },
  { key: 'report.list.older', max: 80 },
  { key: 'news.modal.title', max: 45, own: 25 },
  { key: 'report.modal.title', max: 45 },
  { key: 'news.modal.question', max: 45 },
  { key: 'report.modal.label', max: 45 },
  { key: 'report.modal.placeholder', max: 100 },
];

describe('the catalogue', () => {
  it('GIVEN every button label, form title and field label the code shows THEN it fits Discord’s limit in every language', () => {
    for (const { key, max, own } of LABELS) {
      expect(KEYS, 'a label key the table names').toContain(key);
      for (const language of LANGUAGES) {
        const text = CATALOGUES[language]?.[key as MessageKey] ?? '';
        expect([...filled(text)].length, `${language} ${key}`).toBeLessThanOrEqual(max);
        if (own)
          expect([...text.replace(/\{\w+\}/g, '')].length, `${language} ${key}`).toBeLessThanOrEqual(own);
      }
    }
  });

  it('GIVEN every language THEN every key English defines has a text of its own there', () => {
    for (const language of LANGUAGES) {
      const missing = KEYS.filter((key) => !CATALOGUES[language]?.[key]?.trim());
      expect(missing, `${language} lacks`).toEqual([]);
    }
  });

  it('GIVEN a sentence in a language other than English THEN it is translated, not the English left in', () => {
    for (const language of LANGUAGES.filter((l) => l !== 'en')) {
      const untranslated = KEYS.filter((key) => {
        const text = CATALOGUES[language]?.[key] ?? '';
        return filled(text).replace(/[`/]\S+/g, '').length >= 20 && text === en[key];
      });
      expect(untranslated, `${language} still in English`).toEqual([]);
    }
  });

  it('GIVEN a button label, modal title, input label, placeholder or command text THEN it fits Discord in every language', () => {
    for (const language of LANGUAGES) {
      for (const key of KEYS) {
        const text = filled(CATALOGUES[language]?.[key] ?? '');
        expect(text.length, `${language} ${key}`).toBeLessThanOrEqual(2_000);
        for (const [role, max, what] of ROLE_LIMITS) {
          if (role.test(key))
            expect(text.length, `${language} ${key} (${what} ≤ ${max})`).toBeLessThanOrEqual(max);
        }
      }
    }
  });

  it('GIVEN a command or option name THEN every language gives a Discord chat-input name: 1–32, lower case', () => {
    for (const language of LANGUAGES) {
      for (const key of KEYS.filter((k) => k.startsWith('name.'))) {
        const name = CATALOGUES[language]?.[key] ?? '';
        expect(name, `${language} ${key}`).toMatch(CHAT_INPUT_NAME);
        expect(name, `${language} ${key}`).toBe(name.toLocaleLowerCase(language));
      }
    }
  });
});

interface Localized {
  readonly name: string;
  readonly name_localizations?: Readonly<Record<string, string | null>> | null;
  readonly description?: string;
  readonly description_localizations?: Readonly<Record<string, string | null>> | null;
}

interface Node extends Localized {
  readonly type?: number;
  readonly options?: readonly Node[];
  readonly choices?: readonly Localized[];
}

/** Every registered name, description and choice in every locale, with what Discord requires of it. */
function checkNode(node: Node, path: string, chatInput: boolean): void {
  const names = [node.name, ...OTHER_LOCALES.map((locale) => node.name_localizations?.[locale])];
  for (const [index, name] of names.entries()) {
    const where = `${path} name ${index === 0 ? 'en' : OTHER_LOCALES[index - 1]}`;
    expect(name, where).toBeTruthy();
    if (chatInput) {
      expect(name, where).toMatch(CHAT_INPUT_NAME);
      expect(name, where).toBe(name?.toLowerCase());
    } else expect(name?.length, where).toBeLessThanOrEqual(32);
  }
  if (chatInput) {
    const descriptions = [node.description, ...OTHER_LOCALES.map((l) => node.description_localizations?.[l])];
    for (const text of descriptions) {
      expect(text?.length ?? 0, `${path} description`).toBeGreaterThanOrEqual(1);
      expect(text?.length ?? 0, `${path} description`).toBeLessThanOrEqual(100);
    }
  }
  for (const choice of node.choices ?? []) {
    for (const name of [choice.name, ...OTHER_LOCALES.map((l) => choice.name_localizations?.[l])]) {
      expect(name?.length ?? 0, `${path} choice ${choice.name}`).toBeGreaterThanOrEqual(1);
      expect(name?.length ?? 0, `${path} choice ${choice.name}`).toBeLessThanOrEqual(100);
    }
  }
  const siblings = node.options ?? [];
  for (const locale of OTHER_LOCALES) {
    const localized = siblings.map((option) => option.name_localizations?.[locale] ?? option.name);
    expect(new Set(localized).size, `${path} option names unique in ${locale}`).toBe(localized.length);
  }
  for (const option of siblings) checkNode(option, `${path} ${option.name}`, chatInput);
}

/** Characters Discord counts against a command's 8000: names, descriptions, choices, values, every locale's. */
function registeredCharacters(node: Node): number {
  const texts = [
    node.name,
    node.description,
    ...Object.values(node.name_localizations ?? {}),
    ...Object.values(node.description_localizations ?? {}),
    ...(node.choices ?? []).flatMap((choice) => [
      choice.name,
      String((choice as { value?: unknown }).value ?? ''),
      ...Object.values(choice.name_localizations ?? {}),
    ]),
  ];
  const own = texts.reduce((sum, text) => sum + (text?.length ?? 0), 0);
  return own + (node.options ?? []).reduce((sum, option) => sum + registeredCharacters(option), 0);
}

describe('the commands as Discord registers them', () => {
  it('GIVEN every command with all its localizations THEN it stays within Discord’s 8000 characters, counted over every locale together', () => {
    for (const command of [...DISCORD_COMMANDS, ...DISCORD_MESSAGE_COMMANDS]) {
      expect(registeredCharacters(command.data as Node), `/${command.data.name}`).toBeLessThanOrEqual(8_000);
    }
  });

  it('GIVEN every command THEN its names, descriptions and choices are localized for German, Spanish, French and Russian, within Discord’s limits', () => {
    expect(OTHER_LOCALES).toEqual(expect.arrayContaining(['de', 'es-ES', 'es-419', 'fr', 'ru']));
    // Message commands too: their names (any case, spaces allowed) are localized under the same 1–32 rule.
    for (const command of [...DISCORD_COMMANDS, ...DISCORD_MESSAGE_COMMANDS]) {
      const data = command.data as Node;
      checkNode(data, `/${data.name}`, (data.type ?? 1) === 1);
    }
  });

  it('GIVEN a German member THEN /digest set reads as German, down to its options', () => {
    const digest = DISCORD_COMMANDS.find((command) => command.data.name === 'digest')?.data as Node;
    const set = digest.options?.find((option) => option.name === 'set');
    expect(digest.name_localizations?.de).toBe('überblick');
    expect(set?.name_localizations?.de).toBe('einrichten');
    expect(set?.options?.map((option) => option.name_localizations?.de)).toEqual([
      'kanal',
      'uhrzeit',
      'zeitzone',
      'anzahl',
      'leer-hinweis',
      'sprache',
    ]);
    const language = set?.options?.find((option) => option.name === 'language');
    expect(
      language?.choices?.find((choice) => choice.name === 'Русский (Russian)')?.name_localizations?.de,
    ).toBe('Русский (Russisch)');
  });
});
