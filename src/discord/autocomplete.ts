import type { APIApplicationCommandOptionChoice, AutocompleteInteraction } from 'discord.js';
import type { CommandData, OptionSpec } from '../../commands/types.ts';
import type { ArticleStore, ArticleSummaryEntry } from '../articles/article.ts';
import { dateTimeFormat } from '../core/date-formats.ts';
import type { Logger } from '../core/log.ts';
import { canonicalTimeZone } from '../digest/schedule.ts';
import { timeZoneChoices, zoneLabel } from '../digest/timezones.ts';
import { DISCORD_LIMITS } from './render.ts';
import { oneLine, truncate } from './text.ts';

/** Longest typed text we search for; Discord sends up to the option's max length on every keystroke. */
const QUERY_MAX_CHARS = 200;
/** Zero-width and bidi controls, other control characters: invisible, never meant as search words. */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

export function cleanQuery(typed: unknown): string {
  if (typeof typed !== 'string') return '';
  return oneLine(typed.replace(INVISIBLE, ' ')).slice(0, QUERY_MAX_CHARS);
}

const MEDIUM_UTC_DAY: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeZone: 'UTC' };

/** The publication day as `locale` writes it (`31.01.2026`, `31 janv. 2026`); ISO without a locale or a date. */
function publishedDay(iso: string, locale: string | undefined): string {
  const ms = Date.parse(iso);
  if (!locale || Number.isNaN(ms)) return iso.slice(0, 10);
  try {
    return dateTimeFormat(locale, MEDIUM_UTC_DAY).format(ms);
  } catch {
    return iso.slice(0, 10);
  }
}

/** `Title · 2026-01-31` (the date in the reader's locale), the title shortened to fit Discord's 100 characters. */
export function choiceName(entry: ArticleSummaryEntry, locale?: string): string {
  const date = publishedDay(entry.publishedAt, locale);
  const suffix = date ? ` · ${date}` : '';
  const title = oneLine(entry.title.replace(INVISIBLE, ' ')) || entry.id;
  return truncate(
    `${truncate(title, DISCORD_LIMITS.choiceNameChars - suffix.length)}${suffix}`,
    DISCORD_LIMITS.choiceNameChars,
  );
}

/** Up to 25 stored articles matching the typed text (the newest when it is empty), as autocomplete choices. */
export function articleChoices(
  store: Pick<ArticleStore, 'search'>,
  typed: unknown,
  locale?: string,
): APIApplicationCommandOptionChoice<string>[] {
  return store
    .search(cleanQuery(typed), DISCORD_LIMITS.autocompleteChoices)
    .filter((hit) => hit.id.length > 0 && hit.id.length <= DISCORD_LIMITS.choiceValueChars)
    .slice(0, DISCORD_LIMITS.autocompleteChoices)
    .map((hit) => ({ name: choiceName(hit, locale), value: hit.id }));
}

/**
 * Answers an article autocomplete. `fallbackQuery` ranks by another option (the /ask question) while the article
 * box is still empty. Any internal failure answers with no choices rather than leaving the menu spinning.
 */
export async function respondWithArticles(
  interaction: AutocompleteInteraction,
  deps: { readonly store: Pick<ArticleStore, 'search'>; readonly logger: Logger },
  fallbackQuery?: () => string | null,
): Promise<void> {
  let choices: APIApplicationCommandOptionChoice<string>[] = [];
  try {
    const typed = cleanQuery(interaction.options.getFocused());
    choices = articleChoices(deps.store, typed || cleanQuery(fallbackQuery?.()), interaction.locale);
  } catch (error) {
    deps.logger.warn(
      { err: error, command: interaction.commandName },
      'autocomplete search failed; answering empty',
    );
  }
  await interaction.respond(choices);
}

/**
 * Time zones for `/digest set timezone`; a valid zone typed in full that the list lacks (an old name like
 * Europe/Kiev, US/Eastern) comes first, as typed: the server keeps the name it picked.
 */
export async function respondWithTimeZones(interaction: AutocompleteInteraction): Promise<void> {
  const typed = String(interaction.options.getFocused() ?? '');
  const exact = canonicalTimeZone(typed);
  const now = new Date();
  const choices = timeZoneChoices(typed, now);
  if (exact && !choices.some((c) => c.value === exact))
    choices.unshift({ name: zoneLabel(exact, now), value: exact });
  await interaction.respond(choices.slice(0, DISCORD_LIMITS.autocompleteChoices));
}

function focusedSpec(data: CommandData, interaction: AutocompleteInteraction): OptionSpec | undefined {
  const subcommand = interaction.options.getSubcommand(false);
  const options = data.subcommands.find((sub) => sub.name === subcommand)?.options ?? data.options;
  const focused = interaction.options.getFocused(true).name;
  return options.find((option) => option.name === focused);
}

/** Suggestions for the option being typed, as its command's data asks; none for an option without them. */
export async function autocompleteFromData(
  data: CommandData,
  interaction: AutocompleteInteraction,
  deps: { readonly store: Pick<ArticleStore, 'search'>; readonly logger: Logger },
): Promise<void> {
  const spec = focusedSpec(data, interaction);
  const kind = spec?.type === 'string' ? spec.autocomplete : undefined;
  if (kind?.kind === 'time-zones') return respondWithTimeZones(interaction);
  if (kind?.kind !== 'articles') return interaction.respond([]);
  const { fallbackOption } = kind;
  return respondWithArticles(
    interaction,
    deps,
    fallbackOption ? () => interaction.options.getString(fallbackOption) : undefined,
  );
}
