import { nameKey, translate } from '../src/core/i18n/index.ts';
import {
  type CatalogueText,
  type CommandData,
  defineCommand,
  type HelpReply,
  type OptionSpec,
} from './types.ts';

const data: CommandData = {
  name: 'help',
  description: { key: 'command.help.description' },
  // Explaining the commands needs no server and no budget: it works wherever the bot can be used.
  access: { guildOnly: false, guildInstallOnly: false, manageServer: null },
  acknowledgement: 'private-reply',
  options: [],
  subcommands: [],
};

export interface HelpOption {
  readonly name: string;
  readonly description: string;
  readonly required: boolean;
}

/** One command as /help explains it: everything here comes from the command's data and the catalogue. */
export interface HelpTopic {
  readonly name: string;
  /** A message command (context menu) is used from a message, not typed. */
  readonly kind: 'chat-input' | 'message';
  readonly description: string;
  readonly manageServer: boolean;
  readonly options: readonly HelpOption[];
  readonly subcommands: readonly {
    readonly name: string;
    readonly description: string;
    readonly options: readonly HelpOption[];
  }[];
}

const text = (locale: string, { key, params }: CatalogueText) => translate(locale, key, params);

/**
 * How names are shown: as Discord shows them to the reader (their language's `name_localizations`), or as typed
 * in the console, whose parser reads the English names.
 */
export type HelpNames = 'localized' | 'typed';

function nameIn(name: string, locale: string, names: HelpNames): string {
  const key = nameKey(name);
  return names === 'localized' && key ? translate(locale, key) : name;
}

function optionsOf(options: readonly OptionSpec[], locale: string, names: HelpNames): HelpOption[] {
  return options.map((option) => ({
    name: nameIn(option.name, locale, names),
    description: text(locale, option.description),
    required: option.required === true,
  }));
}

/** A message command's name as members see it in the Apps menu, in their language; null for a typed command. */
function menuLabel(command: CommandData, locale: string): string | null {
  const { type } = command;
  return type !== undefined && type !== 'chat-input' ? translate(locale, type.label) : null;
}

/** Each command the transport offers, in its order, explained in the reader's language: it cannot drift. */
export function helpTopics(
  commands: readonly CommandData[],
  locale: string,
  names: HelpNames = 'localized',
): HelpTopic[] {
  return commands.map((command) => ({
    name: menuLabel(command, locale) ?? nameIn(command.name, locale, names),
    kind: menuLabel(command, locale) === null ? 'chat-input' : 'message',
    description: text(locale, command.description),
    manageServer: command.access.manageServer !== null,
    options: optionsOf(command.options, locale, names),
    subcommands: command.subcommands.map((sub) => ({
      name: nameIn(sub.name, locale, names),
      description: text(locale, sub.description),
      options: optionsOf(sub.options, locale, names),
    })),
  }));
}

/**
 * `/help`: every command explained, privately. The reply names only the reader's language: each transport lists
 * the commands it offers (Discord: commands/index.ts; the console: its own list) through helpTopics.
 */
export const help = defineCommand<{ readonly locale: string }, object, HelpReply>({
  data,
  parse: (_raw, request) => ({ locale: request.locale }),
  run: async ({ locale }) => ({ kind: 'help', locale }),
});
