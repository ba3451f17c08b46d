import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import type { Config } from '../core/config.ts';
import { UserFacingError } from '../core/errors.ts';
import { ingestPaths } from '../ingest/files.ts';
import type { ConsoleServices } from './digest-preview.ts';
import { inMemoryConversation } from './follow-up.ts';
import type { Output } from './print.ts';
import { completeLine, executeLine, type SessionDeps } from './session.ts';

/** The articles that ship with newsdesk, imported on first run so the console has something to answer from. */
export const BUNDLED_SAMPLES_DIR = path.resolve(import.meta.dirname, '../../data/samples');

const stdout: Output = { write: (text) => process.stdout.write(text) };

function describeStore(storeUrl: string): string {
  return storeUrl.replace(/\/\/[^@/]*@/, '//***@');
}

function banner(config: Config, provider: string, reason: string | undefined): string {
  const why =
    reason === 'no-token' ? 'No DISCORD_TOKEN is set, so newsdesk runs here in your terminal.\n' : '';
  const answerer =
    provider === 'anthropic'
      ? `Answers come from Anthropic (${config.anthropic.model}).`
      : 'Answers are offline (extractive): set ANTHROPIC_API_KEY for model-written answers.';
  return `newsdesk console\n${why}${answerer}\nStore: ${describeStore(config.storeUrl)}\nType /help for commands.\n`;
}

async function importSamplesIfEmpty(deps: SessionDeps, notes: Output): Promise<void> {
  if (deps.store.count() > 0) return;
  const outcome = await ingestPaths([BUNDLED_SAMPLES_DIR], { store: deps.store, dryRun: false });
  notes.write(`The store was empty: imported ${outcome.new} bundled sample articles from data/samples.\n`);
}

async function interactive(deps: SessionDeps): Promise<number> {
  const lines = readline.createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: Boolean(process.stdin.isTTY),
    completer: (line: string) => completeLine(deps.store, line),
  });
  lines.setPrompt('newsdesk> ');
  lines.prompt();
  let failures = 0;
  for await (const line of lines) {
    const outcome = await executeLine(deps, line);
    if (outcome.failed) failures += 1;
    if (outcome.quit) break;
    lines.prompt();
  }
  lines.close();
  return process.stdin.isTTY || failures === 0 ? 0 : 1;
}

async function evaluate(deps: SessionDeps, commands: readonly string[]): Promise<number> {
  let failures = 0;
  for (const command of commands) {
    const outcome = await executeLine(deps, command);
    if (outcome.failed) failures += 1;
    if (outcome.quit) break;
  }
  return failures === 0 ? 0 : 1;
}

export interface ConsoleOptions {
  /** The flags, read with consoleFlags before anything was opened. */
  readonly flags: ConsoleFlags;
  /** Why the console runs (`no-token`: `npm start` without a Discord token), for the banner. */
  readonly reason?: string | undefined;
  /** Which answerer serves, for the banner. */
  readonly provider: 'anthropic' | 'extractive';
}

/** The local console: the same services and labels as Discord, typed as slash commands. */
export async function runConsole(
  config: Config,
  services: ConsoleServices,
  options: ConsoleOptions,
): Promise<number> {
  const scripted = options.flags.eval.length > 0;
  // Scripted output is for scripts and docs: keep stdout to the answers and put the chatter on stderr.
  const notes: Output = scripted ? { write: (text) => process.stderr.write(text) } : stdout;
  const conversation = inMemoryConversation();
  const deps: SessionDeps = { ...services, out: stdout, language: 'en', conversation, notes };
  notes.write(banner(config, options.provider, options.reason));
  await importSamplesIfEmpty(deps, notes);
  return scripted ? await evaluate(deps, options.flags.eval) : await interactive(deps);
}

export interface ConsoleFlags {
  readonly eval: readonly string[];
}

/** `npm run console [-- --eval "/summary" …]`'s flags; a mistake is a UserFacingError with the usage. */
export function consoleFlags(argv: readonly string[]): ConsoleFlags {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { eval: { type: 'string', multiple: true, default: [] } },
    });
    return { eval: values.eval };
  } catch (error) {
    throw new UserFacingError(
      `${error instanceof Error ? error.message : String(error)}\nUsage: npm run console [-- --eval "/ask question:…"]…`,
      'usage',
    );
  }
}
