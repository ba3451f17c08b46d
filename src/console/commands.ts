import { ask } from '../../commands/ask.ts';
import { summary } from '../../commands/summary.ts';
import type { AnswerReply, AnswerServices, Command } from '../../commands/types.ts';

/**
 * The commands the console offers from commands/, typed by the services it has: the newsroom and the store.
 * /usage and /digest need the server's accounting and digest service, which a terminal has not: the console
 * has its own /digest preview of the real composed digest (digest-preview.ts).
 */
export const SHARED_COMMANDS: readonly Command<AnswerServices, AnswerReply>[] = [summary, ask];

/** The console's own commands (no options): they exist only here. */
export const CONSOLE_ONLY_COMMANDS = ['digest', 'articles', 'help', 'quit'] as const;

export type ConsoleOnlyCommand = (typeof CONSOLE_ONLY_COMMANDS)[number];

export function sharedCommand(name: string): Command<AnswerServices, AnswerReply> | undefined {
  return SHARED_COMMANDS.find((command) => command.data.name === name);
}

export const CONSOLE_COMMAND_NAMES: readonly string[] = [
  ...SHARED_COMMANDS.map((command) => command.data.name),
  ...CONSOLE_ONLY_COMMANDS,
];
