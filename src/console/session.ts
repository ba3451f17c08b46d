import type { AnswerReply, CommandReply, CommandRequest } from '../../commands/types.ts';
import { collectReply } from '../answer/collect.ts';
import { ArticleNotResolvedError, describeUnresolved } from '../answer/resolve.ts';
import type { ArticleStore } from '../articles/article.ts';
import { UserFacingError } from '../core/errors.ts';
import { translator } from '../core/i18n/index.ts';
import { CONSOLE_COMMAND_NAMES, type ConsoleOnlyCommand, SHARED_COMMANDS } from './commands.ts';
import { type ConsoleServices, previewDigest } from './digest-preview.ts';
import { type ConsoleConversation, followUpReply, hintOnce, rememberTurn } from './follow-up.ts';
import { type ParsedLine, parseLine } from './parse-line.ts';
import { articleLine, createStreamPrinter, type Output, printDigest } from './print.ts';
import { printArticleList, printHelp } from './print-news.ts';

export interface SessionDeps extends ConsoleServices {
  readonly out: Output;
  readonly language: string;
  /** The follow-up conversation (`> question`); without it answers are not followed up. */
  readonly conversation?: ConsoleConversation | undefined;
  /** Where chatter goes (hints), apart from the answers; none: no hints. */
  readonly notes?: Output | undefined;
}

/** The terminal asks as nobody in no server, in the console's language; nothing aborts it. */
function consoleRequest(deps: SessionDeps): CommandRequest {
  return {
    guildId: null,
    userId: null,
    locale: deps.language,
    guildLocale: null,
    mayManageServer: false,
    signal: new AbortController().signal,
  };
}

/** An answer streamed as it is written, then remembered for the follow-up prompt. */
async function printAnswer(deps: SessionDeps, reply: AnswerReply, followedUp: boolean): Promise<void> {
  const printer = createStreamPrinter(deps.out, deps.language);
  const completed = await collectReply(reply.events, (event) => printer.onEvent(event));
  printer.finish(completed);
  await rememberTurn(deps, reply, completed, followedUp);
  hintOnce(deps);
}

/** Prints a reply model: an answer streamed as it is written, a digest, or a notice. */
async function printReply(deps: SessionDeps, reply: CommandReply, followedUp = false): Promise<void> {
  if (reply.kind === 'answer') await printAnswer(deps, reply, followedUp);
  else if (reply.kind === 'digest') printDigest(deps.out, reply);
  else if (reply.kind === 'notice') deps.out.write(`${reply.text}\n`);
  else if (reply.kind === 'articles') printArticleList(deps.out, reply);
  else if (reply.kind === 'help')
    printHelp(
      deps.out,
      SHARED_COMMANDS.map((command) => command.data),
      reply.locale,
    );
}

type ConsoleHandler = (deps: SessionDeps, rest: string) => Promise<CommandReply>;

const CONSOLE_ONLY: Record<Exclude<ConsoleOnlyCommand, 'quit'>, ConsoleHandler> = {
  async articles(deps, rest) {
    const hits = deps.store.search(rest, 10);
    const text = hits.length === 0 ? 'No article matches.' : hits.map(articleLine).join('\n');
    return { kind: 'notice', text };
  },
  async digest(deps, rest) {
    if (rest !== 'preview') throw new UserFacingError('The console offers `/digest preview`.', 'bad-option');
    return previewDigest(deps, deps.language);
  },
};

/** The reply model of a command line: a command of commands/, or one of the console's own. */
function replyFor(
  deps: SessionDeps,
  parsed: Extract<ParsedLine, { kind: 'shared' | 'console' | 'follow-up' }>,
): Promise<CommandReply> | undefined {
  if (parsed.kind === 'follow-up') return followUpReply(deps, parsed.question);
  if (parsed.kind === 'shared')
    return parsed.command.execute(parsed.raw, { ...deps, request: consoleRequest(deps) });
  return parsed.name === 'quit' ? undefined : CONSOLE_ONLY[parsed.name](deps, parsed.rest);
}

function reportFailure(deps: SessionDeps, line: string, error: unknown): void {
  if (error instanceof ArticleNotResolvedError)
    deps.out.write(`${describeUnresolved(error, translator(deps.language), (title) => title)}\n`);
  else if (error instanceof UserFacingError) deps.out.write(`${error.message}\n`);
  else {
    deps.logger.error({ err: error, line }, 'console command failed');
    deps.out.write('Something went wrong while answering; the details are in the log (stderr).\n');
  }
}

/** Runs one console line. Returns quit when the user asked to. A problem prints one line, never throws. */
export async function executeLine(
  deps: SessionDeps,
  line: string,
): Promise<{ quit: boolean; failed: boolean }> {
  const parsed = parseLine(line);
  if (parsed.kind === 'empty') return { quit: false, failed: false };
  if (parsed.kind === 'unknown') {
    deps.out.write(`Unknown command "/${parsed.name}". Type /help for the list.\n`);
    return { quit: false, failed: true };
  }
  if (parsed.kind === 'console' && parsed.name === 'quit') return { quit: true, failed: false };
  try {
    const reply = await replyFor(deps, parsed);
    if (reply) await printReply(deps, reply, parsed.kind === 'follow-up');
    return { quit: false, failed: false };
  } catch (error) {
    reportFailure(deps, line, error);
    return { quit: false, failed: true };
  }
}

/** Tab completion: command names, then article ids after `article:` (matched on title words). */
export function completeLine(store: ArticleStore, line: string): [string[], string] {
  const commandOnly = /^\/?(\w*)$/.exec(line);
  if (commandOnly) {
    const names = CONSOLE_COMMAND_NAMES.map((name) => `/${name}`);
    return [names.filter((name) => name.startsWith(`/${commandOnly[1]}`)), line];
  }
  const article = /article:(\S*)$/.exec(line);
  if (article) {
    const hits = store.search(article[1] ?? '', 10);
    return [hits.map((hit) => `article:${hit.id}`), article[0]];
  }
  return [[], line];
}
