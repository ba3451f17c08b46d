import { SlashCommandBuilder } from 'discord.js';
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

const QUESTION_MAX_CHARS = 500;

const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription(english('command.ask.description'))
  .setDescriptionLocalizations(localized('command.ask.description'))
  // Servers only: the daily AI budget is a server's, and a DM or a user install would have none (README: Security).
  .setContexts(GUILD_ONLY.contexts)
  .setIntegrationTypes(GUILD_ONLY.integrationTypes)
  .addStringOption((option) =>
    option
      .setName('question')
      .setDescription(english('command.ask.question'))
      .setDescriptionLocalizations(localized('command.ask.question'))
      .setRequired(true)
      .setMaxLength(QUESTION_MAX_CHARS),
  )
  .addStringOption(addArticleOption('command.ask.article'))
  .addStringOption(addLanguageOption('command.ask.language'));

/** `/ask question [article]`: an answer only from the article; without one, the best-matching article, named. */
export const ask: SlashCommand = {
  data: data.toJSON(),
  defer: true,
  async execute(interaction, context) {
    const language = replyLanguage(interaction);
    const events = context.newsroom.ask({
      question: interaction.options.getString('question', true),
      article: interaction.options.getString('article') ?? undefined,
      language,
      context: requestContext(interaction),
      signal: context.signal,
    });
    await answerFromStream(interaction, events, { ...context, language });
  },
  // While the article box is empty, suggest the articles that best match the question typed so far.
  autocomplete: (interaction, deps) =>
    respondWithArticles(interaction, deps, () => interaction.options.getString('question')),
};
