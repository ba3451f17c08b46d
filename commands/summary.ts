import { type ChatInputCommandInteraction, SlashCommandBuilder } from 'discord.js';
import { SUMMARY_LENGTHS, type SummaryLength } from '../src/answer/types.ts';
import { respondWithArticles } from '../src/discord/autocomplete.ts';
import {
  addArticleOption,
  addLanguageOption,
  english,
  GUILD_ONLY,
  localized,
  replyLanguage,
  requestContext,
  type SlashCommand,
} from '../src/discord/command.ts';
import { answerFromStream } from '../src/discord/reply.ts';

const DEFAULT_LENGTH: SummaryLength = 'standard';

const data = new SlashCommandBuilder()
  .setName('summary')
  .setDescription(english('command.summary.description'))
  .setDescriptionLocalizations(localized('command.summary.description'))
  // Servers only: the daily AI budget is a server's, and a DM or a user install would have none (README: Security).
  .setContexts(GUILD_ONLY.contexts)
  .setIntegrationTypes(GUILD_ONLY.integrationTypes)
  .addStringOption(addArticleOption('command.summary.article'))
  .addStringOption((option) =>
    option
      .setName('length')
      .setDescription(english('command.summary.length'))
      .setDescriptionLocalizations(localized('command.summary.length'))
      .addChoices(
        SUMMARY_LENGTHS.map((length) => ({
          name: english(`command.summary.length.${length}`),
          name_localizations: localized(`command.summary.length.${length}`),
          value: length,
        })),
      ),
  )
  .addStringOption(addLanguageOption('command.summary.language'));

function readLength(interaction: ChatInputCommandInteraction): SummaryLength {
  const given = interaction.options.getString('length');
  return SUMMARY_LENGTHS.find((length) => length === given) ?? DEFAULT_LENGTH;
}

/** `/summary [article] [length]`: a summary of one stored article (the latest when none is given). */
export const summary: SlashCommand = {
  data: data.toJSON(),
  defer: true,
  async execute(interaction, context) {
    const language = replyLanguage(interaction);
    const events = context.newsroom.summary({
      article: interaction.options.getString('article') ?? undefined,
      length: readLength(interaction),
      language,
      context: requestContext(interaction),
      signal: context.signal,
    });
    await answerFromStream(interaction, events, { ...context, language });
  },
  autocomplete: (interaction, deps) => respondWithArticles(interaction, deps),
};
