import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  Interaction,
  LocalizationMap,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { ApplicationIntegrationType, InteractionContextType, Locale } from 'discord.js';
import type { AllServices } from '../../commands/types.ts';
import type { RequestContext } from '../answer/newsroom-types.ts';
import type { AnswerRecords } from '../answer/records.ts';
import { UserFacingError } from '../core/errors.ts';
import {
  catalogueEntry,
  languageName,
  type MessageKey,
  nameKey,
  primaryLanguage,
  translate,
} from '../core/i18n/index.ts';
import type { AnswerAction } from './answer-actions.ts';
import type { CooldownTicket } from './cooldowns.ts';
import type { FirstResponse } from './first-response.ts';
import type { LiveSettings } from './stream.ts';

/**
 * The services the bot's commands use (every one the command list needs), built once the client exists, plus the
 * answer records the buttons under each answer act on.
 */
export type BotServices = AllServices & { readonly records: AnswerRecords };

/** What a command may use; passed in by the router, never imported as a singleton. */
export interface CommandDeps extends BotServices {
  /** Live edits of streamed answers; without it answers appear in one edit. */
  readonly live?: LiveSettings | undefined;
  /** The buttons under every answer and summary (answer-action-list.ts). */
  readonly answerActions: readonly AnswerAction[];
}

/** What `execute` gets: the services, plus the state of the router's deferral. */
export interface CommandContext extends CommandDeps {
  /**
   * The interaction's first response: work may start at once; a reply either claims it (nothing was sent yet) or
   * waits for the deferral to be accepted (answerFromStream does both).
   */
  readonly firstResponse: FirstResponse;
  /** Aborted when the interaction can no longer be answered, so model work stops. */
  readonly signal: AbortSignal;
  /** The use this run took from the user's cooldown window; refund it when the reply cost no model call. */
  readonly cooldown: CooldownTicket;
}

/**
 * A slash command as the router serves it: registration data plus the functions that serve it. The bot's own
 * commands are built from commands/ by the adapter (adapter.ts); a Discord-only command may be written directly.
 */
export interface SlashCommand {
  readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /**
   * Model-backed: the router acknowledges for `execute` (Discord allows 3 s): the deferral, sent as soon as a model
   * call starts or a brief hold ends, unless the reply is ready first (first-response.ts).
   */
  readonly defer: boolean;
  execute(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, deps: CommandDeps): Promise<void>;
}

/**
 * Discord locales each catalogue language is offered under (Discord names German `de` but Spanish `es-ES` and
 * `es-419`); English (`en-US`, `en-GB`) is the registration's default text.
 */
export const DISCORD_LOCALES_BY_LANGUAGE: Readonly<Record<string, readonly Locale[]>> = {
  de: [Locale.German],
  es: [Locale.SpanishES, Locale.SpanishLATAM],
  fr: [Locale.French],
  ru: [Locale.Russian],
};

/** The English text of a catalogue key, for registration data. */
export function english(key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  return translate('en', key, params);
}

/** A map with `text(language)` under each Discord locale of every catalogue language but English. */
function perLocale(text: (language: string) => string | undefined): LocalizationMap {
  const map: LocalizationMap = {};
  for (const [language, locales] of Object.entries(DISCORD_LOCALES_BY_LANGUAGE)) {
    const value = text(language);
    if (value === undefined) continue;
    for (const locale of locales) map[locale] = value;
  }
  return map;
}

/** `*_localizations` for registration data: every non-English catalogue entry under its Discord locales. */
export function localized(
  key: MessageKey,
  params: Readonly<Record<string, string | number>> = {},
): LocalizationMap {
  return perLocale((language) =>
    catalogueEntry(language, key) ? translate(language, key, params) : undefined,
  );
}

/**
 * `name_localizations` of a command, subcommand or option named `name` (English): the catalogue's `name.<name>`
 * (sections/names.ts); none when the catalogue has no such key.
 */
export function nameLocalizations(name: string): LocalizationMap {
  const key = nameKey(name);
  return key ? localized(key) : {};
}

/** "Deutsch (German)": a language's own name, then its name in `locale` (just one when they are the same). */
export function languageChoiceName(tag: string, locale: string): string {
  const own = languageName(tag, tag);
  const capitalised = own.charAt(0).toLocaleUpperCase(tag) + own.slice(1);
  const theirs = languageName(locale, tag);
  return capitalised.toLocaleLowerCase(tag) === theirs.toLocaleLowerCase(locale)
    ? capitalised
    : `${capitalised} (${theirs})`;
}

/** A language choice's name in English and under every Discord locale of the catalogue. */
export function languageChoiceJson(tag: string) {
  return {
    name: languageChoiceName(tag, 'en'),
    name_localizations: perLocale((language) => languageChoiceName(tag, language)),
  };
}

/** Installed to servers and used in their channels only: no DMs, no user installs, no group DMs. */
export const GUILD_ONLY = {
  contexts: InteractionContextType.Guild,
  integrationTypes: ApplicationIntegrationType.GuildInstall,
} as const;

/** Whether a command's registration limits it to servers (contexts: [Guild]). */
export function isGuildOnly(data: {
  readonly contexts?: readonly InteractionContextType[] | null | undefined;
}): boolean {
  const contexts = data.contexts ?? [];
  return contexts.length > 0 && contexts.every((context) => context === InteractionContextType.Guild);
}

/** A use from outside a server of something guild-only (a stale registration, a DM): refused, named. */
export function guildOnlyRefusal(interaction: Interaction, command: string): UserFacingError {
  return new UserFacingError(translate(interaction.locale, 'error.guild-only', { command }), 'guild-only');
}

export function requestContext(interaction: Interaction): RequestContext {
  return { guildId: interaction.guildId, userId: interaction.user.id };
}

/**
 * The reply language: the `language` option when given, else the asker's Discord language (quotes stay in the
 * article's language).
 */
export function replyLanguage(interaction: Interaction): string {
  const chosen = interaction.isChatInputCommand() ? interaction.options.getString('language') : null;
  return primaryLanguage(chosen ?? interaction.locale);
}
