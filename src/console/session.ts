import { collectReply } from '../answer/collect.ts';
import type { Newsroom, ReplyEvent } from '../answer/newsroom-types.ts';
import { ArticleNotResolvedError, describeUnresolved } from '../answer/resolve.ts';
import { SUMMARY_LENGTHS, type SummaryLength } from '../answer/types.ts';
import type { ArticleStore } from '../articles/article.ts';
import { UserFacingError } from '../core/errors.ts';
import { translator } from '../core/i18n/index.ts';
import type { Logger } from '../core/log.ts';
import { CONSOLE_COMMANDS, type ConsoleCommandName, parseLine } from './parse-line.ts';
import { articleLine, createStreamPrinter, type Output } from './print.ts';

export interface SessionDeps {
  readonly newsroom: Newsroom;
  readonly store: ArticleStore;
  readonly out: Output;
  readonly logger: Logger;
  readonly language: string;
}

type Options = Readonly<Record<string, string>>;
type Handler = (deps: SessionDeps, options: Options, rest: string) => Promise<void>;

const CONSOLE_CONTEXT = { guildId: null, userId: null };
const DIGEST_PREVIEW_ITEMS = 5;

export const HELP = `Commands (as in Discord):
  /summary [article:<id or words>] [length:brief|standard|detailed] [language:<code>]
  /ask question:<your question> [article:<id or words>] [language:<code>]
  /articles [words]        list the newest articles, or search them
  /digest preview          what the daily digest would post now
  /help                    this list
  /quit                    leave (Ctrl+D works too)
Tab completes commands, and article ids after "article:".`;

async function streamReply(deps: SessionDeps, events: AsyncIterable<ReplyEvent>): Promise<void> {
  const printer = createStreamPrinter(deps.out, deps.language);
  printer.finish(await collectReply(events, (event) => printer.onEvent(event)));
}

function lengthOption(value: string | undefined): SummaryLength {
  if (value === undefined || value === '') return 'standard';
  if ((SUMMARY_LENGTHS as readonly string[]).includes(value)) return value as SummaryLength;
  throw new UserFacingError(
    `length must be one of ${SUMMARY_LENGTHS.join(', ')} (got "${value}").`,
    'bad-option',
  );
}

const HANDLERS: Record<Exclude<ConsoleCommandName, 'quit'>, Handler> = {
  summary: (deps, options) =>
    streamReply(
      deps,
      deps.newsroom.summary({
        article: options.article,
        length: lengthOption(options.length),
        language: options.language || deps.language,
        context: CONSOLE_CONTEXT,
      }),
    ),
  ask: (deps, options, rest) =>
    streamReply(
      deps,
      deps.newsroom.ask({
        question: options.question ?? rest,
        article: options.article,
        language: options.language || deps.language,
        context: CONSOLE_CONTEXT,
      }),
    ),
  async articles(deps, _options, rest) {
    const hits = deps.store.search(rest, 10);
    deps.out.write(hits.length === 0 ? 'No article matches.\n' : `${hits.map(articleLine).join('\n')}\n`);
  },
  async digest(deps, _options, rest) {
    if (rest !== 'preview') throw new UserFacingError('The console offers `/digest preview`.', 'bad-option');
    const latest = await deps.store.latest(DIGEST_PREVIEW_ITEMS);
    for (const article of latest) {
      await streamReply(
        deps,
        deps.newsroom.summary({
          article: article.id,
          length: 'brief',
          language: deps.language,
          context: CONSOLE_CONTEXT,
        }),
      );
    }
  },
  async help(deps) {
    deps.out.write(`${HELP}\n`);
  },
};

/** Runs one console line. Returns false when the user asked to quit. A problem prints one line, never throws. */
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
  if (parsed.name === 'quit') return { quit: true, failed: false };
  try {
    await HANDLERS[parsed.name](deps, parsed.options, parsed.rest);
    return { quit: false, failed: false };
  } catch (error) {
    if (error instanceof ArticleNotResolvedError)
      deps.out.write(`${describeUnresolved(error, translator(deps.language), (title) => title)}\n`);
    else if (error instanceof UserFacingError) deps.out.write(`${error.message}\n`);
    else {
      deps.logger.error({ err: error, line }, 'console command failed');
      deps.out.write('Something went wrong while answering; the details are in the log (stderr).\n');
    }
    return { quit: false, failed: true };
  }
}

/** Tab completion: command names, then article ids after `article:` (matched on title words). */
export function completeLine(store: ArticleStore, line: string): [string[], string] {
  const commandOnly = /^\/?(\w*)$/.exec(line);
  if (commandOnly) {
    const names = Object.keys(CONSOLE_COMMANDS).map((name) => `/${name}`);
    return [names.filter((name) => name.startsWith(`/${commandOnly[1]}`)), line];
  }
  const article = /article:(\S*)$/.exec(line);
  if (article) {
    const hits = store.search(article[1] ?? '', 10);
    return [hits.map((hit) => `article:${hit.id}`), article[0]];
  }
  return [[], line];
}
