import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  Interaction,
  LocalizationMap,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { Locale } from 'discord.js';
import type { Newsroom, RequestContext } from '../answer/newsroom-types.ts';
import type { ArticleStore } from '../articles/article.ts';
import { catalogueEntry, type MessageKey, primaryLanguage, translate } from '../i18n/index.ts';
import type { Logger } from '../log.ts';

/** What a command may use; passed in by the router, never imported as a singleton. */
export interface CommandDeps {
  readonly newsroom: Newsroom;
  readonly store: ArticleStore;
  readonly logger: Logger;
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
export function english(key: MessageKey): string {
  return translate('en', key);
}

/** `*_localizations` for registration data: every non-English catalogue entry under its Discord locales. */
export function localized(key: MessageKey): LocalizationMap {
  const map: LocalizationMap = {};
  for (const [language, locales] of Object.entries(DISCORD_LOCALES_BY_LANGUAGE)) {
    const text = catalogueEntry(language, key);
    if (text) for (const locale of locales) map[locale] = text;
  }
  return map;
}

export function requestContext(interaction: Interaction): RequestContext {
  return { guildId: interaction.guildId, userId: interaction.user.id };
}

/** The reply language: the asker's Discord language (quotes stay in the article's language). */
export function replyLanguage(interaction: Interaction): string {
  return primaryLanguage(interaction.locale);
}
