/** The console's commands and their options, as in Discord: `/name option:value option:value`. */
export const CONSOLE_COMMANDS = {
  summary: ['article', 'length', 'language'],
  ask: ['question', 'article', 'language'],
  digest: [],
  articles: [],
  help: [],
  quit: [],
} as const satisfies Record<string, readonly string[]>;

export type ConsoleCommandName = keyof typeof CONSOLE_COMMANDS;

export type ParsedLine =
  | { readonly kind: 'empty' }
  | { readonly kind: 'unknown'; readonly name: string }
  | {
      readonly kind: 'command';
      readonly name: ConsoleCommandName;
      readonly options: Readonly<Record<string, string>>;
      /** Text that is not an option value: the subcommand or search words (`/digest preview`, `/articles tram`). */
      readonly rest: string;
    };

const isCommand = (name: string): name is ConsoleCommandName => Object.hasOwn(CONSOLE_COMMANDS, name);

/**
 * Splits a line the way Discord's client fills options: each `name:` of a known option starts a value that runs
 * until the next known `name:`, so values may contain spaces and colons ("question:What happened at 5:30?").
 */
export function parseLine(line: string): ParsedLine {
  const trimmed = line.trim();
  if (trimmed === '') return { kind: 'empty' };
  const match = /^\/?(\S+)\s*([\s\S]*)$/.exec(trimmed);
  const name = (match?.[1] ?? '').toLowerCase();
  if (!isCommand(name)) return { kind: 'unknown', name };
  const body = match?.[2] ?? '';
  const known: readonly string[] = CONSOLE_COMMANDS[name];
  if (known.length === 0) return { kind: 'command', name, options: {}, rest: body.trim() };
  const marker = new RegExp(`(?:^|\\s)(${known.join('|')}):`, 'g');
  const starts = [...body.matchAll(marker)];
  const options: Record<string, string> = {};
  starts.forEach((start, i) => {
    const valueStart = (start.index ?? 0) + start[0].length;
    const valueEnd = starts[i + 1]?.index ?? body.length;
    options[start[1] as string] = body.slice(valueStart, valueEnd).trim();
  });
  const rest = body.slice(0, starts[0]?.index ?? body.length).trim();
  return { kind: 'command', name, options, rest };
}
