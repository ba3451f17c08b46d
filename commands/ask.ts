import {
  articleOption,
  articleReference,
  InputError,
  languageOption,
  replyLanguageOf,
  textValue,
} from './input.ts';
import { QUESTION_MAX_CHARS } from './limits.ts';
import { type AnswerReply, type AnswerServices, type CommandData, defineCommand } from './types.ts';

const data: CommandData = {
  name: 'ask',
  description: { key: 'command.ask.description' },
  // Servers only: the daily AI budget is a server's, and a DM or a user install would have none (README: Security).
  access: { guildOnly: true, guildInstallOnly: true, manageServer: null },
  acknowledgement: 'public-at-once',
  options: [
    {
      type: 'string',
      name: 'question',
      description: { key: 'command.ask.question' },
      required: true,
      maxLength: QUESTION_MAX_CHARS,
    },
    // While the article box is empty, suggest the articles that best match the question typed so far.
    articleOption('command.ask.article', 'question'),
    languageOption('command.ask.language'),
  ],
  subcommands: [],
};

/** A question a model may see: not empty, within QUESTION_MAX_CHARS (also the digest's Ask modal's check). */
export function parseQuestion(typed: string | undefined): string {
  const question = typed?.trim() ?? '';
  if (question === '') throw new InputError('Please type a question about the article.', 'empty-question');
  if (question.length > QUESTION_MAX_CHARS) {
    throw new InputError(
      `That question is ${question.length} characters long; please keep it under ${QUESTION_MAX_CHARS}.`,
      'question-too-long',
      { max: QUESTION_MAX_CHARS },
    );
  }
  return question;
}

export interface AskInput {
  readonly question: string;
  readonly article: string | undefined;
  readonly language: string;
}

/** `/ask question [article]`: an answer only from the article; without one, the best-matching article, named. */
export const ask = defineCommand<AskInput, AnswerServices, AnswerReply>({
  data,
  parse: (raw, request) => ({
    question: parseQuestion(textValue(raw, 'question')),
    article: articleReference(raw),
    language: replyLanguageOf(raw, request),
  }),
  async run(input, { newsroom, request }) {
    const events = newsroom.ask({
      question: input.question,
      article: input.article,
      language: input.language,
      context: { guildId: request.guildId, userId: request.userId },
      signal: request.signal,
    });
    return {
      kind: 'answer',
      events,
      language: input.language,
      asked: { kind: 'ask', question: input.question },
    };
  },
});
