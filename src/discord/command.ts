import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  Interaction,
  LocalizationMap,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import {
  ApplicationIntegrationType,
  InteractionContextType,
  Locale,
  PermissionFlagsBits,
  type SlashCommandStringOption,
} from 'discord.js';
import type { Newsroom, RequestContext } from '../answer/newsroom-types.ts';
import type { UsageLedger } from '../answer/usage.ts';
import type { ArticleStore } from '../articles/article.ts';
import { UserFacingError } from '../core/errors.ts';
import { catalogueEntry, type MessageKey, primaryLanguage, translate } from '../core/i18n/index.ts';
import type { Logger } from '../core/log.ts';
import type { CooldownTicket } from './cooldowns.ts';
import type { LiveSettings } from './stream.ts';

/** The stored model accounting, for /usage. */
export interface Accounting {
  readonly usage: UsageLedger;
  /** GUILD_DAILY_TOKEN_BUDGET: tokens per guild per UTC day; 0 = unlimited. */
  readonly dailyTokenBudget: number;
}

/** What a command may use; passed in by the router, never imported as a singleton. */
export interface CommandDeps {
  readonly newsroom: Newsroom;
  readonly store: ArticleStore;
  readonly logger: Logger;
  /** Live edits of streamed answers; without it answers appear in one edit. */
  readonly live?: LiveSettings | undefined;
  readonly accounting?: Accounting | undefined;
}

/** What `execute` gets: the services, plus the state of the router's deferral. */
export interface CommandContext extends CommandDeps {
  /**
   * Settles when the router's deferral does: work may start at once, but replies must wait for it (answerFromStream
   * does). Rejects when Discord refused the deferral; the router reports that.
   */
  readonly acknowledged: Promise<void>;
  /** Aborted when the interaction can no longer be answered, so model work stops. */
  readonly signal: AbortSignal;
  /** The use this run took from the user's cooldown window; refund it when the reply cost no model call. */
  readonly cooldown: CooldownTicket;
}

/** A slash command: typed registration data plus the functions that serve it. */
export interface SlashCommand {
  readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /**
   * Model-backed: the router sends the deferral (Discord allows 3 s to acknowledge) before `execute` runs, and
   * `execute` works while it is in flight.
   */
  readonly defer: boolean;
  execute(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, deps: CommandDeps): Promise<void>;
}

/** Discord locales each catalogue language is offered under (Discord names German `de` but Spanish `es-ES`). */
const DISCORD_LOCALES_BY_LANGUAGE: Readonly<Record<string, readonly Locale[]>> = { de: [Locale.German] };

/** The English text of a catalogue key, for registration data. */
export function english(key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  return translate('en', key, params);
}

/** `*_localizations` for registration data: every non-English catalogue entry under its Discord locales. */
export function localized(
  key: MessageKey,
  params: Readonly<Record<string, string | number>> = {},
): LocalizationMap {
  const map: LocalizationMap = {};
  for (const [language, locales] of Object.entries(DISCORD_LOCALES_BY_LANGUAGE)) {
    if (!catalogueEntry(language, key)) continue;
    const text = translate(language, key, params);
    for (const locale of locales) map[locale] = text;
  }
  return map;
}

/**
 * Manage Server, checked when the command runs: registration's default_member_permissions only hides a command,
 * and a server may open it to any role or member. Missing permissions (a DM has none) mean no.
 */
export function requireManageServer(interaction: Interaction, refusal: MessageKey): void {
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) === true) return;
  throw new UserFacingError(translate(interaction.locale, refusal), 'missing-permission');
}

/** Installed to servers and used in their channels only: no DMs, no user installs, no group DMs. */
export const GUILD_ONLY = {
  contexts: InteractionContextType.Guild,
  integrationTypes: ApplicationIntegrationType.GuildInstall,
} as const;

/** Whether a command's registration limits it to servers (contexts: [Guild]). */
export function isGuildOnly(data: RESTPostAPIChatInputApplicationCommandsJSONBody): boolean {
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

/** "Deutsch (German)": the language's own name, then its English one, as Discord shows choices untranslated. */
function languageChoiceName(tag: string): string {
  const own = new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
  const english = new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
  const capitalised = own.charAt(0).toLocaleUpperCase(tag) + own.slice(1);
  return capitalised === english ? english : `${capitalised} (${english})`;
}

/** Article ids are autocomplete values, which Discord caps at 100 characters. */
const ARTICLE_OPTION_MAX_CHARS = 100;

/** The optional, autocompleted `article` option of /summary and /ask. */
export function addArticleOption(key: 'command.summary.article' | 'command.ask.article') {
  return (option: SlashCommandStringOption) =>
    option
      .setName('article')
      .setDescription(english(key))
      .setDescriptionLocalizations(localized(key))
      .setAutocomplete(true)
      .setMaxLength(ARTICLE_OPTION_MAX_CHARS);
}

/** The optional `language` option of /summary and /ask. */
export function addLanguageOption(key: 'command.summary.language' | 'command.ask.language') {
  return (option: SlashCommandStringOption) =>
    option
      .setName('language')
      .setDescription(english(key))
      .setDescriptionLocalizations(localized(key))
      .addChoices(REPLY_LANGUAGES.map((tag) => ({ name: languageChoiceName(tag), value: tag })));
}

/**
 * The reply language: the `language` option when given, else the asker's Discord language (quotes stay in the
 * article's language).
 */
export function replyLanguage(interaction: Interaction): string {
  const chosen = interaction.isChatInputCommand() ? interaction.options.getString('language') : null;
  return primaryLanguage(chosen ?? interaction.locale);
}
