import { parseArgs } from 'node:util';
import { ask } from '../../commands/ask.ts';
import { summary } from '../../commands/summary.ts';
import type { AnswerReply, AnswerServices, Command, RawOptions } from '../../commands/types.ts';
import { type CompletedReply, collectReply } from '../answer/collect.ts';
import { UserFacingError } from '../core/errors.ts';

const USAGE = `Usage:
  npm run cli -- summary [--article ID] [--length brief|standard|detailed] [--language en] [--json]
  npm run cli -- ask "question" [--article ID] [--language en] [--json]`;

const OPTIONS = {
  article: { type: 'string' },
  length: { type: 'string', default: 'standard' },
  language: { type: 'string', default: 'en' },
  json: { type: 'boolean', default: false },
} as const;

/** The commands of commands/ the CLI runs, typed by the services it has. */
const CLI_COMMANDS: Readonly<Record<'summary' | 'ask', Command<AnswerServices, AnswerReply>>> = {
  summary,
  ask,
};

/** The stable JSON shape operators' scripts rely on: keep these field names. */
export function replyJson(reply: CompletedReply) {
  const { result, article } = reply;
  return {
    text: result.text,
    answered: result.answered,
    citations: result.citations.map(({ quote, paragraph }) => ({ quote, paragraph })),
    provider: result.provider,
    model: result.model,
    article: { id: article.id, title: article.title },
    disclaimer: reply.disclaimer,
    usage: result.usage,
    cached: result.cached,
    fallbackReason: result.fallbackReason ?? null,
    pickedBy: reply.pickedBy,
  };
}

function parseFlags(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true });
  } catch (error) {
    throw new UserFacingError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`, 'usage');
  }
}

/** What the command line asks for: the command, its options as the command reads them, and the output form. */
export interface AnswerArgs {
  readonly command: 'summary' | 'ask';
  readonly raw: RawOptions;
  readonly json: boolean;
}

/** Reads the flags onto the command's options; a mistake in the command line is a UserFacingError with the usage. */
export function answerArgs(argv: readonly string[]): AnswerArgs {
  const { values, positionals } = parseFlags(argv);
  const [command, ...words] = positionals;
  const common = { article: values.article, language: values.language };
  if (command === 'summary')
    return { command, raw: { values: { ...common, length: values.length } }, json: values.json };
  if (command !== 'ask') throw new UserFacingError(USAGE, 'usage');
  const question = words.join(' ');
  // The question is the CLI's positional argument: without one, the command line itself is incomplete.
  if (!question.trim()) throw new UserFacingError(`Missing the question.\n${USAGE}`, 'usage');
  return { command, raw: { values: { ...common, question } }, json: values.json };
}

function printPlain(reply: CompletedReply): void {
  const { article, result } = reply;
  const label = result.provider === 'extractive' ? ' (offline answer: extractive, no language model)' : '';
  const lines = [`${article.title} [${article.id}]${label}`, '', result.text];
  if (result.citations.length > 0)
    lines.push('', ...result.citations.map((c) => `> ${c.quote} (¶${c.paragraph + 1})`));
  lines.push('', `— ${reply.disclaimer}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `npm run cli -- summary|ask …` over opened services: the same commands as Discord and the console. */
export async function runAnswer(args: AnswerArgs, services: AnswerServices): Promise<number> {
  const request = {
    guildId: null,
    userId: null,
    locale: 'en',
    guildLocale: null,
    mayManageServer: false,
    signal: new AbortController().signal,
  };
  const answer = await CLI_COMMANDS[args.command].execute(args.raw, { ...services, request });
  const reply = await collectReply(answer.events);
  if (args.json) process.stdout.write(`${JSON.stringify(replyJson(reply))}\n`);
  else printPlain(reply);
  return 0;
}
