import { SUMMARY_LENGTHS, type SummaryLength } from '../src/answer/types.ts';
import { articleOption, articleReference, languageOption, oneOf, replyLanguageOf } from './input.ts';
import { type AnswerReply, type AnswerServices, type CommandData, defineCommand } from './types.ts';

const DEFAULT_LENGTH: SummaryLength = 'standard';

const data: CommandData = {
  name: 'summary',
  description: { key: 'command.summary.description' },
  // Servers only: the daily AI budget is a server's, and a DM or a user install would have none (README: Security).
  access: { guildOnly: true, guildInstallOnly: true, manageServer: null },
  acknowledgement: 'public-at-once',
  options: [
    articleOption('command.summary.article'),
    {
      type: 'string',
      name: 'length',
      description: { key: 'command.summary.length' },
      choices: SUMMARY_LENGTHS.map((length) => ({
        value: length,
        label: { key: `command.summary.length.${length}` },
      })),
    },
    languageOption('command.summary.language'),
  ],
  subcommands: [],
};

export interface SummaryInput {
  readonly article: string | undefined;
  readonly length: SummaryLength;
  readonly language: string;
}

/** `/summary [article] [length]`: a summary of one stored article (the latest when none is given). */
export const summary = defineCommand<SummaryInput, AnswerServices, AnswerReply>({
  data,
  parse: (raw, request) => ({
    article: articleReference(raw),
    length: oneOf(raw, 'length', SUMMARY_LENGTHS, DEFAULT_LENGTH),
    language: replyLanguageOf(raw, request),
  }),
  async run(input, { newsroom, request }) {
    const events = newsroom.summary({
      article: input.article,
      length: input.length,
      language: input.language,
      context: { guildId: request.guildId, userId: request.userId },
      signal: request.signal,
    });
    return { kind: 'answer', events, language: input.language, asked: { kind: 'summary', question: null } };
  },
});
