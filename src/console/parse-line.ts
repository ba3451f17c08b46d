import type { RawOptions } from '../../commands/types.ts';
import {
  CONSOLE_ONLY_COMMANDS,
  type ConsoleOnlyCommand,
  type SharedCommand,
  sharedCommand,
} from './commands.ts';
import { followUpText } from './follow-up.ts';

export type ParsedLine =
  | { readonly kind: 'empty' }
  | { readonly kind: 'unknown'; readonly name: string }
  /** A command of commands/, its options read as the command's data names them. */
  | {
      readonly kind: 'shared';
      readonly command: SharedCommand;
      readonly raw: RawOptions;
    }
  /** A console-only command; `rest` is its text (`/digest preview`, `/articles tram`). */
  | { readonly kind: 'console'; readonly name: ConsoleOnlyCommand; readonly rest: string }
  /** `> question`: a follow-up on the last answer (src/console/follow-up.ts). */
  | { readonly kind: 'follow-up'; readonly question: string };

const isConsoleOnly = (name: string): name is ConsoleOnlyCommand =>
  (CONSOLE_ONLY_COMMANDS as readonly string[]).includes(name);

/**
 * Splits a body the way Discord's client fills options: each `name:` of a known option starts a value that runs
 * until the next known `name:`, so values may contain spaces and colons ("question:What happened at 5:30?").
 */
export function splitOptions(body: string, known: readonly string[]) {
  if (known.length === 0) return { options: {}, rest: body.trim() };
  const marker = new RegExp(`(?:^|\\s)(${known.join('|')}):`, 'g');
  const starts = [...body.matchAll(marker)];
  const options: Record<string, string> = {};
  starts.forEach((start, i) => {
    const valueStart = (start.index ?? 0) + start[0].length;
    const valueEnd = starts[i + 1]?.index ?? body.length;
    options[start[1] as string] = body.slice(valueStart, valueEnd).trim();
  });
  return { options, rest: body.slice(0, starts[0]?.index ?? body.length).trim() };
}

/** `/name option:value option:value`, with the option names of the command's own data. */
export function parseLine(line: string): ParsedLine {
  const trimmed = line.trim();
  if (trimmed === '') return { kind: 'empty' };
  const followUp = followUpText(trimmed);
  if (followUp !== undefined) return { kind: 'follow-up', question: followUp };
  const match = /^\/?(\S+)\s*([\s\S]*)$/.exec(trimmed);
  const name = (match?.[1] ?? '').toLowerCase();
  const body = match?.[2] ?? '';
  if (isConsoleOnly(name)) return { kind: 'console', name, rest: body.trim() };
  const command = sharedCommand(name);
  if (!command) return { kind: 'unknown', name };
  const [first] = command.data.options;
  const { options, rest } = splitOptions(
    body,
    command.data.options.map((option) => option.name),
  );
  // Text before any `name:` fills the first required (or only) option: `/ask What happened?`, `/news tram`.
  const fills = first?.required || command.data.options.length === 1;
  const values =
    fills && first && rest && options[first.name] === undefined
      ? { ...options, [first.name]: rest }
      : options;
  return { kind: 'shared', command, raw: { values } };
}
