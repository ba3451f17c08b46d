import { ask } from '../../commands/ask.ts';
import { help } from '../../commands/help.ts';
import { news } from '../../commands/news.ts';
import { summary } from '../../commands/summary.ts';
import type {
  AnswerReply,
  AnswerServices,
  ArticleListReply,
  Command,
  HelpReply,
  NoticeReply,
} from '../../commands/types.ts';

/** What the shared commands reply in the console: answers, the /news list, /help, notices. */
export type ConsoleReply = AnswerReply | ArticleListReply | HelpReply | NoticeReply;
export type SharedCommand = Command<AnswerServices, ConsoleReply>;

/**
 * The commands the console offers from commands/, typed by the services it has: the newsroom and the store.
 * /usage and /digest need the server's accounting and digest service, which a terminal has not: the console
 * has its own /digest preview of the real composed digest (digest-preview.ts).
 */
export const SHARED_COMMANDS: readonly SharedCommand[] = [summary, ask, news, help];

/** The console's own commands (no options): they exist only here. */
export const CONSOLE_ONLY_COMMANDS = ['digest', 'articles', 'quit'] as const;

export type ConsoleOnlyCommand = (typeof CONSOLE_ONLY_COMMANDS)[number];

export function sharedCommand(name: string): SharedCommand | undefined {
  return SHARED_COMMANDS.find((command) => command.data.name === name);
}

export const CONSOLE_COMMAND_NAMES: readonly string[] = [
  ...SHARED_COMMANDS.map((command) => command.data.name),
  ...CONSOLE_ONLY_COMMANDS,
];
